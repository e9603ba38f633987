"""The window's part of team work: File → Open team project…, and a team project's live changes and connection.

On a project that lives on a team server (PostgreSQL) the window keeps a ``TeamChangeFeed``: other users'
committed changes come in as deltas and reach every view as the window's own changes do; the status bar's
``teamConnectionStatus`` field says whether the connection is up. While it is down, edits (undo and redo
included) are refused with a message, before anything is sent: nothing is half-written and nothing the user
sees as done is lost; once the connection is back the window reads again what changed meanwhile.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from annotator.store.changes import Change, ChangeKind
from annotator.store.errors import StoreError
from annotator.store.postgres import is_server_address
from annotator.ui.dialogs.team_project import add_recent_team_project, ask_team_address, has_password
from annotator.ui.i18n import tr_
from annotator.ui.team_live import TeamChangeFeed, TeamStatus, refusal

if TYPE_CHECKING:
    from annotator.store.project import Project
    from annotator.ui.main_window import MainWindow

log = logging.getLogger(__name__)

PROJECT_CHECK_MS = 1000


def forget_cached(project: Project, changes: list[Change]) -> None:
    """Drop what the project keeps in memory that another user's ``changes`` may have made stale."""
    kinds = {c.kind for c in changes}
    everything = bool(kinds & {ChangeKind.EXTERNAL, ChangeKind.RESET})
    project.forget_cached(
        labels=everything or ChangeKind.LABELS_CHANGED in kinds,
        texts=everything or ChangeKind.DOCUMENTS_CHANGED in kinds,
    )


class TeamController(QObject):
    """File → Open team project…, and the live feed and connection state of a team project's window."""

    def __init__(self, window: MainWindow, address: str | None = None) -> None:
        super().__init__(window)
        self.setObjectName("team")
        self.window = window
        self.address = address if address is not None and is_server_address(address) else None
        self.feed: TeamChangeFeed | None = None
        self.status: TeamStatus | None = None
        self._was_lost = False

    # -- a team project's window -------------------------------------------------------------------

    def attach(self) -> None:
        """On a team project: listen to the server's changes and show the connection in the status bar."""
        if self.address is None:
            return
        window = self.window
        self.feed = TeamChangeFeed(self.address, lambda: window.project.server_pids(), self)
        self.feed.changes.connect(self.tell)
        self.feed.connectionChanged.connect(self._connection_changed)
        self.status = TeamStatus(self.feed, window)
        window.statusBar().addPermanentWidget(self.status.label)
        add_recent_team_project(window.settings, self.address)
        # The project's own connection can break while the listener's holds (its server process ended): a
        # look at its state (no round trip) each second turns that into a lost connection, retried.
        self._watch = QTimer(self)
        self._watch.setObjectName("team-project-connection-timer")
        self._watch.timeout.connect(self._check_project_connection)
        self._watch.start(PROJECT_CHECK_MS)
        self.feed.start()

    def tell(self, changes: list[Change]) -> None:
        """Bring every view up to date with other users' ``changes`` (what the feed heard)."""
        window = self.window
        if window._closed:
            return
        forget_cached(window.project, changes)
        for change in changes:
            window.signals.changed.emit(change)

    def _connection_changed(self, connected: bool, reason: str) -> None:
        if self.window._closed:
            return
        if not connected:
            self._was_lost = True
            self.window.show_message(tr_("Team server connection lost: edits are refused until it is back"), 0)
        elif self._was_lost:  # back (the first connection at opening says nothing)
            if not self._reconnect_project():
                return  # the feed is up but the project's own connection is not: said, and tried again
            self.window.show_message(tr_("Team server connection is back: showing what changed meanwhile"))

    def _check_project_connection(self) -> None:
        if self.feed is not None and self.feed.connected and not self.window.project.connected:
            self.window.show_message(tr_("Team server connection lost: edits are refused until it is back"), 0)
            self.feed.mark_lost("the project's connection to the team server was closed")

    def _reconnect_project(self) -> bool:
        """Give the project a new server connection if its own one broke; False (the feed marked lost) if that
        fails. The one the project had is replaced only outside a transaction: nothing of an edit is lost."""
        project = self.window.project
        try:
            project.reconnect(force=True)
        except StoreError as exc:
            if self.feed is not None:
                self.feed.mark_lost(str(exc))
            return False
        return True

    def edit_failed(self, error: StoreError) -> bool:
        """After an edit the server refused: if the project's connection broke, say so (nothing was written),
        show the connection as lost and retry it; True then (the error is explained)."""
        if self.feed is None or self.window.project.connected:
            return False
        self.feed.mark_lost(str(error))
        self.window.show_message(
            tr_("Not saved: the team server connection broke; nothing was written. Reconnecting…"), 0
        )
        return True

    def catch_up(self) -> bool:
        """Bring the window up to date with what the server announced and the window has not read yet."""
        return self.feed is not None and self.feed.connected and self.feed.catch_up()

    @property
    def connected(self) -> bool:
        """False only for a team project whose connection is down."""
        return self.feed is None or self.feed.connected

    def refuse_edit(self) -> bool:
        """True (and the reason shown) when an edit must not be tried now: the team connection is down."""
        if self.connected:
            return False
        self.window.show_message(refusal(), 0)
        assert self.feed is not None
        self.feed.retry_soon()  # perhaps it is back: the next edit may go through
        return True

    def close(self) -> None:
        """Stop listening (before the project is closed)."""
        if self.feed is not None:
            self.feed.close()

    # -- File → Open team project… -------------------------------------------------------------------

    def open_team_project(self) -> MainWindow | None:
        """File → Open team project…: ask for the server's address and open its project in a new window."""
        address = ask_team_address(self.window)
        return self.open_team_project_window(address) if address else None

    def open_team_project_window(self, address: str) -> MainWindow | None:
        """Open the team project at ``address`` in a window that replaces this one; a failure is explained."""
        from annotator.ui.window_settings import OPEN_WINDOWS

        window = self.window
        try:
            new = type(window)(address, annotator=window.annotator, poll_interval_ms=window.poll_interval_ms)
        except StoreError as exc:
            window.inform(tr_("Cannot open the team project"), str(exc), icon="critical")
            return None
        if has_password(address):
            new.show_message(tr_("The password in the address was used, not stored: use ~/.pgpass next time"))
        OPEN_WINDOWS.append(new)
        new.show()
        window.close()
        return new


__all__ = ["TeamController", "forget_cached"]
