"""Document importers on real files: encodings, line endings, HTML, .docx, folders, refusals."""

from __future__ import annotations

import codecs
import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from annotator.formats.documents import DocumentError, read_document
from annotator.services.importing import import_paths
from annotator.store.project import Project
from tests.conftest import EMOJI, FRENCH
from tests.raw_sql import raw_connection

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# -- plain text --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (FRENCH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF16_LE + EMOJI.encode("utf-16-le"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le", "utf16-be", "utf16-emoji"],
)
def test_unicode_text_files(tmp_path: Path, data: bytes, encoding: str) -> None:
    document = read_document(write(tmp_path / "article.txt", data))
    assert document.text in (FRENCH, EMOJI)
    assert not document.text.startswith("\ufeff")
    assert document.metadata["encoding"] == encoding
    assert document.title == "article"


def test_cp1252_file_is_detected(tmp_path: Path) -> None:
    text = (
        "Selon l’ONU, la Corée du Nord a fourni à la Russie des munitions d’artillerie. Les experts estiment que "
        "c’est un risque élevé pour la sécurité européenne. « Très inquiétant », déclare-t-il : 10 000 € par obus.\n"
    )
    document = read_document(write(tmp_path / "windows.txt", text.encode("cp1252")))
    assert document.text == text
    assert document.metadata["encoding"] == "cp1252"


def test_latin1_file_is_detected(tmp_path: Path) -> None:
    text = "La Corée du Nord a livré des obus à la Russie ; les experts jugent la situation très préoccupante.\n" * 3
    assert read_document(write(tmp_path / "latin.txt", text.encode("latin-1"))).text == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01\x02\x03PK\x00\x00binary" * 50, "binary"),
        (bytes(range(128, 256)) * 20, "encoding could not be recognised"),
        (b"", "empty"),
        (b"  \n\r\n\t ", "empty"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid utf-16"),
    ],
    ids=["binary", "undecodable", "empty", "blank", "bad-utf16"],
)
def test_unreadable_text_files_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message) as info:
        read_document(write(tmp_path / "bad.txt", data))
    assert str(info.value).startswith("bad.txt: ")


def test_crlf_and_lone_cr_become_lf(tmp_path: Path) -> None:
    data = "Ligne un\r\nLigne deux\rLigne trois\n\r\nFin 🚀\r".encode()
    assert read_document(write(tmp_path / "mixed.txt", data)).text == "Ligne un\nLigne deux\nLigne trois\n\nFin 🚀\n"


def test_markdown_title_from_its_first_heading(tmp_path: Path) -> None:
    data = "\n# Corée du Nord : l’aide à la Russie\r\n\r\nPlus de 10\u00a0000 soldats.\r\n".encode()
    document = read_document(write(tmp_path / "note.md", data))
    assert document.title == "Corée du Nord : l’aide à la Russie"
    assert document.text == "\n# Corée du Nord : l’aide à la Russie\n\nPlus de 10\u00a0000 soldats.\n"


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="not a document type"):
        read_document(write(tmp_path / "table.xlsx", b"PK\x03\x04"))


# -- HTML --------------------------------------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<p>remote content</p>")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def watch_server() -> Iterator[str]:
    """A local web server that records every request made to it."""
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def hostile_page(base: str) -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Corée &amp; Russie</title>
<link rel="stylesheet" href="{base}/style.css">
<script src="{base}/tracker.js"></script>
<script>document.write("<p>injected</p>"); fetch("{base}/xhr");</script>
<style>p {{ background: url({base}/bg.png) }}</style>
<meta name="author" content="Élise Martin">
</head>
<body onload="fetch('{base}/onload')">
<nav><a href="/">Accueil</a> | <a href="/monde">Monde</a></nav>
<header>Le Journal</header>
<article>
<h1>La Corée du Nord livre des obus</h1>
<p>Selon l’ONU, la Corée du Nord a fourni à la Russie
   des munitions d’artillerie.</p>
