"""Project-wide settings stored in the file."""

from __future__ import annotations

from annotator.core.model import Document as Document
from annotator.store.parts.base import PartBase


class SettingsPart(PartBase):
    """Project-wide settings (key → value)."""

    # -- settings ------------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        """A project-wide setting stored in the file."""
        rows = self._read("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a project-wide setting."""
        with self.transaction():
            self._sql.upsert("settings", {"key": key, "value": value}, ("key",))

    def settings(self) -> dict[str, str]:
        """Every project-wide setting, by key."""
        return {str(r[0]): str(r[1]) for r in self._read("SELECT key, value FROM settings ORDER BY key")}

    def delete_setting(self, key: str) -> None:
        """Remove a project-wide setting (nothing happens when there is none)."""
        with self.transaction():
            self._sql.execute("DELETE FROM settings WHERE key = ?", [key])
