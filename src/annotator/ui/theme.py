"""Light, dark and high-contrast themes, following the system's colour scheme unless the user chose one.

One style sheet (``resources/style.qss``, written for the light theme) is the layout of every theme: the
dark and high-contrast themes replace its colours through a fixed table, so a rule added to the sheet is
themed everywhere. A theme also sets the application palette (native dialogs and widgets the sheet does not
reach), and gives the reader what it paints with: the label marks (underlines, outlines) are the label colours
moved in lightness until they stand out from the reader's background by at least ``mark_contrast``
(``core/contrast.mark_color``), and the arcs take the text colour.

The user's choice is stored in the settings under ``appearance/theme``: ``system`` (the default: Qt's
``QStyleHints.colorScheme``, followed live), ``light``, ``dark`` or ``contrast``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from annotator.core.contrast import mark_color

THEME_KEY = "appearance/theme"
MODES = ("system", "light", "dark", "contrast")

# The light sheet's colours and their twins in the dark and high-contrast themes.
_DARK = {
    "#E2DFD5": "#3A3C40", "#FFFFFF": "#1E1F22", "#F6F5F1": "#2A2B2F", "#E7E4DA": "#3A3C41",
    "#6B6A60": "#A9ABB0", "#26261F": "#E6E6E3", "#D8D5CA": "#4A4D53", "#6E9CC0": "#6FA8DC",
    "#1D1D18": "#F2F2EF", "#F0EEE8": "#25262A", "#D6D3C9": "#4A4D53", "#A5A39A": "#75777C",
    "#55544B": "#B9BBC0", "#FFFFF7": "#2F3034", "#FBEDEA": "#4A2A26", "#FAF9F5": "#232428",
    "#F3F1EA": "#33353A", "#ECE9E0": "#3A3C40", "#E3EDF5": "#2F4A63", "#DCEBDD": "#2D4A35",
    "#DCE8F2": "#2F4A63", "#DCD9CF": "#45474C", "#D9A79C": "#B5655A", "#C9DCEB": "#3B5F80",
    "#BFD6EA": "#3B5F80", "#BDB9AD": "#5C5F66", "#B3261E": "#FF8A80", "#7B7A70": "#A0A2A7",
    "#2E7D4F": "#7BD19B", "#1F5130": "#A8E0B8",
}  # fmt: skip
_CONTRAST = {
    "#E2DFD5": "#FFFFFF", "#FFFFFF": "#000000", "#F6F5F1": "#000000", "#E7E4DA": "#333333",
    "#6B6A60": "#FFFFFF", "#26261F": "#FFFFFF", "#D8D5CA": "#FFFFFF", "#6E9CC0": "#FFD400",
    "#1D1D18": "#000000", "#F0EEE8": "#000000", "#D6D3C9": "#C0C0C0", "#A5A39A": "#B0B0B0",
    "#55544B": "#FFFFFF", "#FFFFF7": "#000000", "#FBEDEA": "#5A0000", "#FAF9F5": "#141414",
    "#F3F1EA": "#333333", "#ECE9E0": "#FFFFFF", "#E3EDF5": "#FFD400", "#DCEBDD": "#005A00",
    "#DCE8F2": "#FFD400", "#DCD9CF": "#FFFFFF", "#D9A79C": "#FF6060", "#C9DCEB": "#FFD400",
    "#BFD6EA": "#FFD400", "#BDB9AD": "#FFFFFF", "#B3261E": "#FF8080", "#7B7A70": "#E0E0E0",
    "#2E7D4F": "#80FF80", "#1F5130": "#FFFFFF",
}  # fmt: skip


@dataclass(frozen=True)
class Theme:
    """The colours of one theme."""

    name: str  # light | dark | contrast
    dark: bool
    window: str
    base: str  # the reader's background
    text: str
    muted: str
    accent: str
    highlight: str
    highlighted_text: str
    mark_contrast: float  # least contrast of a label's marks against ``base``
    sheet_colors: dict[str, str] = field(default_factory=dict)

    def mark(self, label_color: str) -> str:
        """The colour of a label's underline, outline and button edge on this theme."""
        return mark_color(label_color, self.base, self.mark_contrast)

    def qcolor(self, which: str, alpha: int = 255) -> QColor:
        """One of the theme's named colours as a QColor."""
        color = QColor(getattr(self, which))
        color.setAlpha(alpha)
        return color


