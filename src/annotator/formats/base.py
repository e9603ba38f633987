"""What every file format shares: the import and export reports, the document handed to a writer, and
``atomic_file``, which writes an export beside its target and moves it into place only when it is whole.

Formats sit above the store and below the services: a format module reads or writes files; it never
imports ``annotator.services``.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Literal, Protocol, TextIO, overload

from annotator.core.model import Document, Link, Span

if TYPE_CHECKING:  # a format module reads sets of this shape; only the type is needed here
    from annotator.formats.annotation_set import AnnotationSet
    from annotator.store.project import Project

Progress = Callable[[int, int], None]


class Reader(Protocol):
    """Reads one file (or a brat folder) into an annotation set; ValidationError names what is wrong."""

    def __call__(self, path: Path, /) -> AnnotationSet: ...


class Writer(Protocol):
    """Writes the selected documents to ``out`` (see ``services.exporting``), noting losses in ``report``."""

    def __call__(
        self, project: Project, items: Iterable[DocumentExport], out: Path, report: ExportReport, /
    ) -> None: ...


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
    cancelled: bool = False  # stopped by the user between two files: the files before are imported whole
    notes: list[str] = field(default_factory=list)

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
        self.notes.extend(other.notes)

    def summary(self) -> str:
        """One line for people: what was written, what was already there, and what was skipped."""

        def counted(n: int, one: str, many: str | None = None) -> str:
            return f"{n} {one if n == 1 else many or one + 's'}"

        parts = [f"{counted(self.new_documents, 'new document')}"]
        if self.existing_documents:
            parts.append(f"{self.existing_documents} already present")
        if self.spans_added or self.spans_updated or self.spans_unchanged:
            parts.append(f"{counted(self.spans_added, 'span')} added")
            if self.spans_updated:
                parts.append(f"{self.spans_updated} updated")
            if self.spans_unchanged:
                parts.append(f"{self.spans_unchanged} already present")
        if self.links_added:
            parts.append(f"{counted(self.links_added, 'link')} added")
        if self.conflicts:
            parts.append(counted(len(self.conflicts), "conflict"))
        if self.orphans:
            parts.append(f"{len(self.orphans)} orphaned")
        if self.warnings:
            parts.append(counted(len(self.warnings), "warning"))
        parts.append(f"{len(self.skipped)} skipped")
        return ("cancelled; " if self.cancelled else "") + "imported: " + ", ".join(parts)


@dataclass(slots=True)
class ExportReport:
    """What an export wrote: where, how many documents and spans, and what it could not express."""

    path: Path
    documents: int = 0
    spans: int = 0
    warnings: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # one line per span a warning counts (``--verbose``)
    format: str = ""
    title: str = ""  # what messages call the format (its row of the formats table says)

    def headline(self) -> str:
        """What was written, in which format, without the path: "exported 2 documents, 1 span as CSV"."""
        documents = f"{self.documents} document{'s' * (self.documents != 1)}"
        line = f"exported {documents}, {self.spans} span{'s' * (self.spans != 1)}"
        if self.format:
            line += f" as {self.title or self.format}"
        return line

    def summary(self) -> str:
        """One line for people: the headline, the path, and how many warnings."""
        line = f"{self.headline()} to {self.path}"
        if self.warnings:
            line += f" ({len(self.warnings)} warning{'s' * (len(self.warnings) != 1)})"
        return line


@dataclass(frozen=True, slots=True)
class DocumentExport:
    """One document as exported: its text, its selected spans in text order, their links and attributes."""

    document: Document
    spans: tuple[Span, ...]
    links: tuple[Link, ...]
    attributes: dict[str, dict[str, str]]
    entity_names: dict[int, str]


def report_left_out(report: ExportReport, fmt: str, **counts: int) -> None:
    """Add one warning naming what a format could not hold (links, attributes, entities), with counts."""
    parts = [f"{n} {name}" for name, n in counts.items() if n]
    if parts:
        report.warnings.append(f"{fmt} holds no {', '.join(counts)}: left out {', '.join(parts)}")


def extras(item: DocumentExport) -> dict[str, int]:
    """How many links, attributes and entity references a document's export carries."""
    return {
        "links": len(item.links),
        "attributes": sum(len(v) for v in item.attributes.values()),
        "entities": sum(1 for s in item.spans if s.entity_id is not None),
    }


@overload
def atomic_file(
    path: Path, mode: Literal["w"] = "w", *, encoding: str | None = None, newline: str | None = None
) -> contextlib.AbstractContextManager[TextIO]: ...
@overload
def atomic_file(path: Path, mode: Literal["wb"]) -> contextlib.AbstractContextManager[BinaryIO]: ...
def atomic_file(
    path: Path, mode: str = "w", *, encoding: str | None = None, newline: str | None = None
) -> contextlib.AbstractContextManager[IO[Any]]:
    """Open a temporary file beside ``path`` (text, or bytes with ``"wb"``); it replaces ``path`` only when the
    block ends without error."""
    return _atomic_open(path, mode, encoding, newline)


@contextlib.contextmanager
def _atomic_open(path: Path, mode: str, encoding: str | None, newline: str | None) -> Iterator[IO[Any]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        # mkstemp makes the file private; an export gets the mode any new file would (or the old file's).
        os.chmod(temp, stat.S_IMODE(path.stat().st_mode) if path.is_file() else 0o666 & ~_UMASK)
        with open(temp, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError) and not exc.filename:
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None  # say which file
        raise


def _read_umask() -> int:
    mask = os.umask(0)  # the only way to read it; done once, at import, before any worker thread writes files
    os.umask(mask)
    return mask


_UMASK = _read_umask()
