"""E-mail written by Python's email and mailbox packages: body, subject, sender, date, attachments listed."""

from __future__ import annotations

import email.policy
import mailbox
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from annotator.formats.documents import DocumentError, read_document, read_documents
from annotator.services.importing import import_paths
from annotator.store.project import Project

BODY = (
    "Bonjour,\n"
    "\n"
    "Selon nos sources à Séoul, la Corée du Nord a livré plus de 10\u00a0000 obus à la Russie la semaine "
    "dernière ; le chargement est parti du port de Rajin.\n"
    "\n"
    "Voir le rapport joint.\n"
    "-- \n"
    "Élise"
)
SENT = datetime(2024, 10, 30, 9, 15, tzinfo=timezone(timedelta(hours=1)))


def tip(subject: str = "Livraisons d’obus nord-coréens", body: str = BODY, *, html: str | None = None) -> EmailMessage:
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "Élise Martin <elise.martin@example.org>"
    message["To"] = "Cellule d’analyse <analyse@example.org>, veille@example.org"
    message["Cc"] = "Jean-Pierre Dumont <jp.dumont@example.org>"
    message["Subject"] = subject
    message["Date"] = format_datetime(SENT)
    message["Message-ID"] = "<tip-2024-10-30@example.org>"
    message.set_content(body, cte="quoted-printable")
    if html is not None:
        message.add_alternative(html, subtype="html")
    message.add_attachment(b"%PDF-1.7 rapport", maintype="application", subtype="pdf", filename="rapport-séoul.pdf")
    message.add_attachment("lat;lon\n42.3;130.4\n", subtype="csv", filename="positions.csv")
    return message


def write_eml(path: Path, message: EmailMessage) -> Path:
    path.write_bytes(message.as_bytes())
    return path


def test_an_eml_gives_its_body_subject_sender_date_and_attachments(tmp_path: Path) -> None:
    document = read_document(write_eml(tmp_path / "tip.eml", tip(html="<p>Version <b>HTML</b> ignorée</p>")))
    assert document.text == BODY.rstrip()
    assert document.title == "Livraisons d’obus nord-coréens"
    assert document.metadata == {
        "title": "Livraisons d’obus nord-coréens",
        "author": "Élise Martin <elise.martin@example.org>",
        "source": "Élise Martin",
        "date": "2024-10-30T09:15:00+01:00",
        "to": ["Cellule d’analyse <analyse@example.org>", "veille@example.org"],
        "cc": ["Jean-Pierre Dumont <jp.dumont@example.org>"],
        "message_id": "<tip-2024-10-30@example.org>",
        "attachments": [
            {"name": "rapport-séoul.pdf", "type": "application/pdf", "size": 16},
            {"name": "positions.csv", "type": "text/csv", "size": 21},  # sent with CRLF line ends
        ],
    }


def test_an_html_only_message_is_read_as_a_page(tmp_path: Path) -> None:
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "veille@example.org"
    message["Subject"] = "Lettre d’information"
    message.set_content(
        "<html><body><p>Moscou a reçu des <b>drones</b> iraniens.</p><p>10&nbsp;000 obus livrés.</p>"
        "<p><a href='https://example.org/desabonnement'>Se désabonner</a></p></body></html>",
        subtype="html",
    )
    document = read_document(write_eml(tmp_path / "lettre.eml", message))
    assert document.text.split("\n")[:2] == ["Moscou a reçu des drones iraniens.", "10\u00a0000 obus livrés."]
    assert document.metadata["author"] == "veille@example.org" and "date" not in document.metadata


def test_flowed_plain_text_is_joined_again(tmp_path: Path) -> None:
    raw = (
        b"From: a@example.org\nSubject: flowed\nMIME-Version: 1.0\n"
        b"Content-Type: text/plain; charset=utf-8; format=flowed\nContent-Transfer-Encoding: 8bit\n\n"
        + "La Corée du Nord a livré \nplus de munitions \nque prévu.\n\nDeuxième paragraphe.\n".encode()
    )
    path = tmp_path / "flowed.eml"
    path.write_bytes(raw)
    assert read_document(path).text == "La Corée du Nord a livré plus de munitions que prévu.\n\nDeuxième paragraphe."