THEMES: dict[str, Theme] = {
    "light": Theme("light", False, "#F6F5F1", "#FFFFFF", "#26261F", "#6B6A60", "#6E9CC0", "#BFD6EA", "#1D1D18", 3.0),
    "dark": Theme(
        "dark", True, "#2A2B2F", "#1E1F22", "#E6E6E3", "#A9ABB0", "#6FA8DC", "#3B5F80", "#F2F2EF", 3.0, _DARK
    ),
    "contrast": Theme(
        "contrast", True, "#000000", "#000000", "#FFFFFF", "#FFFFFF", "#FFD400", "#FFD400", "#000000", 4.5, _CONTRAST
    ),
}

_current: Theme = THEMES["light"]
_mode = "system"


class _Notifier(QObject):
    changed = Signal(str)


_notifier: _Notifier | None = None


def notifier() -> _Notifier:
    """An object whose ``changed(name)`` signal fires when another theme is applied."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


def current() -> Theme:
    """The theme in use (light until another is applied)."""
    return _current


def current_mode() -> str:
    """What the user chose: system, light, dark or contrast."""
    return _mode


def system_theme() -> str:
    """``dark`` when the system's colour scheme is dark, else ``light``."""
    app = QGuiApplication.instance()
    if app is None:
        return "light"
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def resolve(mode: str) -> Theme:
    """The theme a mode stands for (an unknown mode follows the system)."""
    if mode in THEMES:
        return THEMES[mode]
    return THEMES[system_theme()]


def saved_mode(settings: QSettings) -> str:
    """The mode stored in the settings (``system`` when none or an unknown one is)."""
    value = str(settings.value(THEME_KEY, "system") or "system")
    return value if value in MODES else "system"


def themed_sheet(sheet: str, theme: Theme) -> str:
    """The style sheet with its light colours replaced by ``theme``'s."""
    if not theme.sheet_colors:
        return sheet
    table = {key.upper(): value for key, value in theme.sheet_colors.items()}
    return re.sub(r"#[0-9A-Fa-f]{6}\b", lambda m: table.get(m.group(0).upper(), m.group(0)), sheet)


def palette_for(theme: Theme) -> QPalette:
    """An application palette in the theme's colours."""
    palette = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: theme.window,
        role.Base: theme.base,
        role.AlternateBase: theme.window,
        role.Text: theme.text,
        role.WindowText: theme.text,
        role.ButtonText: theme.text,
        role.Button: theme.window,
        role.ToolTipBase: theme.base,
        role.ToolTipText: theme.text,
        role.PlaceholderText: theme.muted,
        role.Highlight: theme.highlight,
        role.HighlightedText: theme.highlighted_text,
        role.Link: theme.accent,
        role.BrightText: theme.text,
    }
    for which, value in pairs.items():
        palette.setColor(which, QColor(value))
    disabled = QColor(theme.muted)
    for which in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, which, disabled)
    return palette


def apply_theme(mode: str, app: QApplication | None = None, *, sheet: str | None = None) -> Theme:
    """Use the theme ``mode`` stands for: the application's palette and style sheet, and what the reader
    paints with. ``system`` follows the system's colour scheme from then on."""
    global _current, _mode
    from annotator.ui.app import style_sheet

    app = app or QApplication.instance()  # type: ignore[assignment]
    _mode = mode if mode in MODES else "system"
    theme = resolve(_mode)
    if app is not None:
        hints = QGuiApplication.styleHints()
        _follow_system(hints)
        # Ask Qt (and native dialogs) for the same scheme; "system" gives the choice back to the platform.
        wanted = {
            "light": Qt.ColorScheme.Light,
            "dark": Qt.ColorScheme.Dark,
            "contrast": Qt.ColorScheme.Dark,
        }.get(_mode, Qt.ColorScheme.Unknown)
        if hasattr(hints, "setColorScheme"):
            hints.setColorScheme(wanted)
        theme = resolve(_mode)
        app.setPalette(palette_for(theme))
        app.setStyleSheet(themed_sheet(style_sheet() if sheet is None else sheet, theme))
    changed = theme.name != _current.name
    _current = theme
    if changed:
        notifier().changed.emit(theme.name)
    return theme


_following = False


def _follow_system(hints: object) -> None:
    global _following
    if _following:
        return
    _following = True
    hints.colorSchemeChanged.connect(_system_scheme_changed)  # type: ignore[attr-defined]


def _system_scheme_changed(_scheme: object) -> None:
    if _mode == "system" and resolve("system").name != _current.name:
        apply_theme("system")


def apply_saved(settings: QSettings) -> Theme:
    """Apply the theme stored in the settings, unless it is the one in use already."""
    mode = saved_mode(settings)
    if mode == _mode and resolve(mode).name == _current.name:
        return _current
    return apply_theme(mode)
