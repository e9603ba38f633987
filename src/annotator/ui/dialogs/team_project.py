"""File → Open team project…: the address of a project on a team server (PostgreSQL), and the recent ones.

Any libpq address works: a ``postgresql://user@host/project`` URI, ``host=… dbname=…`` keywords, or a
service name (``service=team``, defined in ``~/.pg_service.conf``). The app never stores a password: the
recent list keeps each address without it, and the dialog points to libpq's password file (``~/.pgpass``)
or the service file, which libpq reads at every connection.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.store.postgres import is_server_address
from annotator.ui.i18n import tr_
from annotator.ui.plain_text import plain_label, window_title

RECENT_TEAM_KEY = "recent/team-projects"
RECENT_TEAM_MAX = 10
_URI_SECRET = re.compile(r"^postgres(?:ql)?://[^/@]*:[^/@]*@")


def address_without_password(address: str) -> str:
    """``address`` with any password taken out (the same form: URI or keywords), to show or to remember."""
    text = address.strip()
    try:
        from psycopg import conninfo
    except ImportError:  # the driver is missing: nothing can connect anyway; keep no secret either
        return "" if "password" in text.lower() or _URI_SECRET.search(text) else text
    try:
        params = conninfo.conninfo_to_dict(text)
    except Exception:  # unreadable: remember nothing of it rather than a secret
        return ""
    if "password" not in params:
        return text
    params.pop("password")
    return conninfo.make_conninfo("", **params)


def has_password(address: str) -> bool:
    """Whether ``address`` carries a password (``password=`` or ``user:secret@`` in a URI)."""
    return address_without_password(address) != address.strip()


def recent_team_projects(settings: QSettings) -> list[str]:
    """Team projects opened lately, newest first (addresses without passwords)."""
    value = settings.value(RECENT_TEAM_KEY)
    if value is None or value == "":
        return []
    entries = [value] if isinstance(value, str) else [str(v) for v in value]
    return [e for e in entries if e]


def add_recent_team_project(settings: QSettings, address: str) -> None:
    """Put ``address`` (its password taken out) first in the recent team projects."""
    entry = address_without_password(address)
    if not entry:
        return
    recent = [entry] + [e for e in recent_team_projects(settings) if e != entry]
    settings.setValue(RECENT_TEAM_KEY, recent[:RECENT_TEAM_MAX])


class TeamProjectDialog(QDialog):
    """Asks for a team server's address; ``address()`` is what the user accepted."""

    def __init__(self, recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamProjectDialog")
        self.setWindowTitle(window_title(tr_("Open team project")))
        layout = QVBoxLayout(self)
        intro = plain_label(tr_("Address of the team server's project: a connection string or a service name."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("teamConnectionEdit")
        self.edit.setPlaceholderText(tr_("postgresql://alice@server/project or service=team"))
        self.edit.setAccessibleName(tr_("Team server address"))
        layout.addWidget(self.edit)
        self.problem = plain_label("", self, name="teamConnectionProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        note = plain_label(
            tr_(
                "Passwords are never stored by annotator: put yours in libpq's password file (~/.pgpass) "
                "or use a service from ~/.pg_service.conf; for TLS add sslmode=verify-full."
            ),
            self,
            name="teamPasswordNote",
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.recent = QListWidget(self)
        self.recent.setObjectName("teamRecentList")
        self.recent.setAccessibleName(tr_("Recent team projects"))
        for entry in recent:
            QListWidgetItem(entry, self.recent)
        self.recent.currentTextChanged.connect(self.edit.setText)
        self.recent.itemActivated.connect(lambda _item: self.accept())
        if recent:
            layout.addWidget(QLabel(tr_("Recent team projects:"), self))
            layout.addWidget(self.recent)
            self.edit.setText(recent[0])
        else:
            self.recent.hide()
        buttons = QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(buttons, Qt.Orientation.Horizontal, self)
        self.buttons.setObjectName("teamProjectButtons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(lambda _text: self.problem.hide())
        self.resize(560, self.sizeHint().height())

    def address(self) -> str:
        """The address typed or chosen, trimmed."""
        return self.edit.text().strip()

    def check(self) -> str | None:
        """Why the address cannot be used (one line), or None."""
        text = self.address()
        if not text:
            return tr_("Type a connection string or a service name.")
        if not is_server_address(text):
            return tr_(
                "This is not a team server address: write postgresql://user@host/project, "
                "host=… dbname=…, or service=NAME (a project file opens with File → Open project)."
            )
        return None

    def accept(self) -> None:
        problem = self.check()
        if problem is not None:
            self.problem.setText(problem)
            self.problem.show()
            return
        super().accept()


def ask_team_address(window: Any) -> str | None:
    """Run the dialog over ``window``; the accepted address (None: cancelled)."""
    dialog = TeamProjectDialog(recent_team_projects(window.settings), window)
    try:
        accepted = window._run_modal(dialog.exec) == QDialog.DialogCode.Accepted
        return dialog.address() if accepted else None
    finally:
        dialog.deleteLater()


__all__ = [
    "RECENT_TEAM_KEY",
    "TeamProjectDialog",
    "add_recent_team_project",
    "address_without_password",
    "ask_team_address",
    "has_password",
    "recent_team_projects",
]
