"""The window's import reads web tools' offsets the way they fit (``--offsets auto``) and says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "Le lanceur 🚀 décolle de Paris vers Moscou."


def test_window_import_reads_doccano_utf16_offsets_and_says_so(qtbot, window, tmp_path: Path) -> None:
    start = len(TEXT[: TEXT.index("Paris")].encode("utf-16-le")) // 2  # as doccano's web interface counts
    path = tmp_path / "doccano.jsonl"
    path.write_text(json.dumps({"text": TEXT, "label": [[start, start + 5, "actor"]]}) + "\n", encoding="utf-8")
    report = window.import_files([path])
    assert report is not None and report.new_documents == 1
    [span] = window.project.spans()
    assert span.text == "Paris"
    message = window.statusBar().currentMessage()
    assert "doccano.jsonl: offsets read as UTF-16 units (JavaScript) in 1 document (line 1)" in message