def test_a_mailbox_is_one_document_per_message(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "veille.mbox"
    box = mailbox.mbox(str(path))
    box.add(tip())
    second = tip("Re: livraisons", "From the port of Rajin, 3 ships left on Monday.\nLes navires sont suivis.")
    box.add(second)
    only_files = EmailMessage()
    only_files["From"] = "scan@example.org"
    only_files["Subject"] = "Scan"
    only_files.add_attachment(b"\x89PNG", maintype="image", subtype="png", filename="scan.png")
    box.add(only_files)
    box.add(tip("Même texte, autre sujet"))  # the same body: the same document
    box.flush()
    box.close()
    documents = read_documents(path)
    assert [d.metadata["mailbox_index"] for d in documents] == [1, 2, 4]
    assert documents[1].text == "From the port of Rajin, 3 ships left on Monday.\nLes navires sont suivis."
    report = import_paths(project, [path])
    assert (report.new_documents, report.existing_documents) == (2, 1)
    assert [title for _, title in report.documents] == [
        "Livraisons d’obus nord-coréens",
        "Re: livraisons",
        "Livraisons d’obus nord-coréens",
    ]
    stored = project.document(report.documents[1][0])
    assert stored.metadata["date"] == "2024-10-30T09:15:00+01:00" and stored.source_path == str(path.resolve())
    # Attachments are listed, never imported.
    assert len(project.document_ids()) == 2


def test_a_message_named_without_its_suffix_is_read_by_its_content(project: Project, tmp_path: Path) -> None:
    path = write_eml(tmp_path / "message-du-30-octobre", tip())
    [(_, title)] = import_paths(project, [path]).documents
    assert title == "Livraisons d’obus nord-coréens"


def _attachments_only(path: Path) -> None:
    message = EmailMessage()
    message["From"] = "scan@example.org"
    message["Subject"] = "Scan"
    message.add_attachment(b"\x89PNG", maintype="image", subtype="png", filename="scan.png")
    path.write_bytes(message.as_bytes())


def _encrypted(path: Path) -> None:
    path.write_bytes(
        b"From: a@example.org\nSubject: secret\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="b"\n\n'
        b"--b\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n--b\n"
        b"Content-Type: application/octet-stream\n\n-----BEGIN PGP MESSAGE-----\nxx\n--b--\n"
    )


def _no_headers(path: Path) -> None:
    path.write_bytes(b"\n\njust some words\n")


def _huge_mailbox(path: Path) -> None:
    with path.open("wb") as handle:  # 200 MB, sparse: written in an instant
        handle.write(b"From a@example.org Mon Oct 28 10:00:00 2024\nSubject: x\n\nbody\n")
        handle.seek(200 * 1024 * 1024)
        handle.write(b"\n")


def _not_a_mailbox(path: Path) -> None:
    path.write_text("Subject: pas une boîte\n\nTexte.\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("scan.eml", _attachments_only, "holds no text (only attachments: scan.png)"),
        ("secret.eml", _encrypted, "encrypted"),
        ("vide.eml", _no_headers, "no headers"),
        ("archive.mbox", _huge_mailbox, "larger than"),
        ("faux.mbox", _not_a_mailbox, "not an mbox"),
    ],
)
def test_unreadable_mail_is_refused_and_nothing_written(
    project: Project, tmp_path: Path, name: str, make, message: str
) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(DocumentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_documents(path)
    report = import_paths(project, [path])
    assert report.new_documents == 0 and message in report.skipped[0][1]
    assert project.document_ids() == []


def test_a_mailbox_that_receives_more_mail_still_holds_its_messages(project: Project, tmp_path: Path) -> None:
    from annotator.services.integrity import UNCHANGED, UNREADABLE, check_record, source_record

    path = tmp_path / "veille.mbox"
    box = mailbox.mbox(str(path))
    box.add(tip())
    box.add(tip("Re: livraisons", "Les navires sont suivis depuis Rajin."))
    box.flush()
    report = import_paths(project, [path])
    first, second = (doc_id for doc_id, _ in report.documents)
    box.add(tip("Nouveau", "Un troisième message arrive."))
    box.flush()
    assert check_record(source_record(project, second)).state == UNCHANGED
    box.remove(box.keys()[1])
    box.flush()
    box.close()
    assert check_record(source_record(project, first)).state == UNCHANGED
    assert check_record(source_record(project, second)).state == UNREADABLE  # its message is gone


def test_attachments_that_are_documents_are_imported_when_asked(project: Project, tmp_path: Path) -> None:
    from tests.formats.pdf_samples import TITLE, two_column_report
    from tests.processes import run_cli

    message = tip()
    report_pdf = two_column_report(tmp_path / "note.pdf").read_bytes()
    message.add_attachment(report_pdf, maintype="application", subtype="pdf", filename="note.pdf")
    message.add_attachment(b"Compte rendu : 3 navires suivis.\n", maintype="text", subtype="plain", filename="cr.txt")
    path = write_eml(tmp_path / "tip.eml", message)
    assert import_paths(project, [path]).new_documents == 1  # by default attachments are listed only
    db = tmp_path / "with-attachments.db"
    result = run_cli("import", "--db", str(db), "--attachments", str(path))
    assert result.returncode == 0, result.stderr
    titles = [line.split("\t", 1)[1] for line in result.stdout.splitlines() if "\t" in line]
    assert titles == ["Livraisons d’obus nord-coréens", TITLE, "cr"]
    with Project(db) as copy:
        attached = copy.document(copy.document_ids()[1])
        assert attached.metadata["attachment"] == "note.pdf"
        assert attached.metadata["attached_to"] == "Livraisons d’obus nord-coréens"
        assert attached.metadata["message_id"] == "<tip-2024-10-30@example.org>"
        assert len(attached.metadata["page_starts"]) == 3
