"""Import files into a project: documents and annotation sets, files and folders.

One entry point for the CLI, the GUI and first-start seeding. Documents (.txt .md .html .docx)
are stored as they are read; annotation sets (native jsonl, doccano JSONL, brat folders, IOB/CoNLL
token files, WebAnno TSV 3) are merged by ``annotator.formats.sets``. Each file is imported in one transaction: a
bad file changes nothing and is reported, the others go on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from annotator.core.model import ValidationError
from annotator.formats.base import ImportReport
from annotator.formats.documents import (
    DOCUMENT_SUFFIXES,
    MAX_DOCUMENT_BYTES,
    DocumentError,
    read_documents,
    readable_name,
    sniff_kind,
)
from annotator.formats.registry import refused_formats, set_format
from annotator.formats.safe_paths import link_leaving
from annotator.store.errors import EnvironmentFault
from annotator.store.project import Project

SET_SUFFIXES = set_format("jsonl").suffixes
NOT_READ = "not a document or annotation set annotator reads"

# Files told by their first bytes that cannot be imported, with why (checked before a file is read as text).
REFUSED_BY_CONTENT: list[tuple[Callable[[bytes], bool], str]] = [
    (row.sniff, row.refusal) for row in refused_formats() if row.sniff is not None and row.refusal is not None
]
SNIFFED_SUFFIXES = (".csv",)  # in folders too, these are looked at before being passed over

# Annotation sets of tokens, that their suffix or first bytes tell apart (rows of the formats table).
TOKEN_SETS = {"iob": set_format("conll"), "webanno-tsv": set_format("webanno-tsv")}
TOKEN_SET_SUFFIXES = (*TOKEN_SETS["iob"].suffixes, *TOKEN_SETS["webanno-tsv"].suffixes)


# Where a warning happened ("doc.jsonl line 3: …", "a.ann: …"): a prefix with a file name or a number.
_WHERE = re.compile(r"^(?P<where>[^:\n]*?(?:\.\w{1,8}\b|\d)[^:\n]*): (?=\S)")
_VARYING = (
    (re.compile(r"“[^”]*”|‘[^’]*’|'[^']*'|\"[^\"]*\"|«[^»]*»"), "…"),
    (re.compile(r"\S+=\S+"), "…=…"),
    (re.compile(r"\b[A-Z]\d+\b"), "…"),
    (re.compile(r"\([^()]*\)"), "(…)"),
    (re.compile(r"\d+(?:[.,–-]\d+)*"), "N"),
)


def warning_kind(warning: str) -> str:
    """A warning without its place and the names and numbers it quotes: what warnings of a kind share."""
    found = _WHERE.match(warning)
    kind = warning[found.end() :] if found else warning
    for pattern, placeholder in _VARYING:
        kind = pattern.sub(placeholder, kind)
    return kind


def warning_kinds(warnings: list[str]) -> list[tuple[str, int, str]]:
    """Warnings grouped by kind, in order of first appearance: (kind, how many, the first one)."""
    groups: dict[str, list[str]] = {}
    for warning in warnings:
        groups.setdefault(warning_kind(warning), []).append(warning)
    return [(kind, len(lines), lines[0]) for kind, lines in groups.items()]


def is_brat_folder(path: Path) -> bool:
    """A folder with at least one .txt file that has a sibling .ann file."""
    return path.is_dir() and any(p.with_suffix(".ann").is_file() for p in path.glob("*.txt"))


def _walk(
    path: Path, seen: set[Path] | None = None, *, root: Path | None = None, refused: list[tuple[str, str]] | None = None
) -> Iterator[Path]:
    """Files and brat folders below ``path``, in a stable order; hidden entries are passed over.

    A folder reached twice through symbolic links is walked once (a link loop ends). A link that leads out
    of the folder being imported (``root``) is not followed: it goes to ``refused`` with why.
    """
    if path.is_file() or is_brat_folder(path) or not path.is_dir():
        yield path
        return
    seen = set() if seen is None else seen
    root = path if root is None else root
    real = path.resolve()
    if real in seen:
        return
    seen.add(real)
    for child in sorted(path.iterdir()):
        if child.name.startswith("."):
            continue
        why = link_leaving(child, root)
        if why is not None:
            if refused is not None:
                refused.append((readable_name(str(child)), why))
            continue
        if child.is_dir():
            yield from _walk(child, seen, root=root, refused=refused)
        else:
            yield child


def import_document_file(
    project: Project, path: Path, kind: str | None = None, *, attachments: bool = False
) -> ImportReport:
    """Read one document file and store it (not duplicated when the same text is there already).

    ``kind`` is what the file's content was found to be (see ``read_document``); by default its suffix says.
    """
    from annotator.services.integrity import file_fingerprint, record_source

    report = ImportReport()
    source = path.resolve()
    if not source.is_file():
        raise DocumentError(f"{path.name}: not a regular file")  # a pipe or a device would never end
    try:
        if source.stat().st_size > MAX_DOCUMENT_BYTES:  # refused before hashing it all (a 200 MB mailbox)
            raise DocumentError(f"{readable_name(path.name)}: larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
        # Taken before reading, so a change made while importing shows as a change later, not the reverse.
        fingerprint = file_fingerprint(source)
    except OSError as exc:
        raise DocumentError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    # A file may hold several documents (a mailbox: one per message).
    document_texts = read_documents(path, kind, attachments=attachments)
    # One transaction: the documents and the fingerprint of their file land together or not at all.
    stored = []
    with project.transaction():
        for document_text in document_texts:
            document, created = project.add_document(
                document_text.title,
                document_text.text,
                source_path=readable_name(str(source)),
                language=document_text.language,
                metadata=document_text.metadata,
            )
            if created:
                record_source(project, int(document.id or 0), readable_name(str(source)), fingerprint)
            stored.append((document, created))
    for document, created in stored:
        report.documents.append((int(document.id or 0), document.title))
        if created:
            report.new_documents += 1
        else:
            report.existing_documents += 1
    return report


def _kind_of(path: Path, *, by_content: bool) -> str | None:
    """``set``, ``document`` (by suffix), ``text``/``html``/``docx`` (by content), ``part`` (of a brat folder)."""
    suffix = path.suffix.lower()
    if path.is_dir() or suffix in SET_SUFFIXES:
        return "set"
    if suffix in TOKEN_SET_SUFFIXES:
        return _token_set_kind(_head(path))
    if suffix == ".txt" and by_content and _head(path).lstrip(b"\xef\xbb\xbf").startswith(b"-DOCSTART-"):
        return "iob"  # a CoNLL file named .txt: a document never starts so
    if suffix in DOCUMENT_SUFFIXES:
        return "document"
    if suffix == ".ann" or path.name == "annotation.conf":
        name = readable_name(path.name)
        if suffix == ".ann" and not path.with_suffix(".txt").is_file():
            raise DocumentError(f"{name}: a brat .ann file without its .txt: not imported")
        if by_content:
            raise DocumentError(f"{name}: part of a brat set: import the folder that holds it")
        return "part"
    if not by_content and suffix not in SNIFFED_SUFFIXES:
        return None
    head = _head(path)
    for recognises, refusal in REFUSED_BY_CONTENT:
        if recognises(head):
            raise DocumentError(f"{readable_name(path.name)}: {refusal}")
    if not by_content:
        return None
    if any(row.sniff is not None and row.sniff(head) for row in TOKEN_SETS.values()):
        return _token_set_kind(head)
    kind = sniff_kind(head)
    if kind is None:
        raise DocumentError(f"{readable_name(path.name)}: looks like a binary file, not a document or annotation set")
    return kind


class ImportCancelled(Exception):
    """Raised by a progress callback to stop an import between two files."""


Progress = Callable[[int, int, Path | None], None]


def _head(path: Path) -> bytes:
    """The first 4 KiB of a file, to tell what it is."""
    if not path.is_file():  # a pipe or a device would block the read below
        raise DocumentError(f"{readable_name(path.name)}: not a regular file")
    try:
        with path.open("rb") as stream:
            return stream.read(4096)
    except OSError as exc:
        raise DocumentError(f"{readable_name(path.name)}: cannot be read ({exc.strerror or exc})") from None


def _token_set_kind(head: bytes) -> str:
    """``webanno-tsv`` for a WebAnno/INCEpTION TSV file, else ``iob`` (token-per-line IOB/CoNLL)."""
    sniff = TOKEN_SETS["webanno-tsv"].sniff
    return "webanno-tsv" if sniff is not None and sniff(head) else "iob"


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    *,
    annotator: str | None = None,
    unknown_labels: str | None = None,
    progress: Progress | None = None,
    offsets: str = "auto",
    attachments: bool = False,
) -> ImportReport:
    """Import files and folders (recursively); returns a report of what was imported and skipped.

    ``offsets`` (``auto``, ``utf16``, ``codepoints``) says how doccano and Label Studio sets count.
    ``attachments``: e-mail attachments that are documents annotator reads are imported too.

    A file that cannot be read is listed in ``report.skipped`` with the reason and changes nothing. A file
    named in ``paths`` is read by its content when its suffix is not one annotator knows; files found in a
    folder are read by suffix.
    Environment faults (a locked or full database) stop the import and propagate. ``progress(done, total,
    path)`` is called before each file (``path`` None at the end); if it raises ImportCancelled, the import
    stops there and the report says so.
    """
    report = ImportReport()
    work: list[tuple[Path, Path]] = []
    for top in paths:
        top = Path(top)
        if not top.exists():
            report.skipped.append((readable_name(str(top)), "no such file or folder"))
            continue
        work.extend((top, path) for path in _walk(top, refused=report.skipped))
    for index, (top, path) in enumerate(work):
        if progress is not None:
            try:
                progress(index, len(work), path)
            except ImportCancelled:
                report.cancelled = True
                return report
        # Never read the project's own files: besides being no document, closing a descriptor of the
        # database file would drop this process's SQLite locks on it.
        if path.is_file() and project.is_project_file(path):
            report.skipped.append((readable_name(str(path)), "the project's own file"))
            continue
        try:
            # A file named on its own is read by content whatever its name; in a folder, by suffix.
            kind = _kind_of(path, by_content=path == top)
            if kind == "set" or kind in TOKEN_SETS:
                from annotator.services.merging import import_set

                reader = TOKEN_SETS[kind].read() if kind != "set" else None
                report.merge(
                    import_set(
                        project,
                        path,
                        annotator=annotator,
                        unknown_labels=unknown_labels,
                        offsets=offsets,
                        reader=reader,
                    )
                )
            elif kind == "part":
                continue  # part of a brat folder
            elif kind is not None:
                document_kind = None if kind == "document" else kind
                report.merge(import_document_file(project, path, document_kind, attachments=attachments))
            else:
                report.skipped.append((readable_name(str(path)), NOT_READ))
        except (DocumentError, ValidationError) as exc:
            report.skipped.append((readable_name(str(path)), str(exc)))
        except RecursionError:  # a structure nested beyond what any reader expects: refused, never a crash
            report.skipped.append((readable_name(str(path)), "nested too deeply to be a document or a set"))
        except EnvironmentFault as fault:
            if not (report.documents or report.spans_added):
                raise
            # Each file went in whole or not at all: say which ones are in, so none is imported twice.
            done = ", ".join(f"{doc_id} {title}" for doc_id, title in report.documents[:10])
            more = f" and {len(report.documents) - 10} more" if len(report.documents) > 10 else ""
            raise type(fault)(
                f"{fault}; {readable_name(path.name)} and what came after it were not imported, "
                f"what came before was ({report.summary()}: {done}{more})"
            ) from fault
    if progress is not None:
        progress(len(work), len(work), None)
    return report
