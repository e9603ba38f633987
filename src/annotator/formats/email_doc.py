"""E-mail: a message (.eml), or a mailbox (.mbox) read as one document per message.

The document's text is the message's body: its plain-text part (``format=flowed`` lines joined again),
else its HTML part read as a web page (see ``annotator.formats.webpage``). The subject is the title; the
sender, the date, the recipients, the message id and the list of attachments (name, type, size in bytes)
are metadata. Attachments are listed, and not opened unless asked for (``attachments=True``, the CLI's
``import --attachments``): then those that are documents annotator reads become documents too. A message
with no text (attachments only) or an encrypted one is refused; in a mailbox such messages are passed over
and the others kept, each with its place in the mailbox (``mailbox_index``).
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from annotator.core.metadata import ATTACHMENTS, AUTHOR, DATE, SOURCE, TITLE, iso_date
from annotator.formats.documents import DocumentError, DocumentText, normalise_newlines

_MBOX_SEPARATOR = re.compile(rb"^From [^\n]*\n", re.MULTILINE)
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)


def _parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError, AttributeError):  # a header the parser could not make sense of
        return ""
    return " ".join(str(value or "").split())


def _addresses(message: EmailMessage, name: str) -> list[str]:
    values = [str(v) for v in message.get_all(name, [])]
    found = []
    for display, address in getaddresses(values):
        if address or display:
            found.append(f"{display} <{address}>" if display and address else address or display)
    return found


def _unflow(text: str, delsp: bool) -> str:
    """Plain text sent ``format=flowed`` (RFC 3676): soft line breaks (a line ending in a space) joined."""
    out: list[str] = []
    carry = ""
    for line in text.split("\n"):
        if line.startswith(" "):
            line = line[1:]  # space-stuffed
        if line.endswith(" ") and line != "-- ":
            carry += line[:-1] if delsp else line
            continue
        out.append(carry + line)
        carry = ""
    if carry:
        out.append(carry)
    return "\n".join(out)


def _attachments(message: EmailMessage) -> list[dict[str, Any]]:
    """The attached files (anywhere in the message, a forwarded one included): name, type, size in bytes."""
    body = message.get_body(preferencelist=("plain", "html"))
    found = []
    for part in message.walk():
        if part.is_multipart() or part is body:
            continue
        if not (part.is_attachment() or part.get_filename()):
            continue
        payload = part.get_payload(decode=True)
        found.append(
            {
                "name": part.get_filename() or "",
                "type": part.get_content_type(),
                "size": len(payload) if isinstance(payload, bytes) else 0,
            }
        )
    return found


def _body(message: EmailMessage, name: str) -> str:
    """The message's text: its plain body, else its HTML body read as a page."""
    if message.get_content_type() in ("multipart/encrypted", "application/pkcs7-mime", "application/x-pkcs7-mime"):
        raise DocumentError(f"{name}: the message is encrypted; decrypt it in the mail program first")
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError, UnicodeError) as exc:  # an unknown or lying charset
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
        if not content.strip():
            raise DocumentError(f"{name}: the message body cannot be decoded ({exc})") from None
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    content = normalise_newlines(content)
    if part.get_content_type() == "text/html":
        from annotator.formats.webpage import read_html_string

        try:
            return read_html_string(content, name).text
        except DocumentError:
            return ""
    if str(part.get_param("format") or "").lower() == "flowed":
        content = _unflow(content, str(part.get_param("delsp") or "").lower() == "yes")
    return content.strip("\n")


