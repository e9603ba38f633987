"""Live team work in the window: the team server's notifications as deltas, and the connection's state.

``TeamChangeFeed`` listens to the project's change channel on a connection of its own and watches its socket
with a ``QSocketNotifier``: when another user's write commits, the server's message arrives, the socket
becomes readable, and the feed turns the messages into the store's ``Change`` deltas
(``services.team_changes``), which the window's views take as they take their own changes. Nothing polls.

A dropped connection (the server stopped or restarted, the network cut, the session ended by an
administrator) is noticed when the socket reports it, or at the latest by the heartbeat. The feed then says
so (``connectionChanged``), tries again with a growing wait (``RETRY_MS``), and once connected again tells an
``external`` change: whatever was written meanwhile is read again. While it is down the window refuses
edits (see ``TeamStatus``) instead of writing work that nobody else would see or that could not be saved.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from annotator.services.team_changes import changes_from_events
from annotator.store.changes import Change, ChangeKind
from annotator.store.errors import DriverMissing, ServerUnavailable, StoreError
from annotator.store.postgres.connection import describe
from annotator.store.postgres.notify import ChangeEvent, ChangeListener
from annotator.ui.i18n import tr_
from annotator.ui.plain_text import plain_label, tooltip

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget

log = logging.getLogger(__name__)

# Waits before each new try after the connection was lost (the last one repeats): quick at first, for a
# restart, then no more than every half minute, so that a long outage costs the server nothing.
RETRY_MS: tuple[int, ...] = (250, 500, 1000, 2000, 4000, 8000, 15000, 30000)
CONNECT_TIMEOUT_S = 3  # each try (in the window's thread) gives up after this long
HEARTBEAT_MS = 15000  # a round trip this often notices a connection that died without a word
MAX_BATCH = 20000  # messages told as one batch at most (a bulk import is a handful of messages anyway)


class TeamChangeFeed(QObject):
    """Turns a team server's change notifications into ``Change`` deltas, and keeps its connection up.

    ``own_pids`` gives the server process ids of the window's own connections (their changes are skipped:
    the window told them already). Signals: ``changes(list[Change])`` for each batch of others' changes,
    ``connectionChanged(bool, str)`` when the connection is lost or back (with a one-line reason), and
    ``eventsArrived(list[ChangeEvent])`` with the raw messages (for measurements).
    """

    changes = Signal(list)
    connectionChanged = Signal(bool, str)
    eventsArrived = Signal(list)

    def __init__(
        self,
        conninfo: str,
        own_pids: Callable[[], Collection[int]] = frozenset,
        parent: QObject | None = None,
        *,
        retry_ms: Sequence[int] = RETRY_MS,
        heartbeat_ms: int = HEARTBEAT_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("teamChangeFeed")
        self.conninfo = conninfo
        self.listen_address = _with_connect_timeout(conninfo)
        self.own_pids = own_pids
        self.retry_ms = tuple(retry_ms) or RETRY_MS
        self.listener: ChangeListener | None = None
        self.notifier: QSocketNotifier | None = None
        self.connected = False
        self.problem = ""
        self.attempts = 0  # tries since the connection was lost
        self.lost_at: float | None = None
        self._closed = False
        self._retry = QTimer(self)
        self._retry.setObjectName("team-reconnect-timer")
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._reconnect)
        self._heartbeat = QTimer(self)
        self._heartbeat.setObjectName("team-heartbeat-timer")
        self._heartbeat.timeout.connect(self.check_connection)
        if heartbeat_ms > 0:
            self._heartbeat.setInterval(heartbeat_ms)

    # -- connecting ----------------------------------------------------------------------------------

    def start(self) -> bool:
        """Connect and listen; on failure say why and try again later. True when listening."""
        return self._connect(announce_reload=False)

    def _connect(self, *, announce_reload: bool) -> bool:
        if self._closed:
            return False
        try:
            listener = ChangeListener(self.listen_address)
        except DriverMissing:
            raise
        except StoreError as exc:
            self._lost(str(exc))
            return False
        self.listener = listener
        self.notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._on_readable)
        was_down = not self.connected and self.lost_at is not None
        self.connected = True
        self.problem = ""
        self.attempts = 0
        self.lost_at = None
        if self._heartbeat.interval() > 0:
            self._heartbeat.start()
        self.connectionChanged.emit(True, "")
        if announce_reload or was_down:
            # Messages sent while nobody listened are gone: read again whatever is shown.
            self.changes.emit([Change(ChangeKind.EXTERNAL)])
        self._on_readable()  # anything that arrived between LISTEN and the notifier
        return True

    def _reconnect(self) -> None:
        self.attempts += 1
        self._connect(announce_reload=True)

    def _drop_listener(self) -> None:
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if self.listener is not None:
            try:
                self.listener.close()
            except Exception:
                log.debug("closing a lost listener failed", exc_info=True)
            self.listener = None

    def _lost(self, reason: str) -> None:
        self._drop_listener()
        self._heartbeat.stop()
        self.connected = False
        self.problem = reason
        if self.lost_at is None:
            self.lost_at = time.monotonic()
        self.connectionChanged.emit(False, reason)
        if not self._closed:
            self._retry.start(self.next_retry_ms())

    def mark_lost(self, reason: str) -> None:
        """The connection is known to be lost (an edit found it broken): say so and retry as after any loss."""
        if not self._closed and (self.connected or not self._retry.isActive()):
            self._lost(reason)

    def next_retry_ms(self) -> int:
        """How long the feed waits before its next try."""
        return self.retry_ms[min(self.attempts, len(self.retry_ms) - 1)]

    def retry_now(self) -> None:
        """Try to reconnect at once (the user asked)."""
        if not self.connected and not self._closed:
            self._retry.stop()
            self._reconnect()

    def retry_soon(self) -> None:
        """Try to reconnect as soon as the event loop runs again (an edit was refused: the user is waiting)."""
        if not self.connected and not self._closed:
            self._retry.start(0)

    # -- receiving -----------------------------------------------------------------------------------

    def _on_readable(self) -> list[Change]:
        listener = self.listener
        if listener is None:
            return []
        try:
            events = listener.wait(0.0)  # what arrived; with nothing, one round trip tells a closed connection
            # Behind a burst, take the whole backlog at once: the views' cost is per batch (per document
            # touched), so one large batch catches up where many small ones would fall further behind.
            while events and len(events) < MAX_BATCH:
                more = listener.pending()
                if not more:
                    break
                events += more
        except ServerUnavailable as exc:
            self._lost(str(exc))
            return []
        return self.deliver(events)

    def catch_up(self) -> bool:
        """Tell at once whatever has arrived (before acting on something another user may have changed);
        True if there was something."""
        return bool(self._on_readable())

    def deliver(self, events: list[ChangeEvent]) -> list[Change]:
        """Tell the deltas of ``events`` (others' only); the deltas told."""
        if not events:
            return []
        self.eventsArrived.emit(events)
        changes = changes_from_events(events, set(self.own_pids()))
        if changes:
            self.changes.emit(changes)
        return changes

    def check_connection(self) -> bool:
        """A round trip on the listening connection; a lost one is reported (and retried). True if up."""
        if self.listener is None:
            return False
        self._on_readable()
        return self.connected

    @property
    def server(self) -> str:
        """The server's address without any password, for messages."""
        return describe(self.conninfo)

    def close(self) -> None:
        """Stop listening and retrying (before the project closes)."""
        self._closed = True
        self._retry.stop()
        self._heartbeat.stop()
        self._drop_listener()


def _with_connect_timeout(conninfo: str) -> str:
    """``conninfo`` with a short connection timeout unless it sets one: a try blocks the window that long."""
    try:
        from psycopg.conninfo import conninfo_to_dict, make_conninfo
    except ImportError:
        return conninfo
    try:
        if "connect_timeout" in conninfo_to_dict(conninfo):
            return conninfo
        return make_conninfo(conninfo, connect_timeout=CONNECT_TIMEOUT_S)
    except Exception:  # an unreadable address: the listener's own connection says what is wrong with it
        return conninfo


class TeamStatus(QObject):
    """The status bar's team connection field (objectName ``teamConnectionStatus``), kept by a feed."""

    def __init__(self, feed: TeamChangeFeed, parent: QWidget) -> None:
        super().__init__(parent)
        self.feed = feed
        self.label: QLabel = plain_label("", parent, name="teamConnectionStatus")
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._show)
        feed.connectionChanged.connect(self._changed)
        self._show()

    def _changed(self, connected: bool, _reason: str) -> None:
        if connected:
            self._countdown.stop()
        else:
            self._countdown.start()
        self._show()

    def _show(self) -> None:
        feed = self.feed
        if feed.connected:
            text = tr_("Team server: connected")
            tip = tr_("Live: changes by others appear as they are saved ({server})").format(server=feed.server)
        else:
            text = tr_("Team server: connection lost, reconnecting…")
            tip = tr_("Edits are refused until the connection is back; everything saved before is kept. {reason}")
            tip = tip.format(reason=feed.problem)
        if self.label.text() != text:
            self.label.setText(text)
        self.label.setToolTip(tooltip(tip))
        if self.label.property("problem") != (not feed.connected):
            self.label.setProperty("problem", not feed.connected)
            self.label.style().unpolish(self.label)
            self.label.style().polish(self.label)


def refusal() -> str:
    """Why an edit is refused while the connection is down (one line, for the status bar)."""
    return tr_("Not done: the team server connection is lost; nothing was written. Try again once it is back.")


__all__ = ["HEARTBEAT_MS", "RETRY_MS", "TeamChangeFeed", "TeamStatus", "refusal"]