<img src="{base}/photo.jpg" alt="photo">
<iframe src="{base}/frame"></iframe>
<p>Plus de 10&nbsp;000 soldats <b>nord-coréens</b> sont déployés&#8239;; 🚀</p>
<object data="{base}/object.swf"></object>
<table><tr><td>Obus</td><td>1&nbsp;000</td></tr></table>
</article>
<aside>Lire aussi : autre chose</aside>
<footer>© Le Journal</footer>
</body></html>
"""


def test_html_keeps_the_article_and_drops_the_rest(tmp_path: Path, watch_server: str) -> None:
    path = write(tmp_path / "page.html", hostile_page(watch_server).encode("utf-8"))
    document = read_document(path)
    assert document.title == "La Corée du Nord livre des obus"  # the headline, not the window title
    assert document.text.split("\n") == [
        "La Corée du Nord livre des obus",
        "Selon l’ONU, la Corée du Nord a fourni à la Russie des munitions d’artillerie.",
        "Plus de 10\u00a0000 soldats nord-coréens sont déployés\u202f; 🚀",
        "Obus\t1\u00a0000",
    ]
    for dropped in ("injected", "Accueil", "Le Journal", "Lire aussi", "background", "remote"):
        assert dropped not in document.text
    assert document.metadata["author"] == "Élise Martin"
    assert _Recorder.requests == []  # nothing was fetched


def test_html_import_fetches_nothing(project: Project, tmp_path: Path, watch_server: str) -> None:
    write(tmp_path / "site" / "page.html", hostile_page(watch_server).encode("utf-8"))
    report = import_paths(project, [tmp_path / "site"])
    assert report.new_documents == 1
    assert _Recorder.requests == []


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1252"><title>t</title></head><body><p>Corée – l’ONU</p></body></html>'
    assert read_document(write(tmp_path / "old.htm", page.encode("cp1252"))).text == "Corée – l’ONU"


def test_html_without_text_is_refused(tmp_path: Path) -> None:
    page = b"<html><head><script>alert(1)</script></head><body><nav>menu</nav></body></html>"
    with pytest.raises(DocumentError, match="no text"):
        read_document(write(tmp_path / "empty.html", page))


def test_html_pre_keeps_its_lines(tmp_path: Path) -> None:
    page = "<body><p>Avant</p><pre>ligne 1\n  ligne 2</pre></body>"
    assert read_document(write(tmp_path / "pre.html", page.encode())).text == "Avant\nligne 1\n  ligne 2"


# -- DOCX --------------------------------------------------------------------------------------------------


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def minimal_docx(path: Path, paragraphs: list[str], table: list[list[str]], title: str | None = None) -> Path:
    """A minimal valid WordprocessingML package, written with zipfile."""
    body = "".join(f"<w:p>{_run(p)}</w:p>" for p in paragraphs)
    rows = "".join(
        "<w:tr>" + "".join(f"<w:tc><w:p>{_run(cell)}</w:p></w:tc>" for cell in row) + "</w:tr>" for row in table
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>{body}'
        f"<w:tbl>{rows}</w:tbl><w:p><w:r><w:t>Fin</w:t><w:tab/><w:t>→</w:t></w:r></w:p><w:sectPr/></w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>'
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"{f'<dc:title>{title}</dc:title>' if title else ''}<dc:creator>Élise</dc:creator></cp:coreProperties>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
        archive.writestr("docProps/core.xml", core)
    return path


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    path = minimal_docx(
        tmp_path / "rapport.docx",
        ["Selon l’ONU, la Corée du Nord a fourni des obus.", "Plus de 10\u00a0000 soldats 🚀."],
        [["Pays", "Quantité"], ["Corée du Nord", "1\u202f000"]],
        title="Rapport sur la Corée",
    )
    document = read_document(path)
    assert document.title == "Rapport sur la Corée"
    assert document.metadata["author"] == "Élise"
    assert document.text.split("\n") == [
        "Selon l’ONU, la Corée du Nord a fourni des obus.",
        "Plus de 10\u00a0000 soldats 🚀.",
        "Pays",
        "Quantité",
        "Corée du Nord",
        "1\u202f000",
        "Fin\t→",
    ]


def test_docx_written_by_python_docx(tmp_path: Path) -> None:
    import docx  # python-docx, a test dependency: an independent writer of real .docx files

    made = docx.Document()
    made.add_heading("Corée du Nord", level=1)
    made.add_paragraph("La Corée du Nord a livré des obus à la Russie.")
    table = made.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Obus"
    table.rows[0].cells[1].text = "1\u00a0000"
    made.save(tmp_path / "word.docx")
    text = read_document(tmp_path / "word.docx").text
    assert text.split("\n") == ["Corée du Nord", "La Corée du Nord a livré des obus à la Russie.", "Obus", "1\u00a0000"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"not a zip at all"), "not a readable .docx"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("other.xml", "<x/>"), "not a readable .docx"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("word/document.xml", "<w:document"), "damaged"),
    ],
    ids=["not-zip", "no-document", "bad-xml"],
)
def test_broken_docx_is_refused(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "broken.docx"
    make(path)
    with pytest.raises(DocumentError, match=message):
        read_document(path)


# -- importing into a project ------------------------------------------------------------------------------


def test_folder_import_recursive_with_summary(project: Project, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "a.txt", FRENCH.replace("\n", "\r\n").encode("utf-8"))
    write(root / "sub" / "b.md", b"# Titre\n\nTexte B.\n")
    write(root / "sub" / "deeper" / "c.html", "<p>Texte C 🚀</p>".encode())
    minimal_docx(root / "sub" / "d.docx", ["Texte D"], [["x"]])
    write(root / "sub" / "copy-of-a.txt", FRENCH.encode("utf-8"))  # same text once normalised
    write(root / "notes.xlsx", b"PK\x03\x04")
    write(root / ".hidden.txt", b"hidden")
    write(root / "empty.txt", b"")
    report = import_paths(project, [root])
    assert report.new_documents == 4
    assert report.existing_documents == 1
    skipped = dict(report.skipped)
    assert set(skipped) == {str(root / "notes.xlsx"), str(root / "empty.txt")}
    assert "empty" in skipped[str(root / "empty.txt")]
    assert report.summary() == "imported: 4 new documents, 1 already present, 2 skipped"
    titles = sorted(d.title for d in project.documents())
    assert titles == ["Titre", "a", "c", "d"]
    stored = project.document(report.documents[0][0])
    assert stored.text == FRENCH and "\r" not in stored.text
    assert stored.source_path == str((root / "a.txt").resolve())


def test_same_file_twice_is_not_duplicated(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", FRENCH.encode())
    first = import_paths(project, [path])
    second = import_paths(project, [path])
    assert (first.new_documents, second.new_documents, second.existing_documents) == (1, 0, 1)
    assert first.documents == second.documents
    assert len(project.documents()) == 1


def test_a_bad_file_in_a_folder_changes_nothing_and_the_rest_goes_on(project: Project, tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    write(root / "1-good.txt", b"Premier texte.\n")
    write(root / "2-bad.txt", b"\x00\x01binary\x00" * 100)
    write(root / "3-bad.docx", b"PK\x03\x04 broken")
    write(root / "4-good.txt", b"Second texte.\n")
    report = import_paths(project, [root])
    assert [t for _, t in report.documents] == ["1-good", "4-good"]
    assert [Path(p).name for p, _ in report.skipped] == ["2-bad.txt", "3-bad.docx"]
    assert [d.title for d in project.documents()] == ["1-good", "4-good"]
    rows = raw_connection(project).execute("SELECT count(*) FROM document_sources").fetchone()[0]
    assert rows == 2


def test_missing_path_is_reported(project: Project, tmp_path: Path) -> None:
    report = import_paths(project, [tmp_path / "nowhere"])
    assert report.skipped == [(str(tmp_path / "nowhere"), "no such file or folder")]
    assert project.documents() == []


def test_a_symbolic_link_loop_is_walked_once(project: Project, tmp_path: Path) -> None:
    root = tmp_path / "loop"
    write(root / "a.txt", b"Texte A.\n")
    (root / "sub").mkdir()
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)
    report = import_paths(project, [root])
    assert report.new_documents == 1 and report.skipped == []


def test_a_pipe_is_refused_without_blocking(project: Project, tmp_path: Path) -> None:
    import os

    root = tmp_path / "with-pipe"
    write(root / "a.txt", b"Texte A.\n")
    os.mkfifo(root / "pipe.txt")
    report = import_paths(project, [root])
    assert report.new_documents == 1
    assert report.skipped == [(str(root / "pipe.txt"), "pipe.txt: not a regular file")]
    with pytest.raises(DocumentError, match="not a regular file"):
        read_document(root / "pipe.txt")


# -- read by content, names and encodings ------------------------------------------------------------------


def test_a_named_file_without_a_known_suffix_is_read_by_its_content(project: Project, tmp_path: Path) -> None:
    minimal_docx(tmp_path / "rapport-word", ["La Corée du Nord a livré des obus."], [["x"]], title="Rapport")
    write(tmp_path / "page", "<!DOCTYPE html><html><head><title>Page</title></head><body><p>Texte 🚀</p>".encode())
    write(tmp_path / "NOTES", "Selon l’ONU, plus de 10\u00a0000 soldats.\n".encode())
    write(tmp_path / "set-export", b'{"text": "la Cor\xc3\xa9e du Nord", "label": [[3, 8, "actor"]]}\n')
    write(tmp_path / "blob.bin", b"\x00\x01\x02binary" * 50)
    report = import_paths(project, [tmp_path / n for n in ("rapport-word", "page", "NOTES", "set-export", "blob.bin")])
    assert [title for _, title in report.documents] == ["Rapport", "Page", "NOTES", "la Corée du Nord"]
    texts = [project.document_text(doc_id) for doc_id, _ in report.documents]
    assert texts[0].startswith("La Corée du Nord a livré des obus.") and texts[1] == "Texte 🚀"
    assert texts[2] == "Selon l’ONU, plus de 10\u00a0000 soldats.\n"
    [span] = project.spans(report.documents[3][0])
    assert (span.start, span.end, span.label, span.text) == (3, 8, "actor", "Corée")
    assert [(Path(p).name, "binary" in why) for p, why in report.skipped] == [("blob.bin", True)]


def test_in_a_folder_files_are_read_by_suffix_only(project: Project, tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "a.txt", b"Texte A.\n")
    write(tmp_path / "corpus" / "Makefile", b"all:\n\techo\n")
    report = import_paths(project, [tmp_path / "corpus"])
    assert [title for _, title in report.documents] == ["a"]
    assert [(Path(p).name, why) for p, why in report.skipped] == [
        ("Makefile", "not a document or annotation set annotator reads")
    ]


def test_a_named_pipe_without_a_suffix_is_refused_without_blocking(project: Project, tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "fifo")
    report = import_paths(project, [tmp_path / "fifo"])
    assert report.skipped == [(str(tmp_path / "fifo"), "fifo: not a regular file")]


def test_a_file_name_that_is_not_utf8_is_stored_readable(project: Project, tmp_path: Path) -> None:
    import os

    raw = os.fsencode(tmp_path) + b"/rapport-\xff.txt"
    with open(raw, "wb") as stream:
        stream.write("La Corée du Nord.\n".encode())
    report = import_paths(project, [os.fsdecode(raw)])
    [(doc_id, title)] = report.documents
    assert title == "rapport-\ufffd"
    document = project.document(doc_id)
    assert document.source_path == str(tmp_path / "rapport-\ufffd.txt")
    assert project.document_text(doc_id) == "La Corée du Nord.\n"


@pytest.mark.parametrize(
    "text",
    [
        "Côte d’Ivoire",
        "Corée : « très inquiétant » — 10\u00a0000 €",
        "Größe der Übung, Straße",
        "¿Qué pasó en la reunión? ¡Sí!",
        "As ações da população",
        "Il a dit\u00a0: «\u00a0À bientôt\u00a0».",
    ],
)
def test_short_western_text_in_cp1252_reads_right(tmp_path: Path, text: str) -> None:
    document = read_document(write(tmp_path / "court.txt", (text + "\n").encode("cp1252")))
    assert document.text == text + "\n"
    assert document.metadata["encoding"] == "cp1252"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Северная Корея поставила России снаряды и ракеты, сообщают эксперты.", "cp1251"),
        ("Η Βόρεια Κορέα έστειλε πυρομαχικά στη Ρωσία, λένε οι ειδικοί.", "cp1253"),
        ("Korea Północna dostarczyła Rosji amunicję, twierdzą eksperci; zażółć gęślą jaźń.", "cp1250"),
        # Short ones, where the detector recognises no language and the letters of the words decide.
        ("Az árvíztűrő tükörfúrógép működik.", "cp1250"),
        ("Spotkanie w Łodzi, środa.", "cp1250"),
        ("Děkuji, že jste přišli.", "cp1250"),
        ("Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.", "cp1253"),
        ("Да, он был там.", "cp1251"),
    ],
)
def test_other_legacy_encodings_are_not_taken_for_cp1252(tmp_path: Path, text: str, encoding: str) -> None:
    document = read_document(write(tmp_path / "autre.txt", (text + "\n").encode(encoding)))
    assert document.text == text + "\n"
    assert document.metadata["encoding"] != "cp1252"


def test_the_project_s_own_files_are_never_read(project: Project, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"Texte A.\n")
    report = import_paths(project, [tmp_path, project.path])
    assert [title for _, title in report.documents] == ["a"]
    reasons = {Path(p).name: why for p, why in report.skipped}
    assert reasons[project.path.name] == "the project's own file"
    assert reasons[project.path.name + "-wal"] == "the project's own file"
    assert Path(str(project.path) + "-wal").exists()


def test_a_disk_full_part_way_says_which_files_went_in(project: Project, tmp_path: Path) -> None:
    from annotator.store.errors import DiskFull

    for n in range(20):
        write(tmp_path / "many" / f"{n:02d}.txt", (f"Article {n} : la Corée du Nord livre des obus. " * 80).encode())
    conn = raw_connection(project)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 12}")
    with pytest.raises(DiskFull) as info:
        import_paths(project, [tmp_path / "many"])
    stored = [d.title for d in project.documents()]
    assert 0 < len(stored) < 20
    message = str(info.value)
    assert f"{len(stored)} new documents" in message and "were not imported" in message
    assert f"{len(stored):02d}.txt and what came after it" in message
    assert raw_connection(project).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    document = read_document(write(tmp_path / "sans-bom.txt", FRENCH.encode(encoding)))
    assert document.text == FRENCH
    assert document.metadata["encoding"] == encoding


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (FRENCH.encode()[:40] + b"\xff" + FRENCH.encode()[40:], "not valid UTF-8 at byte 40"),
        (FRENCH.encode()[: FRENCH.encode().index("é".encode()) + 1], "not valid UTF-8 at byte"),  # cut mid-letter
        (
            "北朝鮮はロシアに弾薬を供給した。専門家によると、一万人以上の兵士が派遣された。\n".encode("shift_jis"),
            "encoding is uncertain",
        ),
    ],
    ids=["stray-byte", "cut", "short-cjk-guess"],
)
def test_damaged_utf8_or_a_blind_guess_is_refused_not_garbled(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        read_document(write(tmp_path / "abime.txt", data))


def test_a_hard_link_to_the_project_is_not_read_either(project: Project, tmp_path: Path) -> None:
    import os

    alias = tmp_path / "alias-of-the-project"
    os.link(project.path, alias)
    report = import_paths(project, [alias])
    assert report.skipped == [(str(alias), "the project's own file")]
    assert Path(str(project.path) + "-wal").exists()
