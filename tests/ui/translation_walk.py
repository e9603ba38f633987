"""Walk every part of the window that shows words and print them as JSON: ``python translation_walk.py PROJECT``.

Run by ``test_translations.py`` under an English and a French locale, on the same project: the two lists have
the same places in the same order, so a text the French run shows exactly as the English one is a string left
untranslated, unless it is data (a document's words, a label, an annotator, a file name, a number) or a word
French writes as English does. Each text comes with where it was found and whether it is data, so the test
can say why it accepted one.

Parts walked: the views panel (Review, Examples, Agreement, Statistics, Links, Entities, Attributes…), the
Transfers workspace (filters, map legend, timeline, table, export menu), the pickers (link, entity, missing
party), the training dialog, the shortcuts dialog, the context menus of the reader and of the map, the
message boxes and status messages of real error paths (an unreadable file imported, a project that is not
one, a refused edit, a bad date, an export aimed at a folder), and counts said with plural forms.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QTabBar,
    QTableWidget,
    QWidget,
)

from annotator.ui.app import ensure_application

app = ensure_application()

from annotator.ui import i18n  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402

ARTICLE = (
    "Selon les experts, la Corée du Nord a fourni des obus à la Russie en 2023.\n"
    "Moscou a livré des drones à Pyongyang ; la Corée du Nord dément.\n"
)
texts: list[dict[str, Any]] = []
data: set[str] = set()  # the project's own words: titles, label names, annotators, span texts


def is_data(text: str) -> bool:
    """Whether ``text`` is the project's data as such: a name from the project, or words of its documents."""
    bare = " ".join(text.replace("…", " ").replace("[", " ").replace("]", " ").split())
    if not bare or bare in data or bare.replace("&", "") in data:
        return True
    if bare.replace(".", "").replace(",", "").replace(" ", "").replace("–", "").replace("-", "").isdigit():
        return True  # a number, a range of offsets, a score
    return bare in " ".join(ARTICLE.split())


def say(where: str, text: str | None) -> None:
    if text:
        texts.append({"where": where, "text": text, "data": is_data(text)})


