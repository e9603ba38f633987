"""The French interface: started under a French locale, the window's menus, tool bar, panels and main dialogs
show no English string; the translation file is complete, up to date with the code and typographically
French; the language can be chosen in Preferences (taking effect at the next start)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox

from annotator.ui import i18n
from annotator.ui.app import app_settings

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "src" / "annotator" / "resources" / "translations" / "annotator_fr.ts"
NBSP = "\u00a0"

# Everything visible in the window's chrome and its main dialogs, as (where, text), in a fixed order.
DUMP = r"""
import json, sys
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDialog, QDockWidget, QGroupBox, QLabel, QLineEdit,
    QTableWidget)
from annotator.ui.app import ensure_application
from annotator.store.project import Project
app = ensure_application()
from annotator.ui.main_window import MainWindow
from annotator.ui.dialogs.preferences import PreferencesDialog
from annotator.ui.dialogs.export_dialog import ExportDialog
from annotator.ui.dialogs.shortcuts import ShortcutsDialog
from annotator.ui.dialogs.document_properties import DocumentPropertiesDialog
path = sys.argv[1]
with Project(path) as project:
    doc, _ = project.add_document("Corée", "La Corée du Nord a fourni des obus à la Russie.\n")
window = MainWindow(path, annotator="tester", poll_interval_ms=0)
texts = []
def menu(m, where):
    for action in m.actions():
        if action.isSeparator():
            continue
        texts.append((where, action.text()))
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            texts.append((where + "/tip", action.toolTip()))
        if action.menu() is not None:
            menu(action.menu(), where + "/" + action.text())
for action in window.menuBar().actions():
    texts.append(("menubar", action.text()))
    menu(action.menu(), action.text())
for action in window.toolbar.actions():
    if action.text():
        texts.append(("toolbar", action.text()))
texts.append(("search", window.search_box.placeholderText()))
texts.append(("dock", window.view_dock.windowTitle()))
for i in range(window.view_tabs.count()):
    texts.append(("tab", window.view_tabs.tabText(i)))
texts.append(("tag bar", window.label_bar.caption.text()))
for label in window.findChildren(QLabel, "panel-heading"):
    if label.text():
        texts.append(("heading", label.text()))
texts.append(("status", window.status_saved.text()))
def dialog(d):
    name = d.objectName()
    texts.append((name, d.windowTitle()))
    for w in d.findChildren(QLabel):
        if w.text() and not w.objectName().startswith("document-"):
            texts.append((name + "/label", w.text()))
    for w in d.findChildren(QAbstractButton):
        if w.text() and not w.objectName().startswith("qt_"):
            texts.append((name + "/button", w.text()))
    for w in d.findChildren(QGroupBox):
        texts.append((name + "/group", w.title()))
    for w in d.findChildren(QLineEdit):
        if w.placeholderText():
            texts.append((name + "/placeholder", w.placeholderText()))
    for w in d.findChildren(QComboBox):
        for i in range(w.count()):
            texts.append((name + "/choice", w.itemText(i)))
    for w in d.findChildren(QTableWidget):
        for c in range(w.columnCount()):
            texts.append((name + "/header", w.horizontalHeaderItem(c).text()))
        for r in range(w.rowCount()):
            texts.append((name + "/row", w.item(r, 1).text()))
            if w.item(r, 1).toolTip():
                texts.append((name + "/row tip", w.item(r, 1).toolTip()))
for make in (PreferencesDialog, ExportDialog, ShortcutsDialog, lambda w: DocumentPropertiesDialog(w, doc.id)):
    dialog(make(window))