def read_message(message: EmailMessage, name: str) -> DocumentText:
    """One parsed message as a document; DocumentError if it holds no text."""
    text = _body(message, name)
    attachments = _attachments(message)
    if not text.strip():
        listed = ", ".join(a["name"] or a["type"] for a in attachments[:5])
        extra = f" (only attachments: {listed})" if listed else ""
        raise DocumentError(f"{name}: the message holds no text{extra}")
    subject = _header(message, "Subject")
    senders = _addresses(message, "From")
    sender_names = [display for display, address in getaddresses([str(v) for v in message.get_all("From", [])])]
    metadata: dict[str, Any] = {}
    if subject:
        metadata[TITLE] = subject
    if senders:
        metadata[AUTHOR] = ", ".join(senders)
        metadata[SOURCE] = next((n for n in sender_names if n), None) or senders[0]
    sent = iso_date(_header(message, "Date"))
    if sent:
        metadata[DATE] = sent
    for key, header in (("to", "To"), ("cc", "Cc")):
        found = _addresses(message, header)
        if found:
            metadata[key] = found
    message_id = _header(message, "Message-ID")
    if message_id:
        metadata["message_id"] = message_id
    if attachments:
        metadata[ATTACHMENTS] = attachments
    return DocumentText(title=(subject or Path(name).stem)[:200], text=text, metadata=metadata)


def attached_documents(message: EmailMessage, document: DocumentText) -> list[DocumentText]:
    """The message's attachments that are documents annotator reads, each as a document of its own.

    Each names the message it came with (``attached_to``: its subject; ``message_id``) and its file
    (``attachment``). An attachment that cannot be read (or is itself mail) is passed over.
    """
    from annotator.formats.documents import MAX_DOCUMENT_BYTES, kind_of_name, read_data, readable_name

    found: list[DocumentText] = []
    body = message.get_body(preferencelist=("plain", "html"))
    for part in message.walk():
        if part.is_multipart() or part is body:
            continue
        filename = part.get_filename()
        kind = kind_of_name(filename) if filename else None
        if not filename or kind is None or kind in ("eml", "mbox"):
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload.strip() or len(payload) > MAX_DOCUMENT_BYTES:
            continue
        shown = readable_name(filename)
        try:
            read = read_data(payload, shown, kind)
        except DocumentError:
            continue
        for attached in read:
            metadata = {**attached.metadata, "attachment": shown, "attached_to": document.title}
            if document.metadata.get("message_id"):
                metadata["message_id"] = document.metadata["message_id"]
            found.append(DocumentText(attached.title, attached.text, metadata, attached.language))
    return found


def read_eml(data: bytes, name: str, *, attachments: bool = False) -> DocumentText | list[DocumentText]:
    """An ``.eml`` file: one message (and, with ``attachments``, its attached documents after it)."""
    message = _parse(data)
    if not message.keys():
        raise DocumentError(f"{name}: not an e-mail message (no headers)")
    document = read_message(message, name)
    if not attachments:
        return document
    return [document, *attached_documents(message, document)]


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox file (each without its ``From `` separator line, ``>From`` unescaped)."""
    data = data.replace(b"\r\n", b"\n")
    starts = [m.start() for m in _MBOX_SEPARATOR.finditer(data)]
    messages = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(data)
        chunk = data[start:end]
        chunk = chunk[chunk.index(b"\n") + 1 :]
        messages.append(_ESCAPED_FROM.sub(rb"\1", chunk))
    return messages


def read_mbox(data: bytes, name: str, *, attachments: bool = False) -> list[DocumentText]:
    """An ``.mbox`` mailbox: one document per message with text, in mailbox order (each followed, with
    ``attachments``, by its attached documents)."""
    if not data.startswith(b"From "):
        raise DocumentError(f"{name}: not an mbox mailbox (it must start with a 'From ' line)")
    chunks = split_mbox(data)
    documents = []
    for index, chunk in enumerate(chunks, start=1):
        where = f"{name} message {index}"
        message = _parse(chunk)
        try:
            document = read_message(message, where)
        except DocumentError:
            continue  # no text (attachments only) or encrypted: the other messages go in
        metadata = {**document.metadata, "mailbox_index": index}
        document = DocumentText(document.title, document.text, metadata, document.language)
        documents.append(document)
        if attachments:
            documents.extend(attached_documents(message, document))
    if not documents:
        raise DocumentError(f"{name}: none of its {len(chunks)} messages holds text")
    return documents


__all__ = ["read_eml", "read_mbox", "read_message", "split_mbox"]