def widget_texts(root: QWidget, where: str) -> None:
    """The words of ``root`` and its children, in a fixed order."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.objectName().startswith("qt_") or not isinstance(widget, QWidget):
            continue
        name = f"{where}/{widget.objectName() or type(widget).__name__}"
        say(name + "#tip", widget.toolTip())
        say(name + "#title", widget.windowTitle() if widget.isWindow() else "")
        if isinstance(widget, QLabel):
            say(name, widget.text())
        elif isinstance(widget, QAbstractButton):
            say(name, widget.text())
            menu = widget.menu() if hasattr(widget, "menu") else None
            if menu is not None:
                menu_texts(menu, name + "/menu")
        elif isinstance(widget, QLineEdit):
            say(name + "#placeholder", widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                say(f"{name}[{i}]", widget.itemText(i))
            if widget.lineEdit() is not None:
                say(name + "#placeholder", widget.lineEdit().placeholderText())
        elif isinstance(widget, QGroupBox):
            say(name, widget.title())
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                say(f"{name}[{i}]", widget.tabText(i))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            item_texts(widget, name)
        chart = getattr(widget, "chart", None)
        if callable(chart) and hasattr(chart(), "title"):
            say(name + "#chart", chart().title())


def item_texts(view: QAbstractItemView, name: str) -> None:
    model = view.model()
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
    for column in range(columns):
        say(f"{name}#header{column}", str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
    if isinstance(view, QTableWidget | QListWidget) or model.rowCount(QModelIndex()) < 200:
        for row in range(min(model.rowCount(QModelIndex()), 30)):
            for column in range(columns):
                index = model.index(row, column)
                say(f"{name}[{row},{column}]", str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
                say(f"{name}[{row},{column}]#tip", str(index.data(Qt.ItemDataRole.ToolTipRole) or ""))


def menu_texts(menu: QMenu, where: str) -> None:
    for action in menu.actions():
        if action.isSeparator():
            continue
        say(where, action.text().split("\t")[0])
        if action.menu() is not None:
            menu_texts(action.menu(), f"{where}/{len(action.menu().actions())}")


def seed(path: str) -> dict[str, Any]:
    """A project with two annotators, transfers with their parties, an assessment, a suggestion and a note."""
    from annotator.store.project import Project

    with Project(path) as project:
        doc, _ = project.add_document("Corée", ARTICLE)
        project.update_document(doc.id, metadata={"date": "2023-11-21", "source": "Le Monde"})

        def tag(phrase: str, label: str, after: str = "", **fields: Any) -> str:
            start = ARTICLE.index(phrase, ARTICLE.index(after) if after else 0)
            return project.add_span(doc.id, start, start + len(phrase), label, expected_text=phrase, **fields).id

        dprk = project.add_entity("Corée du Nord")
        ids = {
            "doc": doc.id,
            "t1": tag("fourni des obus", "transfer", annotator="alice"),
            "t2": tag("livré des drones", "transfer", annotator="alice"),
            "dprk": tag("la Corée du Nord", "actor", annotator="alice", entity_id=dprk.id),
            "russia": tag("la Russie", "actor", annotator="alice"),
            "moscow": tag("Moscou", "actor", annotator="alice"),
            "shells": tag("des obus", "quantity", annotator="alice"),
            "experts": tag("Selon les experts", "assessment", annotator="alice", note="Source anonyme"),
        }
        tag("la Corée du Nord", "actor", annotator="bob")
        tag("Pyongyang", "actor", annotator="bob", status="suggested")
        project.add_link(ids["t1"], ids["dprk"], "supplier")
        project.add_link(ids["t1"], ids["russia"], "recipient")
        project.add_link(ids["t2"], ids["moscow"], "supplier")
        project.add_link(ids["experts"], ids["t1"], "about")
        project.set_attribute(ids["experts"], "confidence", "high")
        for label in project.labels():
            data.add(label.name)
            data.update(f"{label.name} ({n})" for n in range(5))
        data.update(project.annotators())
        data.update(s.text for s in project.spans(statuses=None))
        data.update(s.note for s in project.spans(statuses=None) if s.note)
        data.update({"Corée", "Le Monde", "Corée du Nord", "tester", "2023-11", "2023-11-21", "2023-11 – 2023-11"})
        for link_type in project.link_types():
            data.update({link_type.role, link_type.from_label, *link_type.to_labels})
        for label in project.labels():
            for name, values in label.attributes.items():
                data.update({name, *values})
    return ids


def boxes(window: MainWindow, where: str) -> list[QMessageBox]:
    """Message boxes the window raised, recorded instead of shown (their texts said under ``where``)."""
    shown: list[QMessageBox] = []

    def run(show: Any, *args: Any) -> Any:
        box = getattr(show, "__self__", None)
        if isinstance(box, QMessageBox):
            shown.append(box)
            say(where + "#title", box.windowTitle())
            say(where, box.text())
            say(where + "#informative", box.informativeText())
            for button in box.buttons():
                say(where + "/button", button.text())
            return QMessageBox.StandardButton.Close
        return None

    window._run_modal = run  # type: ignore[method-assign]
    return shown


def main() -> None:
    path = sys.argv[1]
    folder = Path(path).parent
    ids = seed(path)
    data.add(Path(path).name)  # the project's file name, in the window title
    window = MainWindow(path, annotator="tester", poll_interval_ms=0)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    window.open_document(ids["doc"])
    window.reader.select_span(ids["t1"])
    app.processEvents()
    widget_texts(window, "window")  # the chrome: menus' owners, panels, find bar, label bar, status bar

    # The views panel: every view, refreshed as when shown.
    for index in range(window.view_tabs.count()):
        view = window.view_tabs.widget(index)
        window.view_tabs.setCurrentIndex(index)
        app.processEvents()
        for child in [view, *view.findChildren(QWidget)]:
            if hasattr(child, "refresh") and child.objectName().endswith("-view"):
                child.refresh()
        window.reader.select_span(ids["experts"])
        app.processEvents()
        widget_texts(view, f"view {index}")
    agreement = window.findChild(QWidget, "agreement-view")
    for lst in agreement.findChildren(QListWidget):
        for i in range(lst.count()):
            lst.item(i).setCheckState(Qt.CheckState.Checked)
    agreement.compute()
    agreement.show_versions(0)
    widget_texts(agreement, "agreement computed")

    # The Transfers workspace, its table, map and timeline, and a node's context menu.
    workspace = window.findChild(QWidget, "transfers-workspace")
    window.show_workspace(workspace)
    app.processEvents()
    workspace.refresh()
    workspace.table_view.refresh()
    widget_texts(workspace, "transfers")
    node = next(iter(workspace.map.nodes.values()), None)
    if node is not None:
        menu = workspace.map.context_menu(QPointF(workspace.map.mapFromScene(node.sceneBoundingRect().center())))
        if menu is not None:
            menu_texts(menu, "map menu")
        workspace.show_node(node.name)
        say("map node", workspace.details_title.text())
    edge = next(iter(workspace.graph.edges.values()), None)
    if edge is not None:
        workspace.show_edge(edge)
        say("map edge", workspace.details_title.text())
    workspace.filters.since.setText("2023-13")
    workspace.apply_filters()
    say("bad period status", window.statusBar().currentMessage())
    workspace.filters.clear()
    workspace.apply_filters()
    table = workspace.table_view
    table.table.setCurrentIndex(table.proxy.index(1, 0))
    picker = table.link_missing()
    if picker is not None:
        widget_texts(picker, "missing-party picker")
        picker.close()
    window.show_reader()

    # The pickers of the reader and its context menus.
    from annotator.ui.views.entities import EntityPicker
    from annotator.ui.views.links import LinkPicker

    window.reader.select_span(ids["t1"])
    widget_texts(LinkPicker(window, ids["t1"]), "link picker")
    widget_texts(EntityPicker(window, ids["russia"]), "entity picker")
    start = ARTICLE.index("des obus")
    cursor = window.reader.textCursor()
    cursor.setPosition(start + 2)
    window.reader.setTextCursor(cursor)
    window.reader.select_span(ids["shells"])
    rect = window.reader.cursorRect(cursor)
    menu_texts(window.reader.context_menu_for(rect.center()), "reader menu on a span")
    cursor.setPosition(0)
    cursor.setPosition(6, cursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    menu_texts(window.reader.context_menu_for(rect.center()), "reader menu on a selection")

    # The prompts of the small questions (a label, a name, a comment), answered "cancel".
    def asked(kind: str) -> Any:
        def ask(title: str, label: str, *_rest: Any) -> None:
            say(f"{kind} prompt#title", title)
            say(f"{kind} prompt", label)
            return None

        return ask

    window.choose_item = asked("choose")  # type: ignore[method-assign]
    window.ask_text = asked("text")  # type: ignore[method-assign]
    review = window.findChild(QWidget, "review-view")
    review.refresh()
    review.select_row(0)
    review.correct()
    say("correct cancelled status", window.statusBar().currentMessage())
    review.comment()
    suggestions = window.findChild(QObject, "suggestions-controller")
    suggestions.review_label(True)
    suggestions.choose_model()
    window.open_document(ids["doc"])
    window.rename_document()
    window.choose_annotator_filter()
    agreement.open_disagreement(0)
    cursor = window.reader.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, cursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    agreement.adjudicate_new()

    # The training dialog and the shortcuts dialog.
    training = window.findChild(QObject, "training-controller")
    dialog = training.show_dialog()
    data.update(dialog.base.itemText(i) for i in range(dialog.base.count()))  # spaCy pipelines' names
    widget_texts(dialog, "training dialog")
    training.dialog.close()
    from annotator.ui.dialogs.shortcuts import ShortcutsDialog
    from annotator.ui.dialogs.team_project import TeamProjectDialog

    widget_texts(TeamProjectDialog([], window), "team project dialog")

    shortcuts = ShortcutsDialog(window)
    for row in range(shortcuts.table.rowCount()):
        say(f"shortcuts keys {row}", shortcuts.table.item(row, 0).text())
        say(f"shortcuts action {row}", shortcuts.table.item(row, 1).text())
    for action in window.findChildren(QAction):
        if action.objectName().startswith("action-attribute-"):
            say(action.objectName(), action.text())

    # Real error paths: the message boxes and status messages they raise.
    raised = boxes(window, "import box")
    unreadable = folder / "notes.docx"
    unreadable.write_bytes(b"PK\x03\x04 not really a word file")
    window.import_files([unreadable])
    assert raised, "importing an unreadable file raised no message box"
    say("import status", window.statusBar().currentMessage())
    boxes(window, "open box")
    not_a_project = folder / "notes.db"
    not_a_project.write_bytes(b"this is not an SQLite database at all" * 50)
    window.settings_ctl.open_project_window(not_a_project)
    boxes(window, "edit box")
    from annotator.ui.commands import UpdateSpanCommand

    window.run_command(UpdateSpanCommand(window.project, ids["t1"], label="no-such-label"))
    window.project.delete_spans([ids["moscow"]])
    window.reader.select_span(None)
    window.run_command(UpdateSpanCommand(window.project, ids["moscow"], note="x"))
    say("span gone status", window.statusBar().currentMessage())
    from annotator.ui.dialogs.document_properties import DocumentPropertiesDialog

    properties = DocumentPropertiesDialog(window, ids["doc"])
    properties.edits["date"].setText("hier")
    properties.apply()
    say("bad date status", window.statusBar().currentMessage())
    from annotator.ui.dialogs.export_dialog import ExportDialog

    export = ExportDialog(window)
    export.set_format("csv")
    export.set_output_path(folder)
    export.run_export()
    say("export error", export.error_label.text())
    window.run_command(UpdateSpanCommand(window.project, ids["t1"], note="à revoir"))
    window.undo()
    say("undo status", window.statusBar().currentMessage())

    # Counts: Qt's plural forms, 0, 1 and 2.
    for n in (0, 1, 2):
        say(f"plural {n}", i18n.trn_("%n suggestion(s)", "", n))
        say(f"plural {n}", i18n.trn_("%n span(s)", "", n))
        say(f"plural {n}", i18n.trn_("%n transfer(s)", "", n))
    said = {"language": i18n.current_language(), "texts": texts, "data": sorted(data), "article": ARTICLE}
    print(json.dumps(said, ensure_ascii=False))


if __name__ == "__main__":
    main()
