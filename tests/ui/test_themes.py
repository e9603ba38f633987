"""Light, dark and high-contrast themes: the label colours stay readable and distinguishable (contrast and
CIELAB distances, also as colour-blind readers see them), the View menu switches and remembers the theme, and
the reader drawn in dark mode offscreen shows spans that stand out (pixel contrast measured on a grab)."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication

from annotator.core.contrast import (
    VISIONS,
    blend,
    contrast_ratio,
    mark_color,
    min_pairwise_distance,
    relative_luminance,
)
from annotator.store.project import Project
from annotator.ui import appearance
from annotator.ui import theme as themes
from annotator.ui.app import app_settings, style_sheet
from annotator.ui.main_window import MainWindow
from annotator.ui.span_painter import marker_rect

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def default_label_colors() -> list[str]:
    text = resources.files("annotator.resources").joinpath("labels.toml").read_text(encoding="utf-8")
    return [label["color"] for label in tomllib.loads(text)["labels"]]


@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[None]:
    """Themes are application-wide: put back what the other tests run with."""
    sheet, palette = qapp.styleSheet(), QPalette(qapp.palette())
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    themes._current = themes.THEMES["light"]
    themes._mode = "system"
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):
        from PySide6.QtCore import Qt

        hints.setColorScheme(Qt.ColorScheme.Unknown)


# -- colours, computed ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["light", "dark", "contrast"])
def test_label_marks_stand_out_from_the_reader_and_from_each_other(name: str) -> None:
    theme = themes.THEMES[name]
    labels = default_label_colors()
    marks = [theme.mark(color) for color in labels]
    # WCAG 1.4.11: graphical marks at least 3:1 against their background; 4.5:1 in high contrast.
    for mark in marks:
        assert contrast_ratio(mark, theme.base) >= theme.mark_contrast
    # Okabe–Ito-style separation: clearly different hues with normal vision, still apart without one cone type.
    assert min_pairwise_distance(marks, "normal") >= 40
    for vision in VISIONS:
        assert min_pairwise_distance(marks, vision) >= 10, vision
    # The text stays readable on a span's fill (the strongest one: the selected span).
    for color in labels:
        assert contrast_ratio(theme.text, blend(color, theme.base, 110 / 255)) >= 4.5
    # The theme's text on its background.
    assert contrast_ratio(theme.text, theme.base) >= (7.0 if name != "light" else 4.5)


def test_mark_color_keeps_hue_and_only_moves_as_far_as_needed() -> None:
    assert mark_color("#009E73", "#FFFFFF") == "#009E73"  # already 3.4:1
    darker = mark_color("#56B4E9", "#FFFFFF")
    assert 3.0 <= contrast_ratio(darker, "#FFFFFF") < 3.3
    lighter = mark_color("#0072B2", "#000000", 4.5)
    assert relative_luminance(lighter) > relative_luminance("#0072B2")
    assert contrast_ratio(lighter, "#000000") >= 4.5
    # A user's label colour that is almost the background still gets a visible mark.
    assert contrast_ratio(mark_color("#202124", "#1E1F22"), "#1E1F22") >= 3.0


def test_every_colour_of_the_style_sheet_has_a_dark_and_high_contrast_twin() -> None:
    sheet = style_sheet()
    used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", sheet)}
    assert used
    for name in ("dark", "contrast"):
        theme = themes.THEMES[name]
        assert used <= set(theme.sheet_colors), used - set(theme.sheet_colors)
        themed = themes.themed_sheet(sheet, theme)
        left = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", themed)}
        assert left <= set(theme.sheet_colors.values())
        # The reader's rule takes the theme's background.
        reader_rule = re.search(r"QPlainTextEdit#reader \{[^}]*\}", themed)
        assert reader_rule is not None and theme.base in reader_rule.group(0)


# -- the window -------------------------------------------------------------------------------------------


TEXT = "Selon l’ONU, la Corée du Nord a fourni à la Russie des munitions d’artillerie.\n" * 3


def _window(qtbot, db_path: Path) -> MainWindow:
    with Project(db_path) as project:
        doc, _ = project.add_document("Corée", TEXT)
        start = TEXT.index("la Corée du Nord")
        project.add_span(doc.id, start, start + len("la Corée du Nord"), "actor", annotator="tester")
    window = MainWindow(db_path, annotator="tester", poll_interval_ms=0)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    with qtbot.waitActive(window):
        window.show()
    return window


@pytest.fixture
def dark_window(qtbot, db_path: Path, restore_theme: None) -> MainWindow:
    window = _window(qtbot, db_path)
    window.theme_actions["dark"].trigger()
    qtbot.wait(50)
    return window


def _dominant(image: QImage, rect: QRect) -> QColor:
    counts: Counter[int] = Counter()
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            counts[image.pixel(x, y)] += 1
    return QColor.fromRgb(counts.most_common(1)[0][0])


def _hex(color: QColor) -> str:
    return color.name().upper()


def measure_span(window: MainWindow) -> dict[str, float | str]:
    """Grab the reader and measure, in pixels, its background, the actor span's fill, the text on it and the
    span's underline: the colours and the contrasts text/fill and underline/background."""
    reader = window.reader
    reader.viewport().repaint()
    image = reader.viewport().grab().toImage()
    pieces = [p for p in reader.span_painter.last_plan.pieces if p.info.label == "actor"]
    assert pieces, "the span was not drawn"
    rect = pieces[0].rect.toAlignedRect().intersected(image.rect())
    # The background: the viewport's bottom rows, below the text.
    background = _dominant(image, QRect(2, image.height() - 12, image.width() - 20, 8))
    # The span's fill: the commonest colour inside its rectangle (between the glyphs, above the underline).
    fill_area = rect.adjusted(0, 3, 0, -int(rect.height() / 2))
    fill = _dominant(image, fill_area)
    assert _hex(fill) != _hex(background)
    # The glyphs inside the span: the pixel farthest in contrast from the fill.
    glyph = max(
        (QColor.fromRgb(image.pixel(x, y)) for y in range(fill_area.top(), rect.bottom() - 4)
         for x in range(rect.left(), rect.right())),
        key=lambda c: contrast_ratio(_hex(c), _hex(fill)),
    )  # fmt: skip
    # The underline under the span, against the background.
    underline = marker_rect(pieces[0].rect, pieces[0].level).toAlignedRect().intersected(image.rect())
    mark = _dominant(image, underline.adjusted(2, 0, -2, 0))
    figures = {
        "background": _hex(background),
        "fill": _hex(fill),
        "glyph": _hex(glyph),
        "mark": _hex(mark),
        "text_contrast": contrast_ratio(_hex(glyph), _hex(fill)),
        "mark_contrast": contrast_ratio(_hex(mark), _hex(background)),
    }
    print(figures)
    return figures


