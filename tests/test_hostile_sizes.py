"""Small files, large costs: nested and bloated .docx files, zip bombs, deeply nested JSON and annotation sets
with more labels than a document can carry are refused with a clear message, from the command line and the
window (whose imports run on a worker thread, with progress and Cancel). Time and memory on the full-size
files are measured by ``benchmarks/hostile_files.py``."""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import pytest

from annotator.formats.documents import read_document
from annotator.formats.limits import MAX_PARAGRAPHS, MAX_SPANS_PER_DOCUMENT, MAX_XML_DEPTH
from annotator.store.project import Project
from tests.processes import run_cli

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = f'<w:document xmlns:w="{W}"><w:body>'.encode()
TAIL = b"</w:body></w:document>"
TEXT = "Selon l’ONU, la Corée du Nord a fourni à la Russie des munitions. "


def docx(path: Path, *chunks: bytes, repeat: int = 1) -> Path:
    """A .docx whose document.xml is HEAD, the chunks (the middle one ``repeat`` times, streamed), TAIL."""
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("word/document.xml", "w") as member,
    ):
        member.write(HEAD + chunks[0])
        for _ in range(repeat):
            member.write(chunks[1] if len(chunks) > 1 else b"")
        member.write((chunks[2] if len(chunks) > 2 else b"") + TAIL)
    return path


def nested_docx(path: Path) -> Path:
    depth = 20_000
    return docx(path, b"<w:p><w:r><w:t>a</w:t></w:r>" * depth + b"</w:p>" * depth)


