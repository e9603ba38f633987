"""Smaller points: control characters in names never reach the terminal raw, an HTML ``<embed>`` does not
swallow the rest of a page, and the export dialog asks before replacing a file it suggested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.cli.common import terminal_text
from annotator.store.project import Project
from tests.conftest import FRENCH
from tests.processes import run_cli

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

CONTROLS = "\x1b[2J\x1b]0;pwned\x07\r\x00\x9b31m\u202e"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    with Project(path) as project:
        document, _ = project.add_document(f"Titre{CONTROLS}caché", FRENCH)
        project.add_span(document.id, 8, 11, "actor", annotator=f"ann{CONTROLS}", note=f"note{CONTROLS}")
        project.add_span(document.id, 8, 14, "actor", annotator="ben")  # overlaps: a conll warning names a title
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("docs",),
        ("stats",),
        ("spans", "list"),
        ("search", "ONU"),
        ("agreement",),
        ("export", "--format", "conll", "--out", "{tmp}/out.conll"),
    ],
    ids=lambda a: a[0] if a[0] != "spans" else "spans-list",
)
def test_no_control_character_reaches_the_terminal(db: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    args = tuple(a.replace("{tmp}", str(tmp_path)) for a in args)
    result = run_cli(args[0], "--db", str(db), *args[1:])
    assert result.returncode == 0, result.stderr
    for stream in (result.stdout, result.stderr):
        assert not RAW.findall(stream.replace("\t", "").replace("\n", "")), repr(stream)
    if args[0] in ("docs", "stats", "spans", "search"):
        assert "\\x1b" in result.stdout  # shown escaped, not dropped


def test_import_output_escapes_a_hostile_title(tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    controls = CONTROLS.replace("\x00", "")  # a NUL would make the file binary
    article.write_text(f"# Titre{controls}caché\n\nLa Corée du Nord a livré des obus.\n", encoding="utf-8")
    result = run_cli("import", "--db", str(tmp_path / "p.db"), str(article))
    assert result.returncode == 0, result.stderr
    assert not RAW.findall(result.stdout.replace("\t", "").replace("\n", "")), repr(result.stdout)
    assert "Titre\\x1b[2J" in result.stdout


def test_terminal_text_escapes_controls_and_keeps_text() -> None:
    assert terminal_text("Corée du Nord — 10\u00a0000 “obus” 🚀") == "Corée du Nord — 10\u00a0000 “obus” 🚀"
    assert terminal_text("a\x1bb\x07c\rd\x00e\u202ef\ng\th") == "a\\x1bb\\x07c\\x0dd\\x00e\\u202ef g h"


def test_text_after_an_embed_is_kept(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Rapport</title></head><body><p>Avant la vidéo.</p>"
        '<embed src="video.swf" type="application/x-shockwave-flash">'
        "<p>Après la vidéo : la Corée du Nord a livré des obus.</p>"
        '<object data="x.swf"><param name="q" value="high">repli</object><p>Fin de l’article.</p></body></html>',
        encoding="utf-8",
    )
    db = tmp_path / "p.db"
    assert run_cli("import", "--db", str(db), str(page)).returncode == 0
    with Project(db) as project:
        text = project.document_text(1)
    assert text == "Avant la vidéo.\nAprès la vidéo : la Corée du Nord a livré des obus.\nFin de l’article."


def test_the_export_dialog_asks_before_replacing_what_is_there(qtbot, db: Path, tmp_path: Path, monkeypatch) -> None:
    from annotator.ui.dialogs.export_dialog import show_export_dialog
    from annotator.ui.main_window import MainWindow

    window = MainWindow(db, poll_interval_ms=0)
    qtbot.addWidget(window)
    asked: list[str] = []
    answer = {"value": False}
    monkeypatch.setattr(window, "confirm", lambda title, text, action: asked.append(text) or answer["value"])
    dialog = show_export_dialog(window)
    existing = tmp_path / "p.jsonl"
    existing.write_text("mes données\n", encoding="utf-8")
    dialog.set_format("jsonl")
    dialog.set_output_path(existing)
    assert dialog.run_export() is None
    assert asked and str(existing) in asked[-1]
    assert existing.read_text(encoding="utf-8") == "mes données\n"
    answer["value"] = True
    assert dialog.run_export() is not None
    assert existing.read_text(encoding="utf-8").startswith('{"format": "annotator"')
    fresh = tmp_path / "fresh.jsonl"
    dialog.set_output_path(fresh)
    count = len(asked)
    assert dialog.run_export() is not None and len(asked) == count  # nothing there: nothing to ask
    folder = tmp_path / "brat"
    dialog.set_format("brat")
    dialog.set_output_path(folder)
    assert dialog.run_export() is not None and len(asked) == count
    answer["value"] = False
    assert dialog.run_export() is None and "brat export" in asked[-1]
    dialog.close()