def test_the_reader_in_dark_mode_shows_readable_spans(dark_window: MainWindow, qtbot) -> None:
    window = dark_window
    assert themes.current().name == "dark"
    assert app_settings().value(themes.THEME_KEY) == "dark"
    assert window.theme_actions["dark"].isChecked()
    figures = measure_span(window)
    assert relative_luminance(str(figures["background"])) < 0.05  # a dark reader
    assert figures["text_contrast"] >= 4.5
    assert figures["mark_contrast"] >= 3.0


@pytest.mark.parametrize("mode", ["light", "contrast", "dark palette"])
def test_spans_stay_readable_on_every_background(mode: str, qtbot, db_path: Path, restore_theme: None) -> None:
    window = _window(qtbot, db_path)
    if mode == "dark palette":  # no theme of ours: a dark palette given by the platform or another style
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#121212"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#EDEDED"))
        QApplication.instance().setPalette(palette)
    else:
        window.theme_actions[mode].trigger()
    qtbot.wait(50)
    figures = measure_span(window)
    dark = relative_luminance(str(figures["background"])) < 0.05
    assert dark == (mode != "light")
    assert figures["text_contrast"] >= 4.5
    assert figures["mark_contrast"] >= (4.5 if mode == "contrast" else 3.0)


def test_the_theme_choice_is_remembered_and_follows_the_system(
    dark_window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    window = dark_window
    appearance.set_theme(window, "contrast")
    assert themes.current().name == "contrast"
    assert QApplication.instance().palette().color(QPalette.ColorRole.Base).name().upper() == "#000000"
    assert "color: #FFFFFF" in window.label_bar.buttons["actor"].styleSheet()  # the buttons follow
    window.close()
    # A new window (as after a restart) starts with the stored choice checked.
    again = MainWindow(db_path, annotator="tester", poll_interval_ms=0)
    qtbot.addWidget(again)
    assert again.theme_actions["contrast"].isChecked()
    # Follow system: the system's dark scheme gives the dark theme, its light scheme the light one.
    monkeypatch.setattr(themes, "system_theme", lambda: "dark")
    again.theme_actions["system"].trigger()
    assert app_settings().value(themes.THEME_KEY) == "system"
    assert themes.current().name == "dark"
    monkeypatch.setattr(themes, "system_theme", lambda: "light")
    themes._system_scheme_changed(None)  # what colorSchemeChanged calls
    assert themes.current().name == "light"
    assert themes.current_mode() == "system"
