"""Project-wide search from the window: the search box in the toolbar, its results under the document list, and
a result opened at its match with the find bar."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidgetItem

from annotator.core.model import ValidationError
from annotator.store.errors import StoreError
from annotator.ui.i18n import tr_, trn_
from annotator.ui.panels.search_results import SearchResultDelegate, snippet_html, snippet_occurrence
from annotator.ui.plain_text import tooltip

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

SEARCH_DELAY_MS = 250


class SearchController(QObject):
    """The search box (``search-box``) and the results list of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("search")
        self.window = window
        self.box = QLineEdit(window)
        self.box.setObjectName("search-box")
        self.box.setPlaceholderText(tr_("Search all documents  (Ctrl+Shift+F)"))
        self.box.setClearButtonEnabled(True)
        self.box.setMaximumWidth(360)
        self.box.setMinimumWidth(220)
        self.box.returnPressed.connect(lambda: self.run_search(self.box.text()))
        self.box.textChanged.connect(self._text_changed)
        self.box.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(lambda: self.run_search(self.box.text()))
        window.search_results.itemActivated.connect(self.open_result)
        window.search_results.itemClicked.connect(self.open_result)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Escape leaves the box for the reader; Down goes to the results.
        if watched is self.box and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            results = self.window.search_results
            if event.key() == Qt.Key.Key_Escape:
                self.box.clear()
                self.window.reader.setFocus()
                return True
            if event.key() == Qt.Key.Key_Down and results.count():
                results.setFocus()
                results.setCurrentRow(0)
                return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        """Put the focus in the project-wide search box."""
        self.box.setFocus()
        self.box.selectAll()

    def _text_changed(self, text: str) -> None:
        if not text.strip():
            self.timer.stop()
            self.run_search("")
        else:
            self.timer.start()

    def run_search(self, query: str) -> list[Any]:
        """Full-text search over the project; the results are listed under the documents."""
        self.timer.stop()
        self.window.search_results.clear()
        if not query.strip():
            self.window.search_results.hide()
            self.window.search_heading.hide()
            return []
        try:
            hits = self.window.project.search(query)
        except (StoreError, ValidationError) as exc:
            self.window.show_message(tr_("Search failed: {error}").format(error=exc))
            hits = []
        for hit in hits:
            snippet = " ".join(hit.snippet.split())
            item = QListWidgetItem(f"{hit.title}\n{snippet}")
            item.setData(Qt.ItemDataRole.UserRole, hit.document_id)
            match = re.search(r"\[([^\]]+)\]", hit.snippet)
            item.setData(Qt.ItemDataRole.UserRole + 1, match.group(1) if match else query.split()[0])
            item.setData(SearchResultDelegate.HTML_ROLE, snippet_html(hit.title, snippet))
            item.setData(SearchResultDelegate.SNIPPET_ROLE, hit.snippet)
            item.setToolTip(tooltip(f"{hit.title}\n{snippet}"))
            self.window.search_results.addItem(item)
        self.window.search_heading.setText(trn_("Search — %n result(s)", "", len(hits)))
        self.window.search_heading.show()
        self.window.search_results.show()
        return hits

    def open_result(self, item: QListWidgetItem) -> None:
        doc_id = item.data(Qt.ItemDataRole.UserRole)
        term = item.data(Qt.ItemDataRole.UserRole + 1)
        if doc_id is None or not self.window.open_document(int(doc_id)):
            return
        if term:
            self.window.find_bar.box.setText(str(term))
            self.window.find_bar.show()
            self.window.find_bar.search(str(term))
            snippet = item.data(SearchResultDelegate.SNIPPET_ROLE)
            at = snippet_occurrence(self.window.reader.text(), str(snippet or ""))
            if at is not None:
                self.window.reader.find_match_at(at)
