"""The label bar: one button per label in use, in the label's colour, showing its hotkey."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolTip, QWidget

from annotator.core.model import Label
from annotator.ui import theme as themes
from annotator.ui.i18n import label_display, label_guideline, tr_
from annotator.ui.plain_text import tooltip


def tint(color: str, strength: float, base: str = "#FFFFFF") -> str:
    """``color`` mixed with ``base`` (default white; ``strength`` 1.0 = the colour itself), as #RRGGBB."""
    c = QColor(color)
    b = QColor(base)
    pairs = ((c.red(), b.red()), (c.green(), b.green()), (c.blue(), b.blue()))
    mix = [round(under + (v - under) * strength) for v, under in pairs]
    return "#{:02X}{:02X}{:02X}".format(*mix)


def button_style(color: str) -> str:
    """A calm button in the label's colour: a face tinted over the theme's background, a strong left edge."""
    theme = themes.current()
    base = theme.base
    text = "#1F1F1C" if not theme.dark else theme.text
    edge = theme.mark(color) if theme.dark else color  # on dark themes, a colour that stands out from it
    return (
        f"QPushButton {{ background: {tint(color, 0.22, base)}; border: 1px solid {tint(color, 0.55, base)};"
        f" border-left: 5px solid {edge}; border-radius: 4px; padding: 4px 12px; color: {text}; }}"
        f" QPushButton:hover {{ background: {tint(color, 0.38, base)}; }}"
        f" QPushButton:pressed {{ background: {tint(color, 0.55, base)}; }}"
    )


class LabelBar(QWidget):
    """Buttons ``label-<name>``; a click emits ``labelClicked(name)``. Retired labels get no button."""

    labelClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tag-bar")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.caption = QLabel(tr_("Tag as"), self)
        self.caption.setObjectName("tag-bar-caption")
        self.buttons: dict[str, QPushButton] = {}

    def set_labels(self, labels: list[Label]) -> None:
        """Show one button per label that is not retired, in the labels' order."""
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons.clear()
        while self._layout.count():
            self._layout.takeAt(0)
        self._layout.addWidget(self.caption)
        for label in labels:
            if label.retired:
                continue
            shown = label_display(label.name)  # the name stays the data: object name, signal
            text = f"{shown}   {label.hotkey}" if label.hotkey else shown
            button = QPushButton(text, self)
            button.setObjectName(f"label-{label.name}")
            # Clicking must not take focus (and the selection's highlight) away from the reader.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet(button_style(label.color))
            button.setProperty("label_color", label.color)
            hotkey = tr_(" (key {key})").format(key=label.hotkey) if label.hotkey else ""
            guideline = label_guideline(label.name, label.guideline) or shown
            button.setProperty("guideline", guideline)
            button.setProperty("label_display", shown)
            button.setToolTip(tooltip(guideline))
            button.installEventFilter(self)
            button.setAccessibleName(tr_("Tag as {label}{key}").format(label=shown, key=hotkey))
            button.clicked.connect(lambda _checked=False, name=label.name: self.labelClicked.emit(name))
            self._layout.addWidget(button)
            self.buttons[label.name] = button
        self._layout.addStretch(1)

    def restyle(self) -> None:
        """Paint the buttons again in the theme now in use."""
        for button in self.buttons.values():
            button.setStyleSheet(button_style(str(button.property("label_color"))))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The tooltip is the guideline as written; shown as rich text so that a long guideline wraps.
        if event.type() == QEvent.Type.ToolTip and isinstance(watched, QPushButton) and watched.property("guideline"):
            assert isinstance(event, QHelpEvent)
            name = str(watched.property("label_display") or watched.objectName().removeprefix("label-"))
            guideline = str(watched.property("guideline"))
            text = f"<p><b>{html.escape(name)}</b><br>{html.escape(guideline, quote=False)}</p>"
            QToolTip.showText(event.globalPos(), text, watched)
            return True
        return super().eventFilter(watched, event)
