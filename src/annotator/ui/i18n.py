"""The window's language: English as written, or French through Qt's translation system.

Visible strings are written in English and marked ``tr_("…")`` (translated when called) or ``QT_TR_NOOP("…")``
(only marked, for tables made at import time, translated with ``tr_`` where they are shown); a text with a count
is ``trn_("%n span(s)", "", n)`` (Qt's plural forms). A text with values is translated whole, its values named:
``tr_("Delete “{title}”").format(title=…)``. All are in the one translation context "", which
``pyside6-lupdate`` reads with ``-tr-function-alias QT_TR_NOOP+=tr_,tr+=trn_`` (``make translations``);
strings of ``ui/accessibility.py`` are in the context "Accessibility". The sources
are ``resources/translations/annotator_<lang>.ts``, compiled by ``pyside6-lrelease`` into the ``.qm``
files the package ships.

The language follows the system (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, then ``LANGUAGE``, as on Unix; else
Qt's system locale) unless the user chose one in Preferences (``appearance/language``: ``system``, ``en``,
``fr``). A choice takes effect when the window is next opened (at the next start of the app). Label names
are data and never translated: the window shows the default labels by the display name their ``[labels.fr]``
table gives (``label_display``); the command line speaks English.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from importlib import resources

from PySide6.QtCore import QT_TR_NOOP, QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

LANGUAGE_KEY = "appearance/language"
LANGUAGES = {"en": "English", "fr": "Français"}
TRANSLATED = ("fr",)

# The menus, made by name (``MainWindow.menu``): marked here, translated where they are made.
MENU_NAMES = (
    QT_TR_NOOP("&File"),
    QT_TR_NOOP("&Edit"),
    QT_TR_NOOP("&Document"),
    QT_TR_NOOP("&View"),
    QT_TR_NOOP("&Tools"),
    QT_TR_NOOP("&Help"),
)
# Data values shown as words (the export dialog's statuses, the review states).
VALUE_NAMES = (
    QT_TR_NOOP("suggested"),
    QT_TR_NOOP("accepted"),
    QT_TR_NOOP("rejected"),
    QT_TR_NOOP("unreviewed"),
    QT_TR_NOOP("approved"),
)

_installed: list[QTranslator] = []
_language = "en"


def tr_(text: str) -> str:
    """``text`` in the window's language (English when there is no translation)."""
    return QCoreApplication.translate("", text)


def trn_(text: str, disambiguation: str, n: int) -> str:
    """``text`` with a count: Qt's plural forms (``%n``, replaced by ``n``), e.g. ``trn_("%n span(s)", "", n)``
    (the arguments of Qt's ``tr``, which ``lupdate`` reads them as).

    The French translation gives each form (« 0 suggestion », « 1 suggestion », « 2 suggestions »); the English
    source writes a plural ending in brackets and other words as ``[one|many]``, resolved here when no
    translation applies: "%n span(s) [is|are] left" → "1 span is left", "2 spans are left"."""
    shown = QCoreApplication.translate("", text, disambiguation or None, n)
    if "(s)" in shown:
        shown = shown.replace("(s)", "" if n == 1 else "s")
    if "|" in shown:
        shown = _CHOICE.sub(lambda m: m.group(1) if n == 1 else m.group(2), shown)
    return shown


_CHOICE = re.compile(r"\[([^\[\]|]*)\|([^\[\]|]*)\]")


def number(n: int) -> str:
    """``n`` written as the window's language writes numbers (12,345; 12 345 in French)."""
    return QLocale().toString(n)


def system_language() -> str:
    """The language the system asks for, as a two-letter code (``en`` for the C/POSIX locale)."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "").strip()
        if not value:
            continue
        first = value.split(":")[0].split(".")[0].split("@")[0]
        if first in ("C", "POSIX"):
            return "en"
        return first.split("_")[0].lower() or "en"
    languages = QLocale.system().uiLanguages()
    return (languages[0] if languages else QLocale.system().name()).replace("-", "_").split("_")[0].lower()


def wanted_language(settings: QSettings) -> str:
    """The language the window should speak: the Preferences choice, else the system's, English when the
    app has no translation for it."""
    choice = str(settings.value(LANGUAGE_KEY, "system") or "system")
    language = system_language() if choice == "system" else choice
    return language if language in TRANSLATED else "en"


def current_language() -> str:
    """The language the translators installed speak (``en``: none installed)."""
    return _language


def translation_file(language: str) -> str | None:
    """The path of the app's compiled translation into ``language``, if it ships one."""
    try:
        path = resources.files("annotator.resources").joinpath("translations", f"annotator_{language}.qm")
        return str(path) if path.is_file() else None
    except (FileNotFoundError, OSError):
        return None


def install_translators(language: str, app: QCoreApplication | None = None) -> bool:
    """Speak ``language`` from now on (the app's strings and Qt's own: OK, Cancel, the file dialogs);
    ``en`` removes the translators. Returns whether the app's translation was found."""
    global _language
    app = app or QCoreApplication.instance()
    if app is None:
        return False
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _language = "en"
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    path = translation_file(language)
    if path is None:
        return False
    ours = QTranslator(app)
    if not ours.load(path):
        return False
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    app.installTranslator(ours)
    _installed.append(ours)
    _language = language
    QLocale.setDefault(QLocale(language))  # numbers in counts (Qt's %Ln): 12 345 in French
    return True


def apply_saved(settings: QSettings) -> str:
    """Install the translators of the wanted language unless they are installed already; returns it."""
    language = wanted_language(settings)
    if language != _language:
        install_translators(language)
    return _language


@functools.cache
def _default_label_texts() -> dict[str, dict[str, dict[str, str]]]:
    """The default schema's texts by label name and language: ``{"actor": {"en": {"guideline": …},
    "fr": {"guideline": …, "display": "acteur"}}}`` (read once from ``labels.toml``)."""
    try:
        text = resources.files("annotator.resources").joinpath("labels.toml").read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    found: dict[str, dict[str, dict[str, str]]] = {}
    for entry in data.get("labels", []):
        if not isinstance(entry, dict) or "name" not in entry:
            continue
        texts = {"en": {"guideline": str(entry.get("guideline", ""))}}
        for language in TRANSLATED:
            table = entry.get(language)
            if isinstance(table, dict):
                texts[language] = {key: str(table[key]) for key in ("guideline", "display") if table.get(key)}
        found[str(entry["name"])] = texts
    return found


def _default_guidelines() -> dict[str, dict[str, str]]:
    """The default schema's guidelines by label name: ``{"actor": {"en": …, "fr": …}}``."""
    return {
        name: {lang: table["guideline"] for lang, table in texts.items() if "guideline" in table}
        for name, texts in _default_label_texts().items()
    }


def label_guideline(name: str, guideline: str) -> str:
    """A label's guideline in the window's language: the default schema's translation while the project
    keeps the default text (a guideline the project wrote itself is shown as written)."""
    texts = _default_label_texts().get(name)
    if _language == "en" or texts is None or texts["en"].get("guideline") != guideline:
        return guideline
    return texts.get(_language, {}).get("guideline", guideline)


def label_display(name: str) -> str:
    """A label's name as the window shows it: the default schema's display name in the window's language
    (« acteur » for ``actor`` in French), else the name itself. Only for showing: the name stays the data
    (object names, filters, exports, the database)."""
    if _language == "en":
        return name
    texts = _default_label_texts().get(name)
    if texts is None:
        return name
    return texts.get(_language, {}).get("display", name)
