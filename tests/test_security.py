"""Security: importers fetch and run nothing, CSV is formula-safe, exports stay in their folder, SQL parameterised."""

from __future__ import annotations

import csv
import http.server
import sqlite3
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from annotator.core.model import ValidationError
from annotator.services.importing import import_paths
from annotator.store.project import Project
from tests.processes import run_cli

INJECTION = "'; DROP TABLE annotations; --"
HOSTILE_TITLES = [
    "../../etc/x",
    "../../../../../../tmp/annotator-escape",
    "..",
    ".",
    "a\x00b",
    "a/b\\c",
    "CON",
    "nul.txt",
    " leading and trailing ",
    "x" * 300,
    "é’🚀 Corée",
    INJECTION,
]


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Recorder.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def hostile_docx(path: Path, base: str) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}" xmlns:r="{r}"><w:body>'
        "<w:p><w:r><w:t>Texte du rapport.</w:t></w:r></w:p>"
        f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDEPICTURE "{base}/pic.png" '
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        f'<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>lien</w:t></w:r></w:hyperlink></w:p>'
        "</w:body></w:document>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdLink" Type="{r}/hyperlink" Target="{base}/link" TargetMode="External"/>'
        f'<Relationship Id="rIdImg" Type="{r}/image" Target="{base}/image.png" TargetMode="External"/>'
        f'<Relationship Id="rIdTpl" Type="{r}/attachedTemplate" Target="{base}/template.dotm" TargetMode="External"/>'
        "</Relationships>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", rels)
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")


def test_no_importer_fetches_anything_or_runs_scripts(
    project: Project, tmp_path: Path, server: str, no_network: list[object]
) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    marker = tmp_path / "script-ran"
    (folder / "page.html").write_text(
        f'<html><head><link rel="stylesheet" href="{server}/a.css"><script src="{server}/a.js"></script>'
        f"<script>require('fs').writeFileSync('{marker}', 'x'); fetch('{server}/x')</script>"
        f'<meta http-equiv="refresh" content="0; url={server}/refresh"></head>'
        f'<body onload="fetch(\'{server}/onload\')"><p>Article.</p><img src="{server}/i.png">'
        f'<iframe src="{server}/frame"></iframe><video src="{server}/v.mp4"></video>'
        f'<svg><image href="{server}/svg.png"/></svg></body></html>',
        encoding="utf-8",
    )
    (folder / "note.md").write_text(f"# Note\n\n![image]({server}/md.png)\n\n<img src='{server}/mdhtml.png'>\n")
    hostile_docx(folder / "report.docx", server)
    report = import_paths(project, [folder])
    assert report.new_documents == 3, report.skipped
    assert _Recorder.requests == []
    assert no_network == []
    assert not marker.exists()
    texts = [project.document_text(i) for i in project.document_ids()]
    assert not any("require(" in t or "fetch(" in t for t in texts)


def test_sql_is_parameterised(project: Project) -> None:
    document, _ = project.add_document(INJECTION, f"Texte {INJECTION} fin.\n", language=INJECTION)
    doc_id = int(document.id or 0)
    start = document.text.index(INJECTION)
    span = project.add_span(doc_id, start, start + len(INJECTION), "actor", annotator=INJECTION, note=INJECTION)
    project.edit_label("actor", guideline=INJECTION)
    project.set_setting(INJECTION, INJECTION)
    project.update_document(doc_id, title=INJECTION + '"); DROP TABLE documents; --', metadata={INJECTION: INJECTION})
    with pytest.raises(ValidationError):
        project.add_label(INJECTION)
    with pytest.raises(ValidationError):
        project.add_span(doc_id, 0, 3, INJECTION)
    assert project.spans(labels=[INJECTION]) == []
    assert project.spans(annotators=[INJECTION]) == [span]
    assert [h.document_id for h in project.search(INJECTION)] == [doc_id]
    assert project.search("x' OR 1=1 --") == []
    with sqlite3.connect(project.path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"documents", "annotations", "labels", "links", "attributes", "settings"} <= tables
        row = conn.execute("SELECT text, annotator, note FROM annotations WHERE id = ?", (span.id,)).fetchone()
    conn.close()
    assert row == (INJECTION, INJECTION, INJECTION)
    assert project.setting(INJECTION) == INJECTION
    assert project.label("actor").guideline == INJECTION
    assert project.document(doc_id).metadata == {INJECTION: INJECTION}