print(json.dumps(texts, ensure_ascii=False))
"""

# Words that French writes as English does, and data (label, annotator and document names) shown as such.
SAME_IN_FRENCH = {
    "&Document", "Document", "Documents", "Action", "Format :", "URL :", "Cc :", "Message-ID :", "Tab",
    "W3C Web Annotation (JSON-LD)", "actor", "transfer", "quantity", "assessment", "tester", "Corée",
    "Français", "English", "annotator", "fr_core_news_sm", "https://…",
}  # fmt: skip


def dump(tmp_path: Path, lang: str) -> list[tuple[str, str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(LANG=lang, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / lang))
    env.pop("XDG_CONFIG_HOME", None)
    script = tmp_path / "dump.py"
    script.write_text(DUMP, encoding="utf-8")
    db = tmp_path / f"{lang}.db"
    done = subprocess.run([sys.executable, str(script), str(db)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return [tuple(row) for row in json.loads(done.stdout.strip().splitlines()[-1])]


def test_under_a_french_locale_the_window_and_its_dialogs_speak_french(tmp_path: Path) -> None:
    english = dump(tmp_path, "C.UTF-8")
    french = dump(tmp_path, "fr_FR.UTF-8")
    assert len(english) == len(french) > 150
    assert ("menubar", "&Fichier") in french and ("menubar", "&File") in english
    untranslated = [
        (where, fr)
        for (where, en), (_, fr) in zip(english, french, strict=True)
        if fr == en and fr.replace(NBSP, " ") not in SAME_IN_FRENCH and re.search(r"[a-z]{3}", fr)
    ]
    assert untranslated == [], "\n".join(map(str, untranslated))
    # Qt's own words too (standard buttons).
    assert ("preferences-dialog/button", "&Annuler") in french or ("preferences-dialog/button", "Annuler") in french


# Words French writes as English does, in the workspace's views and messages (each checked by hand).
SAME_WORDS = {
    "Document", "Documents", "Mention", "Mentions", "mention", "Date", "Source", "Kappa", "Alpha", "F1", "Note",
    "Action", "Format", "Tab", "Alt", "Ctrl", "Esc", "GraphML", "GEXF", "Gephi", "networkx", "yEd", "Cytoscape",
    "CSV", "JSONL", "PNG", "SVG", "spaCy", "annotator", "Annotator", "Page", "suggestion", "suggestions",
}  # fmt: skip


def walk(tmp_path: Path, lang: str) -> dict:
    """What ``translation_walk.py`` finds in the window under ``lang`` (a process of its own)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(LANG=lang, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / lang))
    env.pop("XDG_CONFIG_HOME", None)
    folder = tmp_path / f"walk-{lang}"
    folder.mkdir()
    script = Path(__file__).with_name("translation_walk.py")
    done = subprocess.run(
        [sys.executable, str(script), str(folder / "project.db")], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _left_over(text: str, walked: dict) -> str:
    """What of a text is the window's own words: not markup, not the project's data (its names, labels, link
    roles, attribute values, and the words of its document), not a word French writes as English does."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\w*…\w*", " ", text)  # a word cut where a context is cut (“…à Pyongyan…”)
    for name in sorted(walked["data"], key=len, reverse=True):
        text = text.replace(name, " ")
    article = set(re.findall(r"[^\W\d_]+", walked["article"]))
    words = re.findall(r"[^\W\d_]{3,}", text)
    return " ".join(w for w in words if w not in SAME_WORDS and w not in article)


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    tmp_path = tmp_path_factory.mktemp("walk")
    return walk(tmp_path, "C.UTF-8"), walk(tmp_path, "fr_FR.UTF-8")


def test_every_view_picker_menu_and_message_speaks_french(walked: tuple[dict, dict]) -> None:
    english, french = walked
    assert english["language"] == "en" and french["language"] == "fr"
    assert [t["where"] for t in english["texts"]] == [t["where"] for t in french["texts"]]
    assert len(french["texts"]) > 800
    untranslated = [
        (fr["where"], fr["text"])
        for en, fr in zip(english["texts"], french["texts"], strict=True)
        if fr["text"] == en["text"] and not (fr["data"] and en["data"]) and _left_over(fr["text"], french)
    ]
    assert untranslated == [], "\n".join(map(str, untranslated))


def test_the_walk_reaches_every_part(walked: tuple[dict, dict]) -> None:
    """The walk is not vacuous: each part it claims to check was there, in French."""
    _, french = walked
    said = {}
    for t in french["texts"]:
        said.setdefault(t["where"].split("/")[0].split("#")[0].split("[")[0], []).append(t["text"])
    for part in (
        "view 0", "view 1", "view 2", "view 3", "view 4", "view 5", "view 6", "agreement computed", "transfers",
        "map menu", "map node", "map edge", "missing-party picker", "link picker", "entity picker",
        "reader menu on a span", "reader menu on a selection", "training dialog", "import box", "open box",
        "edit box", "span gone status", "bad date status", "export error", "undo status", "choose prompt",
        "text prompt", "correct cancelled status", "team project dialog",
    ):  # fmt: skip
        assert part in said, part
    texts = {t["text"] for t in french["texts"]}
    exact = {t["where"]: t["text"] for t in french["texts"]}
    assert "Relecture" in texts and "Fournisseur" in texts and "Entraîner le suggesteur" in texts
    # The message boxes of the error paths, in French around the core's own reason.
    assert exact["import status"] == "Importation : 0 nouveau document, 1 ignoré".replace(" :", NBSP + ":")
    assert exact["import box#title"] == "Importer" and "Non importé" in exact["import box"]
    assert exact["open box#title"] == "Impossible d’ouvrir le projet"
    assert exact["open box"].startswith("Ce fichier n’a pas pu être ouvert comme projet.")
    assert exact["edit box#title"] == "La modification n’a pas été faite"
    assert exact["edit box"].startswith("Le projet a refusé la modification")
    assert exact["span gone status"].startswith("Rien n’a été fait")
    bad_date = f"«{NBSP}hier{NBSP}» n’est pas une date{NBSP}: écrivez-la sous la forme AAAA-MM-JJ."
    assert exact["bad date status"] == bad_date
    assert exact["undo status"].startswith("Annulé")
    assert exact["bad period status"].startswith("Ce n’est pas une période")
    assert "Échap" in texts and "Maj+Tab" in texts  # the shortcuts list names keys as Qt's French menus do


def test_counts_use_plural_forms_in_both_languages(walked: tuple[dict, dict]) -> None:
    plurals = {
        lang["language"]: [t["text"] for t in lang["texts"] if t["where"].startswith("plural")] for lang in walked
    }
    assert plurals["en"] == [
        "0 suggestions", "0 spans", "0 transfers", "1 suggestion", "1 span", "1 transfer",
        "2 suggestions", "2 spans", "2 transfers",
    ]  # fmt: skip
    assert plurals["fr"] == [
        "0 suggestion", "0 segment", "0 transfert", "1 suggestion", "1 segment", "1 transfert",
        "2 suggestions", "2 segments", "2 transferts",
    ]  # fmt: skip


def _messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message.find("translation"))
        for context in root.findall("context")
        for message in context.findall("message")
    ]


def _texts(translation: ET.Element) -> list[str]:
    """A translation's text, or each of its plural forms (French has two: 0 and 1, then 2 and more)."""
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def test_every_marked_string_has_a_careful_french_translation() -> None:
    messages = _messages()
    assert len(messages) > 600
    plurals = 0
    for _context, source, element in messages:
        assert element is not None and element.get("type") is None, source
        texts = _texts(element)
        if "%n" in source or "%Ln" in source:
            assert len(texts) == 2, source  # Qt's plural forms, not one text for every count
            assert "%" in texts[1], source  # the plural form shows the count
            plurals += 1
        for text in texts:
            _check_french(source, text)
    assert plurals > 60
    vocabulary = " ".join(" ".join(_texts(t)) for _, _, t in messages).lower()
    for word in (
        "acteur", "transfert", "quantité", "appréciation", "annotateur", "adjudication", "accord inter-annotateurs",
    ):  # fmt: skip
        assert word in vocabulary, word


def _check_french(source: str, text: str) -> None:
    """French typography and the same placeholders and accelerators as the English source."""
    assert text.strip(), source
    assert "'" not in text, text  # the typographic apostrophe
    assert not re.search(r" [:;?!]", text), text  # no-break spaces before : ; ? !
    assert not re.search(r"\S[:;?!](\s|$)", text.replace("https:", "")), text
    assert "“" not in text and "”" not in text, text  # « guillemets »
    assert not re.search(f"«[^{NBSP}]|[^{NBSP}]»", text), text  # with no-break spaces inside
    assert "(s)" not in text, text  # a plural form, not English's brackets
    # The same placeholders and accelerators.
    assert sorted(re.findall(r"\{\w+\}|%\d", text)) == sorted(re.findall(r"\{\w+\}|%\d", source)), source
    assert ("&" in text) == ("&" in source), source


@pytest.mark.skipif(shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) is None, reason="no lupdate")
def test_the_translation_source_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    """``make translations`` would add nothing: every string marked in the code is in the .ts."""
    copy = tmp_path / "annotator_fr.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "src" / "annotator" / "ui").rglob("*.py"))
    lupdate = str(Path(sys.executable).parent / "pyside6-lupdate")
    args = ["-tr-function-alias", "QT_TR_NOOP+=tr_,tr+=trn_", "-locations", "none", "-no-obsolete"]
    done = subprocess.run([lupdate, *args, *sources, "-ts", str(copy)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "(0 new" in done.stdout, done.stdout
    assert copy.read_text(encoding="utf-8") == TS.read_text(encoding="utf-8")
    compiled = resources.files("annotator.resources").joinpath("translations", "annotator_fr.qm")
    assert compiled.is_file()
    assert Path(str(compiled)).stat().st_mtime >= 0 and Path(str(compiled)).stat().st_size > 10_000


def test_the_system_language_and_the_preferences_choice(monkeypatch: pytest.MonkeyPatch, qtbot, db_path) -> None:
    settings = app_settings()
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert i18n.system_language() == "fr" and i18n.wanted_language(settings) == "fr"
    monkeypatch.setenv("LC_ALL", "C")
    assert i18n.wanted_language(settings) == "en"  # LC_ALL wins, as on Unix
    monkeypatch.delenv("LC_ALL")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n.wanted_language(settings) == "en"  # no German translation: English
    # Preferences: French chosen while the system speaks German; said to apply at the next start.
    from annotator.ui.dialogs.preferences import PreferencesDialog
    from annotator.ui.main_window import MainWindow

    window = MainWindow(db_path, annotator="tester", poll_interval_ms=0)
    qtbot.addWidget(window)
    assert window.menuBar().actions()[0].text() == "&File"
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    box = dialog.findChild(QComboBox, "preferences-language")
    box.setCurrentIndex(box.findData("fr"))
    dialog.accept()
    assert settings.value(i18n.LANGUAGE_KEY) == "fr"
    assert "next starts" in window.statusBar().currentMessage()
    assert window.menuBar().actions()[0].text() == "&File"  # this window keeps its language
    again = MainWindow(db_path, annotator="tester", poll_interval_ms=0)  # as at the next start
    qtbot.addWidget(again)
    assert again.menuBar().actions()[0].text() == "&Fichier"
    # Label names stay data, shown by their French display name; the default guidelines have their French
    # text, a project's own stays as written.
    actor = again.label_bar.buttons["actor"]
    assert actor.objectName() == "label-actor" and actor.text().startswith("acteur")
    assert actor.property("guideline").startswith("Un État, une organisation")
    assert actor.accessibleName() == "Annoter comme acteur (touche 1)"
    assert i18n.label_guideline("actor", "Our own rule for actors") == "Our own rule for actors"
    assert again.findChild(QComboBox, "preferences-language") is None


def test_an_english_source_resolves_its_own_plural(qapp) -> None:
    """Without a translation, ``trn_`` writes the English plural the source marks: ``(s)`` and ``[one|many]``."""
    said = [i18n.trn_("%n thing(s) [is|are] here, [it|they] said", "", n) for n in (0, 1, 2)]
    assert said == ["0 things are here, they said", "1 thing is here, it said", "2 things are here, they said"]