def empty_paragraphs_docx(path: Path) -> Path:
    return docx(path, b"", b"<w:p/>" * 10_000, b"", repeat=MAX_PARAGRAPHS // 10_000 + 1)


def bomb_docx(path: Path) -> Path:
    return docx(path, b"<w:p><w:r><w:t>", b"a" * (1 << 20), b"</w:t></w:r></w:p>", repeat=51)


def deep_json(path: Path) -> Path:
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return path


def deep_doccano(path: Path) -> Path:
    path.write_text(
        json.dumps({"text": TEXT})[:-1] + ', "meta": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001 + "\n",
        encoding="utf-8",
    )
    return path


def crowded_doccano(path: Path, labels: int) -> Path:
    """One short document with ``labels`` labels (more than its text can carry)."""
    line = json.dumps({"text": TEXT, "label": [[i % 50, i % 50 + 5, "actor"] for i in range(labels)]})
    path.write_text(line + "\n", encoding="utf-8")
    return path


CASES = {
    "nested.docx": (nested_docx, f"nested more than {MAX_XML_DEPTH} levels"),
    "empty-paragraphs.docx": (empty_paragraphs_docx, f"more than {MAX_PARAGRAPHS:,} paragraphs"),
    "bomb.docx": (bomb_docx, "too large"),
    "deep.json": (deep_json, "nested too deeply"),
    "deep.jsonl": (deep_doccano, "nested too deeply"),
    "crowded.jsonl": (lambda p: crowded_doccano(p, 100_000), "100,000 spans on a text of"),
    "flood.jsonl": (lambda p: crowded_doccano(p, 2 * MAX_SPANS_PER_DOCUMENT + 1000), "numbers on one line"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_cli_refuses_a_costly_file_with_a_clear_message(tmp_path: Path, name: str) -> None:
    make, reason = CASES[name]
    path = make(tmp_path / name)
    assert path.stat().st_size < 8_000_000
    db = tmp_path / "p.db"
    result = run_cli("import", "--db", str(db), "--unknown-labels", "add", str(path), timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    skipped = [line for line in result.stdout.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and name in skipped[0] and reason in skipped[0], result.stdout
    with Project(db) as project:
        assert project.documents() == []


def test_the_limits_leave_real_documents_alone(tmp_path: Path) -> None:
    # A text box (a paragraph inside a paragraph) and a table nested in a table: each text once, in order.
    path = docx(
        tmp_path / "box.docx",
        b"<w:p><w:r><w:t>Avant </w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>Encadr\xc3\xa9</w:t></w:r>"
        b"</w:p></w:txbxContent></w:pict></w:r><w:r><w:t>apr\xc3\xa8s.</w:t></w:r></w:p>"
        b"<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cellule</w:t><w:tab/><w:t>10</w:t></w:r></w:p>"
        b"</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>",
    )
    assert read_document(path).text == "Avant après.\nEncadré\nCellule\t10"
    many = tmp_path / "dense.jsonl"
    text = TEXT * 40
    labels = [[i, i + 5, "actor"] for i in range(0, len(text) - 5, 3)]
    many.write_text(json.dumps({"text": text, "label": labels}) + "\n", encoding="utf-8")
    result = run_cli("import", "--db", str(tmp_path / "p.db"), "--unknown-labels", "add", str(many))
    assert result.returncode == 0, result.stdout + result.stderr


# -- the window ------------------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, db_path: Path, monkeypatch: pytest.MonkeyPatch):
    from annotator.ui.main_window import MainWindow

    window = MainWindow(db_path, annotator="tester", poll_interval_ms=0)
    window.informed = []
    monkeypatch.setattr(window, "inform", lambda title, text, **_: window.informed.append((title, text)))
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_window_says_why_a_deep_json_file_was_not_imported(window, tmp_path: Path) -> None:
    path = deep_json(tmp_path / "deep.json")
    report = window.import_files([path])
    assert report is not None and report.skipped and "nested too deeply" in report.skipped[0][1]
    assert window.informed and "deep.json" in window.informed[-1][1]


def test_the_window_keeps_running_while_it_imports_and_cancel_stops_between_files(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer

    import annotator.services.importing as importing
    from annotator.ui.import_job import ImportJob

    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(6):
        (folder / f"{n}.txt").write_text(f"Article {n} : la Corée du Nord a livré {n} obus.\n", encoding="utf-8")
    slow = importing.import_document_file

    def slowly(*args, **kwargs):
        time.sleep(0.2)  # on the worker thread: the window's thread is free meanwhile
        return slow(*args, **kwargs)

    monkeypatch.setattr(importing, "import_document_file", slowly)
    real_progress = ImportJob._progress

    def cancel_at_third(self, done, total, path):
        if done == 3:
            self.cancel()  # what the progress dialog's Cancel button does
        real_progress(self, done, total, path)

    monkeypatch.setattr(ImportJob, "_progress", cancel_at_third)
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    report = window.import_files([folder])
    timer.stop()
    assert len(ticks) >= 5, "the window's event loop ran during the import"
    assert report is not None and report.cancelled
    assert report.new_documents == 3 and "cancelled" in report.summary()
    assert window.document_model.rowCount() == 3  # picked up through the usual change path
    assert window.current_document_id() is not None


def test_an_import_that_fails_unexpectedly_is_reported_never_silent(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.ui.import_job as import_job

    def broken(*args, **kwargs):
        raise RuntimeError("a defect")

    monkeypatch.setattr(import_job, "import_paths", broken)
    (tmp_path / "a.txt").write_text("Un article.\n", encoding="utf-8")
    assert window.import_files([tmp_path / "a.txt"]) is None
    assert window.informed and "a defect" in window.informed[-1][1]
    assert window.import_job is None


def test_the_hostile_files_benchmark_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "hostile_files.py"
    done = subprocess.run([sys.executable, str(script), "--quick"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = done.stdout.splitlines()[1:]
    assert len(rows) == 5 and all(" MB  " in row for row in rows), done.stdout
    assert "Traceback" not in done.stdout + done.stderr and "unexpected" not in done.stdout


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("tokens.conll", "La B-actor\nCorée I-actor\nlivre O\n\n" * 200),
        (
            "tokens.tsv",
            "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Span|label\n\n" + "#Text=x\n1-1\t0-1\tx\t_\n" * 200,
        ),
    ],
)
def test_token_sets_are_held_to_the_set_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, body: str
) -> None:
    from annotator.formats import limits
    from annotator.services.importing import import_paths

    monkeypatch.setattr(limits, "MAX_SET_BYTES", 1000)  # the real limit, 256 MB, scaled down
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    with Project(tmp_path / "p.db") as project:
        report = import_paths(project, [path])
        assert not report.documents and project.documents() == []
    assert len(report.skipped) == 1 and "annotation sets of up to" in report.skipped[0][1]