def test_cli_with_injection_in_its_arguments(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    (tmp_path / "a.txt").write_text(f"Texte {INJECTION}.\n", encoding="utf-8")
    assert run_cli("import", "--db", db, str(tmp_path / "a.txt")).returncode == 0
    refused = run_cli("labels", "--db", db, "add", INJECTION)
    assert refused.returncode == 2 and "invalid label name" in refused.stderr
    assert run_cli("search", "--db", db, INJECTION).returncode == 0
    assert run_cli("spans", "--db", db, "list", "--annotator", INJECTION, "--label", INJECTION).returncode == 0
    assert run_cli("spans", "--db", db, "delete", INJECTION).returncode == 2
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 0
    conn.close()


# -- exports (need annotator.services.exporting) --------------------------------------------------------------------


def hostile_project(project: Project) -> None:
    for n, title in enumerate(HOSTILE_TITLES):
        text = f"=SUM(1+1) +1 -1 @A1 \t=cmd|' /C calc'!A0 document {n}\n"
        document, _ = project.add_document("placeholder", text)
        doc_id = int(document.id or 0)
        project.update_document(doc_id, title=title)
        for word in ("=SUM(1+1)", "+1", "-1", "@A1", "=cmd|' /C calc'!A0"):
            start = text.index(word)
            project.add_span(doc_id, start, start + len(word), "actor", annotator="=evil()", note="@SUM(A1)")


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_csv_export_is_formula_safe(project: Project, tmp_path: Path) -> None:
    from annotator.services import exporting

    hostile_project(project)
    out = tmp_path / "spans.csv"
    exporting.export_project(project, "csv", out, statuses=None)
    with out.open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) > len(HOSTILE_TITLES)
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_brat_export_names_stay_inside_the_folder(project: Project, tmp_path: Path) -> None:
    from annotator.services import exporting

    hostile_project(project)
    work = tmp_path / "work"
    out = work / "deep" / "out"
    out.mkdir(parents=True)
    before = files_under(tmp_path)
    exporting.export_project(project, "brat", out, statuses=None)
    written = files_under(tmp_path) - before
    assert written
    assert all(out in p.parents for p in written), sorted(map(str, written))
    assert not Path("/tmp/annotator-escape.txt").exists()
    texts = [p for p in written if p.suffix == ".txt"]
    assert len(texts) == len(HOSTILE_TITLES)  # one per document, none overwritten
    assert all("\x00" not in p.name and len(p.name.encode()) <= 255 for p in written)


def test_imported_hostile_names_cannot_escape_either(project: Project, tmp_path: Path) -> None:
    from annotator.services import exporting
    from annotator.services import merging as sets

    hostile_project(project)
    native = tmp_path / "set.jsonl"
    exporting.export_project(project, "jsonl", native, statuses=None)
    with Project(tmp_path / "other.db") as other:
        sets.import_set(other, native)
        assert sorted(d.title for d in other.documents()) == sorted(HOSTILE_TITLES)
        out = tmp_path / "brat-out"
        out.mkdir()
        before = files_under(tmp_path)
        exporting.export_project(other, "brat", out, statuses=None)
        written = files_under(tmp_path) - before
    assert written and all(out in p.parents for p in written)


LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' if i else '<!ENTITY lol0 "lol">' for i in range(10))


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (
            f"<!DOCTYPE x [{LAUGHS}]><w:document><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>",
            "damaged",
        ),
        (
            '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:document><w:body><w:p><w:r><w:t>&e;</w:t>'
            "</w:r></w:p></w:body></w:document>",
            "damaged",
        ),
    ],
    ids=["billion-laughs", "external-entity"],
)
def test_docx_xml_attacks_are_refused(tmp_path: Path, no_network: list[object], xml: str, message: str) -> None:
    from annotator.formats.documents import DocumentError, read_document

    path = tmp_path / "attack.docx"
    xml = xml.replace(
        "<w:document>", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", '<?xml version="1.0"?>' + xml)
    with pytest.raises(DocumentError, match=message):
        read_document(path)
    assert no_network == []


def test_a_docx_zip_bomb_is_refused_without_unpacking_it_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.formats import documents

    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 10_000)
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b'<w:document xmlns:w="x">' + b" " * 5_000_000 + b"</w:document>")
    assert path.stat().st_size < 10_000
    with pytest.raises(documents.DocumentError, match="too large"):
        documents.read_document(path)
