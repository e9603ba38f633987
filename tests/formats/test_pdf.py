"""PDF reports written by reportlab: reading order, paragraphs, hyphenation, headers, pages; refusals."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from annotator.core.metadata import page_of
from annotator.formats.documents import DocumentError, read_document
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store.project import Project
from tests.formats.pdf_samples import (
    AUTHOR,
    BRIEF_TEXT,
    EXPECTED_TEXT,
    FONT,
    FOOTER,
    HEADER,
    TITLE,
    _register_font,
    three_column_brief,
    two_column_report,
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_column_report(tmp_path_factory.mktemp("pdf") / "note-12.pdf")


def first_body_line(qt_text: str) -> str:
    """The first line of a page's text as QtPdf (PDFium, in the file's drawing order) gives it, less the
    running header and footer."""
    for line in qt_text.replace("\r", "").split("\n"):
        if line.strip() and HEADER not in line and FOOTER not in line and not line.strip().isdigit():
            return line.strip()
    return ""


def test_a_two_column_report_reads_in_order_with_its_pages(report: Path, qapp) -> None:
    from PySide6.QtPdf import QPdfDocument

    document = read_document(report)
    assert document.text == EXPECTED_TEXT  # columns in order, paragraphs kept, hyphens joined, headers gone
    assert HEADER not in document.text and FOOTER not in document.text
    assert document.title == TITLE
    starts = document.metadata.pop("page_starts")
    assert document.metadata == {"title": TITLE, "author": AUTHOR, "created": "2000-01-01T00:00:00+00:00"}
    # Each page starts where its first line of text is, as another PDF engine sees the page.
    qt = QPdfDocument()
    qt.load(str(report))
    assert len(starts) == qt.pageCount() == 3
    assert starts[0] == 0
    text = document.text
    line = first_body_line(qt.getAllText(1).text())
    head = " ".join(line.split()[:3]).rstrip("-")
    assert head and text.index(head, starts[0] + 1) == starts[1]
    assert first_body_line(qt.getAllText(2).text()) == ""  # the figure page: no text
    assert starts[2] == len(text)
    qt.close()


def test_hyphenation_ligatures_and_compounds(report: Path) -> None:
    text = read_document(report).text
    for whole in (
        "artillerie",
        "soutiennent",
        "industrie",
        "entraînement",
        "balistiques",
        "technologie",
        "renseignements",
        "confirment",
    ):
        assert whole in text, whole
    for compound in ("Jean-Pierre", "porte-parole", "nord-coréens", "sud-coréen", "jusque-là", "au-delà"):
        assert compound in text, compound
    assert "\u00ad" not in text and "\ufb01" not in text


def test_three_columns_and_a_footnote_drawn_first(tmp_path: Path) -> None:
    document = read_document(three_column_brief(tmp_path / "brief.pdf"))
    assert document.text == BRIEF_TEXT
    assert document.metadata["page_starts"] == [0]


def test_spans_on_the_imported_report_carry_their_page(project: Project, report: Path, tmp_path: Path) -> None:
    [(doc_id, title)] = import_paths(project, [report]).documents
    assert title == TITLE
    stored = project.document(doc_id)
    starts = stored.metadata["page_starts"]
    text = stored.text
    on_page_1 = text.index("Vostotchny")
    on_page_2 = text.index("Washington")
    assert page_of(starts, on_page_1) == 1 and page_of(starts, on_page_2) == 2
    project.add_span(doc_id, on_page_1, on_page_1 + len("Vostotchny"), "actor", annotator="ana")
    project.add_span(doc_id, on_page_2, on_page_2 + len("Washington"), "actor", annotator="ana")
    out = tmp_path / "spans.csv"
    export_project(project, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert [(r["text"], r["page"]) for r in rows] == [("Vostotchny", "1"), ("Washington", "2")]
    jsonl = tmp_path / "spans.jsonl"
    export_project(project, "jsonl", jsonl)
    exported = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[1])
    assert exported["metadata"]["page_starts"] == starts and exported["text"] == text


def _canvas(path: Path, **options):
    from reportlab.pdfgen.canvas import Canvas

    _register_font()
    return Canvas(str(path), pagesize=(420, 595), invariant=True, **options)


def test_rotated_watermarks_and_links_are_left_alone(tmp_path: Path, no_network: list[object]) -> None:
    path = tmp_path / "marked.pdf"
    canvas = _canvas(path)
    canvas.setFont(FONT, 10)
    canvas.drawString(50, 500, "La Corée du Nord a livré des obus à la Russie.")
    canvas.linkURL("http://127.0.0.1:9/tracker", (50, 495, 300, 510))
    canvas.saveState()
    canvas.translate(210, 300)
    canvas.rotate(45)
    canvas.setFont(FONT, 40)
    canvas.drawCentredString(0, 0, "CONFIDENTIEL")
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    document = read_document(path)
    assert document.text == "La Corée du Nord a livré des obus à la Russie."
    assert no_network == []


def _no_text_layer(path: Path) -> None:
    canvas = _canvas(path)
    for n in range(3):
        canvas.rect(50 + 40 * n, 100, 30, 200 + 50 * n, fill=1)  # what a scan is to a text reader: no characters
    canvas.showPage()
    canvas.save()


def _encrypted(path: Path) -> None:
    canvas = _canvas(path, encrypt="secret")
    canvas.setFont(FONT, 10)
    canvas.drawString(50, 500, "Texte protégé.")
    canvas.save()


def _copy_forbidden(path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    canvas = _canvas(path, encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    canvas.setFont(FONT, 10)
    canvas.drawString(50, 500, "Texte protégé.")
    canvas.save()


def _truncated(path: Path) -> None:
    two_column_report(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _damaged(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\ntrailer\n<< /Root 99 0 R >>\n%%EOF\n")


def _not_a_pdf(path: Path) -> None:
    path.write_text("Ceci n’est pas un PDF.\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_no_text_layer, "no text layer"),
        (_encrypted, "needs a password"),
        (_copy_forbidden, "does not allow copying"),
        (_truncated, "truncated"),
        (_damaged, "damaged"),
        (_not_a_pdf, "not a PDF"),
    ],
    ids=["scanned", "encrypted", "copy-forbidden", "truncated", "damaged", "not-a-pdf"],
)
def test_unreadable_pdfs_are_refused_with_the_reason(project: Project, tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "rapport.pdf"
    make(path)
    with pytest.raises(DocumentError, match=message):
        read_document(path)
    report = import_paths(project, [path])
    assert report.new_documents == 0
    [(skipped, why)] = report.skipped
    assert Path(skipped).name == "rapport.pdf" and message in why
    assert project.document_ids() == []


def test_a_pdf_named_without_its_suffix_is_read_by_its_content(project: Project, report: Path, tmp_path: Path) -> None:
    bare = tmp_path / "download"
    bare.write_bytes(report.read_bytes())
    [(_, title)] = import_paths(project, [bare]).documents
    assert title == TITLE


def test_a_page_turned_by_the_file_reads_the_right_way(tmp_path: Path) -> None:
    path = tmp_path / "landscape.pdf"
    canvas = _canvas(path)
    canvas.setPageRotation(90)  # shown turned a quarter: the text is drawn turned back to stand upright
    canvas.rotate(90)
    canvas.setFont(FONT, 11)
    canvas.drawString(60, -100, "Tableau de bord.")
    canvas.drawString(60, -116, "La ligne suivante, bien plus longue, juste en dessous.")
    canvas.showPage()
    canvas.save()
    assert read_document(path).text == "Tableau de bord.\nLa ligne suivante, bien plus longue, juste en dessous."


QT_PAGES = [
    (
        [
            "Depuis l’été 2023, Pyongyang a livré",
            "des millions d’obus à la Russie, selon",
            "les services de renseigne-",
            "ment sud-coréens.",
        ],
        ["Moscou paie en pétrole et en devises,", "selon les mêmes sources."],
    ),
    (
        ["Le porte-parole du ministère a évoqué", "plus de 13 000 conteneurs."],
        ["Les sanctions restent contournées par", "des transbordements en mer."],
    ),
]
QT_TEXT = "\n".join(
    [
        "Depuis l’été 2023, Pyongyang a livré des millions d’obus à la Russie, selon les services de "
        "renseignement sud-coréens.",
        "Moscou paie en pétrole et en devises, selon les mêmes sources.",
        "Le porte-parole du ministère a évoqué plus de 13 000 conteneurs.",
        "Les sanctions restent contournées par des transbordements en mer.",
    ]
)


def test_a_two_column_pdf_written_by_qt(tmp_path: Path, qapp) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

    path = tmp_path / "qt.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    writer.setTitle("Note Qt")
    painter = QPainter(writer)
    painter.setFont(QFont("DejaVu Sans", 10))
    width, height = writer.width(), writer.height()
    margin, gutter = 250, 120
    column = (width - 2 * margin - gutter) / 2
    line_height = 55
    for number, (left, right) in enumerate(QT_PAGES, start=1):
        if number > 1:
            writer.newPage()
        painter.drawText(QRectF(margin, 100, width - 2 * margin, 60), Qt.AlignmentFlag.AlignLeft, "Cellule de veille")
        painter.drawText(QRectF(margin, height - 160, width - 2 * margin, 60), Qt.AlignmentFlag.AlignRight, str(number))
        for n, x in ((0, margin), (1, margin + column + gutter)):
            for k, line in enumerate((left, right)[n]):
                painter.drawText(
                    QRectF(x, 400 + k * line_height, column, line_height), Qt.AlignmentFlag.AlignLeft, line
                )
    painter.end()
    document = read_document(path)
    assert document.text == QT_TEXT
    assert document.metadata["title"] == "Note Qt"
    assert document.metadata["page_starts"] == [0, QT_TEXT.index("Le porte-parole")]
