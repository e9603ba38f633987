"""User strings on screen as text, never as markup.

Titles, span texts, notes, names, roles and attribute values come from whoever wrote the files an
analyst imports or the project a colleague sent. Qt renders a string that merely *looks* like HTML
(``Qt.mightBeRichText``) as HTML in labels, tooltips, message boxes and dialog prompts, and QtCharts
renders every title and label as HTML: an ``<img src=…>`` there makes Qt read a local file (or
``/dev/zero``, until memory runs out), an ``<a href>`` is a live link. Every widget that shows such a
string goes through this module: labels and dialogs are switched to plain text, tooltips and chart
texts are escaped, window titles lose Qt's ``[*]`` placeholder meaning.
"""

from __future__ import annotations

import html

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str = "", parent: QWidget | None = None, *, name: str = "") -> QLabel:
    """A QLabel that shows ``text`` exactly as written (never as HTML)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    label.setText(text)
    return label


def make_plain(root: QWidget) -> QWidget:
    """Switch every label inside ``root`` (and ``root`` itself, if a label) to plain text, links off.

    For widgets that make their own labels: QMessageBox (text and informative text), QInputDialog
    (its prompt), QFormLayout rows given as strings.
    """
    labels = root.findChildren(QLabel)
    if isinstance(root, QLabel):
        labels.append(root)
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setOpenExternalLinks(False)
        label.setTextInteractionFlags(
            label.textInteractionFlags()
            & ~Qt.TextInteractionFlag.LinksAccessibleByMouse
            & ~Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
    return root


def tooltip(text: str) -> str:
    """``text`` as a tooltip that Qt shows as written.

    Qt shows a tooltip as HTML when ``Qt.mightBeRichText`` says it looks like HTML; such a string is
    escaped into a paragraph that keeps its line breaks, any other is returned as it is (plain).
    """
    if not text or not QtGui.Qt.mightBeRichText(text):
        return text
    return "<p style='white-space:pre-wrap'>" + escape(text) + "</p>"


def escape(text: str) -> str:
    """``text`` escaped for a place that is always HTML (a rich tooltip, a chart title, a text document)."""
    return html.escape(text, quote=False)


def chart_text(text: str) -> str:
    """A title, axis label, category or legend name for QtCharts, which renders all of them as HTML."""
    return escape(text)


def window_title(text: str) -> str:
    """``text`` for ``setWindowTitle``: Qt reads ``[*]`` there as the unsaved-changes mark, ``[*][*]`` as ``[*]``."""
    return text.replace("[*]", "[*][*]")


__all__ = ["chart_text", "escape", "make_plain", "plain_label", "tooltip", "window_title"]
