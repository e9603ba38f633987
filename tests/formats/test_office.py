"""Office documents: .odt written by odfpy, .docx by python-docx, .rtf as WordPad writes it; properties; refusals."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from annotator.formats.documents import DocumentError, read_document
from annotator.services.importing import import_paths
from annotator.store.project import Project

ODT_TEXT = "\n".join(
    [
        "Les transferts d’armes",
        "La Corée du Nord a livré plus de 10\u00a0000 obus à la Russie,  selon\tSéoul.",
        "Première ligne\nseconde ligne du même paragraphe.",
        "Munitions d’artillerie",
        "Missiles balistiques",
        "Pièces détachées",
        "Arme",
        "Quantité",
        "Obus",
        "1 000 000",
        "Conclusion : la coopération va durer.",
        "1 Selon le service national de renseignement.",
    ]
)


def odfpy_document(path: Path) -> Path:
    """An .odt written by odfpy: heading, paragraphs, a list, a table, a footnote, properties."""
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, LineBreak, List, ListItem, Note, NoteBody, NoteCitation, P, S, SoftPageBreak, Tab

    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text="Note sur les transferts"))
    document.meta.addElement(meta.InitialCreator(text="Élise Martin"))
    document.meta.addElement(meta.CreationDate(text="2024-10-30T09:15:00"))
    body = document.text
    body.addElement(H(outlinelevel=1, text="Les transferts d’armes"))
    paragraph = P(text="La Corée du Nord a livré plus de 10\u00a0000 obus à la Russie,")
    paragraph.addElement(S(c=2))
    paragraph.addText("selon")
    paragraph.addElement(Tab())
    paragraph.addText("Séoul.")
    body.addElement(paragraph)
    broken = P(text="Première ligne")
    broken.addElement(LineBreak())
    broken.addText("seconde ligne du même paragraphe.")
    body.addElement(broken)
    items = List()
    for text in ("Munitions d’artillerie", "Missiles balistiques"):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    nested_item = ListItem()
    nested = List()
    inner = ListItem()
    inner.addElement(P(text="Pièces détachées"))
    nested.addElement(inner)
    nested_item.addElement(nested)
    items.addElement(nested_item)
    body.addElement(items)
    body.addElement(SoftPageBreak())
    table = Table(name="Livraisons")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for row_values in (("Arme", "Quantité"), ("Obus", "1 000 000")):
        row = TableRow()
        for value in row_values:
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    body.addElement(table)
    conclusion = P(text="Conclusion : la coopération va durer.")
    note = Note(id="ftn1", noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    note_body = NoteBody()
    note_body.addElement(P(text="Selon le service national de renseignement."))
    note.addElement(note_body)
    conclusion.addElement(note)
    body.addElement(conclusion)
    document.save(str(path))
    return path


def test_an_odt_keeps_headings_lists_tables_and_its_properties(tmp_path: Path) -> None:
    document = read_document(odfpy_document(tmp_path / "note.odt"))
    assert document.text == ODT_TEXT
    assert document.title == "Note sur les transferts"
    assert document.metadata == {
        "title": "Note sur les transferts",
        "author": "Élise Martin",
        "created": "2024-10-30T09:15:00",
    }


def test_a_docx_keeps_headings_and_lists_and_gives_its_properties(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_heading("Les transferts d’armes", level=1)
    word.add_paragraph("La Corée du Nord a livré des obus.")
    word.add_heading("Ce qui est livré", level=2)
    word.add_paragraph("Munitions d’artillerie", style="List Bullet")
    word.add_paragraph("Missiles balistiques", style="List Number")
    word.core_properties.title = "Note sur les transferts"
    word.core_properties.author = "Élise Martin"
    word.core_properties.created = datetime(2024, 10, 30, 8, 15)
    path = tmp_path / "note.docx"
    word.save(str(path))
    document = read_document(path)
    assert document.text.split("\n") == [
        "Les transferts d’armes",
        "La Corée du Nord a livré des obus.",
        "Ce qui est livré",
        "Munitions d’artillerie",
        "Missiles balistiques",
    ]
    assert document.title == "Note sur les transferts"
    assert document.metadata == {
        "title": "Note sur les transferts",
        "author": "Élise Martin",
        "created": "2024-10-30T08:15:00Z",
    }


# As WordPad (Msftedit) saves a document: a Western code page, a Cyrillic font, Word's list numbers, a field,
# a table row, Unicode escapes with their fallbacks (an emoji as a surrogate pair), the properties in \info.
WORDPAD = rb"""{\rtf1\ansi\ansicpg1252\deff0\nouicompat\deflang1036{\fonttbl{\f0\fnil\fcharset0 Calibri;}
{\f1\fnil\fcharset204 Arial;}{\f2\fnil\fcharset2 Symbol;}}
{\colortbl ;\red0\green0\blue255;}
{\*\generator Riched20 10.0.19041}{\info{\title Rapport d\'e9fense}{\author \u201?lise Martin}
{\creatim\yr2024\mo10\dy30\hr9\min15}}\viewkind4\uc1
\pard\sa200\sl276\slmult1\f0\fs22\lang12 La Cor\'e9e du Nord a livr\'e9 plus de 10\~000 obus \'e0 la Russie.\par
{\pntext\f2\'B7\tab}{\*\pn\pnlvlblt\pnf2\pnindent0{\pntxtb\'B7}}\fi-360\li720 Munitions d\rquote artillerie\par
{\pntext\f2\'B7\tab}Missiles \endash  balistiques, \ldblquote secret\rdblquote  : {\f1\'cc\'ee\'f1\'ea\'e2\'e0}.\par
\pard\sa200 Voir {\field{\*\fldinst{HYPERLINK "http://127.0.0.1:9/x"}}
{\fldrslt{\ul\cf1 le site}}} \u-10179?\u-8576?.\par
\trowd\cellx2000\cellx4000 Obus\cell 1 000\cell\row
{\header Institut d\'e9tudes}{\footnote Note de bas de page.}
}
"""


def test_an_rtf_as_wordpad_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "rapport.rtf"
    path.write_bytes(WORDPAD)
    document = read_document(path)
    assert document.text == "\n".join(
        [
            "La Corée du Nord a livré plus de 10\u00a0000 obus à la Russie.",
            "Munitions d’artillerie",
            "Missiles – balistiques, “secret” : Москва.",
            "Voir le site 🚀.",
            "Obus\t1 000",
        ]
    )
    assert document.title == "Rapport défense"
    assert document.metadata == {"title": "Rapport défense", "author": "Élise Martin", "created": "2024-10-30T09:15:00"}


def test_office_files_named_without_their_suffix_are_read_by_content(project: Project, tmp_path: Path) -> None:
    odt = tmp_path / "note-odt"
    odfpy_document(tmp_path / "note.odt").rename(odt)
    rtf = tmp_path / "rapport"
    rtf.write_bytes(WORDPAD)
    report = import_paths(project, [odt, rtf])
    assert [title for _, title in report.documents] == ["Note sur les transferts", "Rapport défense"]


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", b"<a>" + b" " * (80 * 1024 * 1024) + b"</a>")  # 80 MB of spaces, ~80 KB


def _lying_zip_bomb(path: Path) -> None:
    _zip_bomb(path)
    data = bytearray(path.read_bytes())
    # Claim a small size in the central directory: unpacking stops there and the checksum fails.
    marker = data.rfind(b"PK\x01\x02")
    while marker != -1:
        name_length = int.from_bytes(data[marker + 28 : marker + 30], "little")
        if data[marker + 46 : marker + 46 + name_length] == b"content.xml":
            data[marker + 24 : marker + 28] = (1000).to_bytes(4, "little")
        marker = data.rfind(b"PK\x01\x02", 0, marker)
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    odfpy_document(path)
    path.write_bytes(path.read_bytes()[:300])


def _spreadsheet(path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet

    OpenDocumentSpreadsheet().save(str(path))


def _encrypted(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data '
            'manifest:checksum="x"/></manifest:file-entry></manifest:manifest>',
        )
        archive.writestr("content.xml", b"\x8f\x13\xa0 ciphered bytes")


def _not_rtf(path: Path) -> None:
    path.write_text("Ceci n’est pas du RTF.\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("bombe.odt", _zip_bomb, "zip bomb"),
        ("bombe-masquee.odt", _lying_zip_bomb, "cannot be unpacked"),  # unpacking stops at the size it claims
        ("tronque.odt", _truncated, "damaged or truncated"),
        ("tableur.odt", _spreadsheet, "not a text document"),
        ("chiffre.odt", _encrypted, "encrypted with a password"),
        ("faux.rtf", _not_rtf, "not an RTF file"),
    ],
)
def test_unreadable_office_files_are_refused_and_nothing_written(
    project: Project, tmp_path: Path, name: str, make, message: str
) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(DocumentError, match=message):
        read_document(path)
    report = import_paths(project, [path])
    assert report.new_documents == 0 and message in report.skipped[0][1]
    assert project.document_ids() == []
