"""Import files into a project: documents and annotation sets, files and folders.

One entry point for the CLI, the GUI and first-start seeding. Documents (.txt .md .html .docx)
are stored as they are read; annotation sets (native jsonl, doccano JSONL, brat folders, IOB/CoNLL
token files, WebAnno TSV 3) are merged by ``annotator.formats.sets``. Each file is imported in one transaction: a
bad file changes nothing and is reported, the others go on.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import ValidationError
from annotator.formats.documents import DOCUMENT_SUFFIXES, DocumentError, read_document, readable_name, sniff_kind
from annotator.store.errors import EnvironmentFault
from annotator.store.project import Project

SET_SUFFIXES = (".jsonl", ".json", ".ndjson")
NOT_READ = "not a document or annotation set annotator reads"

# Annotation sets that their suffix or first bytes tell apart, each read by its own module's ``read``.
TOKEN_SET_READERS = {"iob": "annotator.formats.iob", "webanno-tsv": "annotator.formats.webanno_tsv"}
WEBANNO_TSV_HEADER = b"#FORMAT=WebAnno TSV"
TOKEN_SET_SUFFIXES = (".conll", ".iob", ".iob1", ".iob2", ".bio", ".bioes", ".bilou", ".tsv")


@dataclass(slots=True)
class ImportReport:
    """What an import did: documents touched (id, title), spans added, and every file skipped with why."""

    documents: list[tuple[int, str]] = field(default_factory=list)
    new_documents: int = 0
    existing_documents: int = 0
    spans_added: int = 0
    spans_updated: int = 0
    spans_unchanged: int = 0
    links_added: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def merge(self, other: ImportReport) -> None:
        """Add another report's counts and lists to this one."""
        self.documents.extend(other.documents)
        self.new_documents += other.new_documents
        self.existing_documents += other.existing_documents
        self.spans_added += other.spans_added
        self.spans_updated += other.spans_updated
        self.spans_unchanged += other.spans_unchanged
        self.links_added += other.links_added
        self.skipped.extend(other.skipped)
        self.conflicts.extend(other.conflicts)
        self.orphans.extend(other.orphans)
        self.warnings.extend(other.warnings)

    def summary(self) -> str:
        """One line for people: what was imported and skipped."""
        parts = [f"{self.new_documents} new document{'s' * (self.new_documents != 1)}"]
        if self.existing_documents:
            parts.append(f"{self.existing_documents} already present")
        if self.spans_added or self.spans_updated or self.spans_unchanged:
            parts.append(f"{self.spans_added} spans added")
            if self.spans_updated:
                parts.append(f"{self.spans_updated} updated")
            if self.spans_unchanged:
                parts.append(f"{self.spans_unchanged} unchanged")
        if self.links_added:
            parts.append(f"{self.links_added} links added")
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} conflicts")
        if self.orphans:
            parts.append(f"{len(self.orphans)} orphaned")
        parts.append(f"{len(self.skipped)} skipped")
        return "imported: " + ", ".join(parts)


def is_brat_folder(path: Path) -> bool:
    """A folder with at least one .txt file that has a sibling .ann file."""
    return path.is_dir() and any(p.with_suffix(".ann").is_file() for p in path.glob("*.txt"))


def _walk(path: Path, seen: set[Path] | None = None) -> Iterator[Path]:
    """Files and brat folders below ``path``, in a stable order; hidden entries are passed over.

    A folder reached twice through symbolic links is walked once (a link loop ends).
    """
    if path.is_file() or is_brat_folder(path) or not path.is_dir():
        yield path
        return
    seen = set() if seen is None else seen
    real = path.resolve()
    if real in seen:
        return
    seen.add(real)
    for child in sorted(path.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child, seen)
        else:
            yield child


def import_document_file(project: Project, path: Path, kind: str | None = None) -> ImportReport:
    """Read one document file and store it (not duplicated when the same text is there already).

    ``kind`` is what the file's content was found to be (see ``read_document``); by default its suffix says.
    """
    from annotator.integrity import file_fingerprint, record_source

    report = ImportReport()
    source = path.resolve()
    if not source.is_file():
        raise DocumentError(f"{path.name}: not a regular file")  # a pipe or a device would never end
    try:
        # Taken before reading, so a change made while importing shows as a change later, not the reverse.
        fingerprint = file_fingerprint(source)
    except OSError as exc:
        raise DocumentError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    document_text = read_document(path, kind)
    # One transaction: the document and the fingerprint of its file land together or not at all.
    with project.transaction():
        document, created = project.add_document(
            document_text.title,
            document_text.text,
            source_path=readable_name(str(source)),
            language=document_text.language,
            metadata=document_text.metadata,
        )
        if created:
            record_source(project, int(document.id or 0), readable_name(str(source)), fingerprint)
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
        return "part"
    if not by_content:
        return None
    from annotator.formats.iob import looks_like_iob  # imported here: the set readers import this module

    head = _head(path)
    if head.removeprefix(b"\xef\xbb\xbf").startswith(WEBANNO_TSV_HEADER) or looks_like_iob(head):
        return _token_set_kind(head)
    kind = sniff_kind(head)
    if kind is None:
        raise DocumentError(f"{readable_name(path.name)}: looks like a binary file, not a document or annotation set")
    return kind


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
    return "webanno-tsv" if head.removeprefix(b"\xef\xbb\xbf").startswith(WEBANNO_TSV_HEADER) else "iob"


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    *,
    annotator: str | None = None,
    unknown_labels: str | None = None,
) -> ImportReport:
    """Import files and folders (recursively); returns a report of what was imported and skipped.

    A file that cannot be read is listed in ``report.skipped`` with the reason and changes nothing. A file
    named in ``paths`` is read by its content when its suffix is not one annotator knows; files found in a
    folder are read by suffix.
    Environment faults (a locked or full database) stop the import and propagate.
    """
    report = ImportReport()
    for top in paths:
        top = Path(top)
        if not top.exists():
            report.skipped.append((readable_name(str(top)), "no such file or folder"))
            continue
        for path in _walk(top):
            # Never read the project's own files: besides being no document, closing a descriptor of the
            # database file would drop this process's SQLite locks on it.
            if path.is_file() and project.is_project_file(path):
                report.skipped.append((readable_name(str(path)), "the project's own file"))
                continue
            try:
                # A file named on its own is read by content whatever its name; in a folder, by suffix.
                kind = _kind_of(path, by_content=path == top)
                if kind == "set" or kind in TOKEN_SET_READERS:
                    from annotator.formats.sets import import_set

                    reader = importlib.import_module(TOKEN_SET_READERS[kind]).read if kind != "set" else None
                    report.merge(
                        import_set(project, path, annotator=annotator, unknown_labels=unknown_labels, reader=reader)
                    )
                elif kind == "part":
                    continue  # part of a brat folder
                elif kind is not None:
                    report.merge(import_document_file(project, path, None if kind == "document" else kind))
                else:
                    report.skipped.append((readable_name(str(path)), NOT_READ))
            except (DocumentError, ValidationError) as exc:
                report.skipped.append((readable_name(str(path)), str(exc)))
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
    return report
