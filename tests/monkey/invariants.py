"""What must hold of a project file and of a window on it, read from the outside.

The database is read through a connection of its own (never the window's); the window through its
widgets' models (the roles and objectNames other tools use), so a check never trusts the code it checks.
Each check returns a list of problems, empty when everything holds.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from annotator.ui.models import DocumentIdRole, SpanCountRole, SpanIdRole

LINK_ID_ROLE = Qt.ItemDataRole.UserRole


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection of our own to the project file."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


def database_problems(path: Path) -> list[str]:
    """Integrity and foreign keys, and every span's offsets covering exactly its stored text."""
    problems: list[str] = []
    conn = connect(path)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:5]}")
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
        if foreign:
            problems.append(f"foreign_key_check: {foreign[:5]}")
        texts = dict(conn.execute("SELECT id, text FROM documents"))
        for span_id, doc, start, end, text in conn.execute(
            'SELECT id, document_id, start, "end", text FROM annotations'
        ):
            body = texts.get(doc)
            if body is None:
                problems.append(f"span {span_id} on missing document {doc}")
            elif not 0 <= start < end <= len(body) or body[start:end] != text:
                problems.append(f"span {span_id} [{start}, {end}) holds {text!r}, the text has {body[start:end]!r}")
    finally:
        conn.close()
    return problems


def _rows(view: QAbstractItemView, role: int) -> list[Any]:
    model = view.model()
    return [model.index(row, 0).data(role) for row in range(model.rowCount())]


def document_list_state(window: Any) -> dict[int, int]:
    """Document id -> accepted span count, as the document list shows them (every document, unfiltered)."""
    source = window.document_panel.view.model()
    source = source.sourceModel() if hasattr(source, "sourceModel") else source
    return {
        source.index(row, 0).data(DocumentIdRole): source.index(row, 0).data(SpanCountRole)
        for row in range(source.rowCount())
    }


def annotation_table_ids(window: Any) -> list[str]:
    """The span ids listed by the annotation table, in its order."""
    return _rows(window.findChild(QTableView, "annotation-table"), SpanIdRole)


def reader_spans(window: Any) -> dict[str, tuple[int, int, str, str]]:
    """The spans the reader would draw: id -> (start, end, label, status), every chunk read."""
    spans = window.reader.spans
    spans.ensure_complete()
    return {
        span_id: (info.start, info.end, info.label, info.status)
        for span_id in spans.rows
        if (info := spans.get(span_id)) is not None
    }


def links_view_ids(window: Any) -> list[str] | None:
    """The link ids the Links view lists (None without a Links view, or while it is hidden: a hidden view
    reads the file again only when it is shown)."""
    view = window.findChild(QAbstractItemView, "links-list")
    if view is None or not view.isVisible():
        return None
    return [str(v) for v in _rows(view, LINK_ID_ROLE)]


def shown_filter(window: Any) -> str | None:
    """The annotator whose spans alone are shown, or None for everyone."""
    mode, name = window.reader.annotator_filter()
    return {"all": None, "mine": window.annotator, "one": name}[mode]


def panel_problems(window: Any, path: Path) -> list[str]:
    """Every panel against the database: document list and counts, reader text and spans, the span table,
    the Links view, and the selected span (never one that is gone)."""
    problems: list[str] = []
    conn = connect(path)
    try:
        documents = {
            doc: count
            for doc, count in conn.execute(
                "SELECT d.id, (SELECT count(*) FROM annotations a "
                "WHERE a.document_id = d.id AND a.status = 'accepted') FROM documents d ORDER BY d.id"
            )
        }
        listed = document_list_state(window)
        if listed != documents:
            problems.append(f"document list {listed} != database {documents}")
        current = window.current_document_id()
        if current is not None and current not in documents:
            problems.append(f"the window shows document {current}, which is gone")
        if current is None and documents:
            problems.append("no document is open although the project has some")
        reader_doc = window.reader.document_id()
        if reader_doc != current:
            problems.append(f"the reader shows document {reader_doc}, the window says {current}")
        if current is None or current not in documents:
            return problems
        text = conn.execute("SELECT text FROM documents WHERE id = ?", (current,)).fetchone()[0]
        if window.reader.text() != text:
            problems.append("the reader's text is not the document's")
        rows = conn.execute(
            'SELECT id, start, "end", label, status, annotator FROM annotations WHERE document_id = ? '
            'ORDER BY start, "end", label, id',
            (current,),
        ).fetchall()
        drawable = {r[0]: (r[1], r[2], r[3], r[4]) for r in rows if r[4] != "rejected"}
        drawn = reader_spans(window)
        if drawn != drawable:
            extra = sorted(set(drawn) - set(drawable))
            missing = sorted(set(drawable) - set(drawn))
            changed = sorted(k for k in set(drawn) & set(drawable) if drawn[k] != drawable[k])
            problems.append(f"reader spans differ: ghosts {extra}, missing {missing}, stale {changed}")
        who = shown_filter(window)
        listed_ids = annotation_table_ids(window)
        wanted = [r[0] for r in rows if r[4] != "rejected" and (who is None or r[5] == who)]
        if listed_ids != wanted:
            problems.append(f"annotation table {listed_ids} != database {wanted}")
        selected = window.reader.selected_span_id()
        if selected is not None and selected not in drawable:
            problems.append(f"the reader's selected span {selected} is not a drawable span of the document")
        stored_spans = {row[0] for row in conn.execute("SELECT id FROM annotations")}
        review = window.findChild(QWidget, "review-view")
        if review is not None and review.isVisible():
            ghosts = [span_id for span_id in review.queue() if span_id not in stored_spans]
            if ghosts:
                problems.append(f"review queue lists deleted spans {ghosts[:5]}")
        attributes = window.findChild(QWidget, "attributes-view")
        shown = getattr(attributes, "span_id", None)
        if shown is not None and shown not in stored_spans:
            problems.append(f"attributes view shows deleted span {shown}")
        links = links_view_ids(window)
        if links is not None:
            stored = {
                r[0]
                for r in conn.execute(
                    "SELECT l.id FROM links l JOIN annotations a ON a.id = l.from_span WHERE a.document_id = ?",
                    (current,),
                )
            }
            if not hasattr(window.reader, "visible_range"):  # the view lists every link of the document
                if set(links) != stored or len(links) != len(stored):
                    problems.append(f"links view {sorted(links)} != database {sorted(stored)}")
            else:  # it lists the links near the text on screen and those of the selected span, when shown
                ghosts = sorted(set(links) - stored)
                if ghosts or len(links) != len(set(links)):
                    problems.append(f"links view lists links that are gone (or twice): {ghosts}")
                view = window.findChild(QWidget, "links-view")
                if selected is not None and view is not None and view.isVisible():
                    wanted = {
                        r[0]
                        for r in conn.execute(
                            "SELECT id FROM links WHERE from_span = ? OR to_span = ?", (selected, selected)
                        )
                    }
                    if not wanted <= set(links):
                        problems.append(f"links view misses links of the selected span: {sorted(wanted - set(links))}")
    finally:
        conn.close()
    return problems
