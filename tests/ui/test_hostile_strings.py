"""Every user-controlled string is shown as text, never as HTML, in every view of the window.

The project is one a stranger could have written: every title, span text, note, annotator, entity,
attribute value, guideline, review comment and metadata value holds markup that Qt would render (an
``<img src>`` that makes Qt read a local file, an ``<a href>`` that would be a live link). The test
opens the real window on it, shows every view and opens the pickers and dialogs, then walks the whole
widget tree and every item model and fails on any place where such a string reaches a rich-text
renderer unescaped.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtGui
from PySide6.QtCharts import QBarCategoryAxis, QChartView
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTabBar,
    QTextEdit,
    QWidget,
)
from tests.processes import child_env

from annotator.store.project import Project
from annotator.ui.commands import UpdateDocumentCommand
from annotator.ui.main_window import MainWindow
from annotator.ui.plain_text import tooltip, window_title

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

IMG = '<img src="/nonexistent/hostile.png">'
LINK = '<a href="https://attacker.invalid/">click</a>'
MARKERS = ("<img", "<a href", "<table")  # in the hostile strings only (the app's own HTML uses <b>)
# Delegates that draw their text as plain text (Qt's own, and ours that paint with QPainter.drawText): any
# other delegate may render DisplayRole as HTML, and is checked for hostile markup.
PLAIN_DELEGATES = {
    "QStyledItemDelegate",
    "QItemDelegate",
    "QComboBoxDelegate",
    "QComboMenuDelegate",
    "DocumentDelegate",
}


def hostile(name: str) -> str:
    """A string Qt would render as HTML (an image, a link, bold text), unique to ``name``."""
    return f"{IMG}{LINK}<b>{name}</b>"


TEXT = (
    f"Selon {IMG} l’ONU, {LINK} la Corée du Nord a fourni à la Russie des munitions <b>d’artillerie</b>.\n"
    "Plus de 10\u00a0000 soldats <table> sont déployés ; les experts estiment que c’est un risque.\n"
)


def build_hostile_project(path: Path) -> dict[str, Any]:
    """A project whose every free-text value is hostile markup; returns ids the test needs."""
    with Project(path) as project:
        project.edit_label("actor", guideline=hostile("guideline"))
        project.edit_label("transfer", attributes={"status": [hostile("status-value"), "confirmed"]})
        first, _ = project.add_document(
            hostile("title"),
            TEXT,
            metadata={"date": "2024-05-01", "source": hostile("outlet"), "url": hostile("url")},
        )
        second, _ = project.add_document(hostile("second title"), TEXT.replace("Selon", "D’après"))

        def find(doc_text: str, needle: str) -> tuple[int, int]:
            start = doc_text.index(needle)
            return start, start + len(needle)

        spans = {}
        for document in (first, second):
            doc_text = project.document_text(document.id)
            for annotator in (hostile("alice"), hostile("bob")):
                actor = project.add_span(
                    document.id,
                    *find(doc_text, f"{IMG} l’ONU"),
                    "actor",
                    annotator=annotator,
                    note=hostile("note"),
                )
                recipient = project.add_span(
                    document.id, *find(doc_text, f"{LINK} la Corée"), "actor", annotator=annotator
                )
                transfer = project.add_span(
                    document.id,
                    *find(doc_text, "fourni à la Russie des munitions <b>"),
                    "transfer",
                    annotator=annotator,
                )
                quantity = project.add_span(
                    document.id, *find(doc_text, "10\u00a0000 soldats <table>"), "quantity", annotator=annotator
                )
                project.add_link(transfer.id, actor.id, "supplier", annotator=annotator)
                project.add_link(transfer.id, recipient.id, "recipient", annotator=annotator)
                project.add_link(transfer.id, quantity.id, "amount", annotator=annotator)
                project.set_attribute(transfer.id, "status", hostile("status-value"))
                spans.setdefault("actor", actor)
                spans.setdefault("transfer", transfer)
        entity = project.add_entity(hostile("entity"))
        project.update_span(spans["actor"].id, entity_id=entity.id)
        project.update_span(
            spans["actor"].id, review="rejected", reviewer=hostile("reviewer"), review_comment=hostile("comment")
        )
        project.add_span(
            first.id,
            *find(TEXT, "les experts estiment"),
            "assessment",
            annotator=hostile("carol"),
            status="suggested",
            source="quantity",
            note=hostile("suggestion note"),
        )
        return {"document": first.id, "actor": spans["actor"].id, "transfer": spans["transfer"].id}


def _raw(value: object) -> bool:
    return isinstance(value, str) and any(marker in value for marker in MARKERS)


def _rich(text: str) -> bool:
    """Whether Qt would render ``text`` as HTML where it decides by the text (AutoText)."""
    return bool(text) and QtGui.Qt.mightBeRichText(text)


def _columns(model: Any, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
    try:
        return max(1, model.columnCount(parent))
    except TypeError:  # a list model keeps columnCount private: one column
        return 1


def _rows(model: Any, parent: QModelIndex) -> int:
    try:
        return model.rowCount(parent)
    except TypeError:
        return 0


def _combo_popup(view: QWidget) -> bool:
    """Whether ``view`` is the popup list of a combo box (drawn by Qt's own, plain, delegate)."""
    parent = view.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def _model_problems(where: str, view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    problems = []
    html_role = getattr(view.itemDelegate(), "HTML_ROLE", None)
    parents = [QModelIndex()]
    seen = 0
    while parents and seen < 5000:
        parent = parents.pop()
        for row in range(_rows(model, parent)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                seen += 1
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if _raw(tip) and _rich(tip):
                    problems.append(f"{where}: tooltip of row {row} column {column} is HTML: {tip!r}")
                if html_role is not None:
                    shown = model.data(index, html_role)
                    if _raw(shown):
                        problems.append(f"{where}: row {row} is drawn as HTML unescaped: {shown!r}")
                elif type(view.itemDelegate()).__name__ not in PLAIN_DELEGATES and not _combo_popup(view):
                    display = model.data(index, Qt.ItemDataRole.DisplayRole)
                    if _raw(display) and _rich(display):
                        problems.append(f"{where}: {type(view.itemDelegate()).__name__} may draw {display!r} as HTML")
                if column == 0 and index.isValid() and _rows(model, index) > 0:
                    parents.append(index)
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = _columns(model) if orientation == Qt.Orientation.Horizontal else min(_rows(model, QModelIndex()), 200)
        for section in range(count):
            tip = model.headerData(section, orientation, Qt.ItemDataRole.ToolTipRole)
            if _raw(tip) and _rich(tip):
                problems.append(f"{where}: header tooltip {tip!r} is HTML")
    return problems


def rich_text_problems(root: QWidget) -> list[str]:
    """Every place under ``root`` where a hostile string would be rendered as HTML."""
    problems: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        tip = widget.toolTip()
        if _raw(tip) and _rich(tip):
            problems.append(f"{where}: tooltip {tip!r} is HTML")
        if isinstance(widget, QLabel):
            text = widget.text()
            fmt = widget.textFormat()
            as_html = fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and _rich(text))
            if _raw(text) and as_html:
                problems.append(f"{where}: label text {text!r} is shown as HTML")
            if _raw(text) and widget.openExternalLinks() and fmt != Qt.TextFormat.PlainText:
                problems.append(f"{where}: label opens external links")
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            problems += _model_problems(where, widget)
        if isinstance(widget, QTabBar):
            for i in range(widget.count()):
                tab_tip = widget.tabToolTip(i)
                if _raw(tab_tip) and _rich(tab_tip):
                    problems.append(f"{where}: tab tooltip {tab_tip!r} is HTML")
        if isinstance(widget, QTextEdit):
            shown = widget.toHtml()
            if "<img" in shown or "<a href" in shown:
                problems.append(f"{where}: the text shows an image or a link: {shown[:300]!r}")
        if isinstance(widget, QChartView):
            chart = widget.chart()
            texts = [chart.title()]
            for axis in chart.axes():
                texts.append(axis.titleText())
                if isinstance(axis, QBarCategoryAxis):
                    texts += axis.categories()
            for series in chart.series():
                for marker in chart.legend().markers(series):
                    texts.append(marker.label())
            for text in texts:  # QtCharts draws all of these as HTML
                if _raw(text):
                    problems.append(f"{where}: chart text {text!r} is drawn as HTML")
    for action in root.findChildren(QAction):
        for text in (action.toolTip(), action.statusTip()):
            if _raw(text) and _rich(text):
                problems.append(f"action {action.objectName()!r}: tooltip {text!r} is HTML")
    return problems


def _show_everything(window: MainWindow, qtbot, ids: dict[str, Any]) -> list[QWidget]:
    """Every view shown and filled, a span selected, the pickers and the note editor open."""
    from annotator.ui.views.entities import start_entity
    from annotator.ui.views.links import start_link

    window.open_document(ids["document"])
    window.select_span(ids["actor"])
    window.run_search("Corée")
    window.view_dock.show()
    for i in range(window.view_tabs.count()):
        window.view_tabs.setCurrentIndex(i)
        qtbot.wait(20)
    agreement = window.findChild(QWidget, "agreement-view")
    agreement.compute()
    agreement.disagreements.setCurrentCell(0, 0)
    review = window.findChild(QWidget, "review-view")
    review.status_filter.setCurrentText("all")
    review.select_row(0)
    opened: list[QWidget] = []
    # An edit named after a hostile title: the undo and redo buttons' tooltips say what they would do.
    window.run_command(UpdateDocumentCommand(window.project, ids["document"], f"Rename “{hostile('old')}”", done=True))
    window.undo()
    window.select_span(ids["transfer"])  # the attributes view shows the transfer's status
    qtbot.wait(20)
    opened.append(window.reader.edit_note())
    window.select_span(ids["actor"])
    opened.append(start_link(window))
    window.select_span(ids["actor"])
    opened.append(start_entity(window))
    qtbot.wait(50)
    return [w for w in opened if w is not None]


def test_no_user_string_is_rendered_as_html_anywhere_in_the_window(qtbot, db_path: Path) -> None:
    ids = build_hostile_project(db_path)
    window = MainWindow(db_path, annotator=hostile("me"), poll_interval_ms=0)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    opened = _show_everything(window, qtbot, ids)
    assert len(opened) == 3, "the note editor, the link picker and the entity picker must all have opened"
    # The hostile strings did reach the screen (the walk would prove nothing otherwise).
    assert window.findChild(QLabel, "status-document").text().startswith(IMG)
    assert window.findChild(QWidget, "statistics-view") is not None
    shown_labels = [w.text() for w in window.findChildren(QLabel) if _raw(w.text())]
    assert len(shown_labels) >= 5, shown_labels
    problems = rich_text_problems(window)
    for top in QApplication.topLevelWidgets():
        if top is not window and top.isVisible():
            problems += rich_text_problems(top)
    assert problems == [], "\n".join(problems[:30])
    # The title bar shows the title as written.
    assert window.windowHandle().title().startswith(IMG)
    for dialog in opened:
        dialog.close()


def test_message_boxes_and_prompts_show_hostile_text_as_text(window: MainWindow, monkeypatch) -> None:
    shown: list[QWidget] = []

    def capture(self) -> int:
        shown.append(self)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", capture)
    monkeypatch.setattr(QInputDialog, "exec", capture)
    MainWindow.inform(window, hostile("title"), hostile("refused edit"), details=hostile("details"))
    window.ask(hostile("question"), hostile("text"), ["Yes", "No"], informative=hostile("informative"))
    window.ask_text(hostile("rename"), hostile("prompt"), hostile("value"))
    window.choose_item(hostile("choose"), hostile("prompt"), [hostile("item")])
    assert len(shown) == 4
    for dialog in shown:
        labels = [label for label in dialog.findChildren(QLabel) if _raw(label.text())]
        assert labels, "the hostile text is in the dialog"
        for label in labels:
            assert label.textFormat() == Qt.TextFormat.PlainText
            assert not label.openExternalLinks()
        assert rich_text_problems(dialog) == []


def test_a_refused_edit_message_is_plain_text_without_live_links(window: MainWindow, monkeypatch) -> None:
    from annotator.core.model import ValidationError
    from annotator.ui.commands import ProjectCommand

    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(self) or 0)
    monkeypatch.setattr(window, "inform", MainWindow.inform.__get__(window))

    class Refused(ProjectCommand):
        def redo(self) -> None:
            raise ValidationError(f"refused: {LINK}")

        def undo(self) -> None:
            pass

    assert not window.run_command(Refused(window.project, "hostile"))
    assert len(boxes) == 1
    label = next(lb for lb in boxes[0].findChildren(QLabel) if LINK in lb.text())
    assert label.textFormat() == Qt.TextFormat.PlainText and not label.openExternalLinks()


def test_tooltip_helper_escapes_only_what_qt_would_render() -> None:
    assert tooltip("Corée du Nord\n3 spans") == "Corée du Nord\n3 spans"
    escaped = tooltip(f"{IMG} titre")
    assert "<img" not in escaped and "&lt;img" in escaped
    assert window_title("a [*] b") == "a [*][*] b"


CRASH_SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication

    app = QApplication(["annotator"])
    from annotator.ui import MainWindow

    window = MainWindow(sys.argv[1], annotator="tester", poll_interval_ms=0)
    window.show()
    for _ in range(20):
        app.processEvents()
    window.select_span(sys.argv[2])
    window.run_search("Bonjour")
    for i in range(window.view_tabs.count()):
        window.view_tabs.setCurrentIndex(i)
        app.processEvents()
    print("opened:", window.windowTitle(), flush=True)
    window.close()
    """
)


def _limit_memory() -> None:
    # A regression would make Qt read /dev/zero until memory runs out: fail fast instead of starving the machine.
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_title_that_reads_dev_zero_does_not_stop_the_app_from_starting(tmp_path: Path) -> None:
    path = tmp_path / "zero.db"
    zero = '<img src="/dev/zero">'
    with Project(path) as project:
        document, _ = project.add_document(f"{zero} titre", f"Bonjour {zero} le monde.\n")
        span = project.add_span(document.id, 8, 8 + len(zero), "actor", annotator=zero, note=zero)
        entity = project.add_entity(zero)
        project.update_span(span.id, entity_id=entity.id)
    env = child_env(QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CRASH_SCRIPT, str(path), span.id],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=_limit_memory,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "opened:" in result.stdout
