"""Import files into a project: documents and annotation sets, files and folders.

One entry point for the CLI, the GUI and first-start seeding. Documents (.txt .md .html .docx)
are stored as they are read; annotation sets (native jsonl, doccano JSONL, brat folders) are
merged by ``annotator.formats.sets``. Each file is imported in one transaction: a bad file
changes nothing and is reported, the others go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import ValidationError
from annotator.formats.documents import DOCUMENT_SUFFIXES, DocumentError, read_document
from annotator.store.errors import EnvironmentFault
from annotator.store.project import Project

SET_SUFFIXES = (".jsonl", ".json", ".ndjson")


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


def import_document_file(project: Project, path: Path) -> ImportReport:
    """Read one document file and store it (not duplicated when the same text is there already)."""
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
    document_text = read_document(path)
    # One transaction: the document and the fingerprint of its file land together or not at all.
    with project.transaction():
        document, created = project.add_document(
            document_text.title,
            document_text.text,
            source_path=str(source),
            language=document_text.language,
            metadata=document_text.metadata,
        )
        if created:
            record_source(project, int(document.id or 0), source, fingerprint)
    report.documents.append((int(document.id or 0), document.title))
    if created:
        report.new_documents += 1
    else:
        report.existing_documents += 1
    return report


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    *,
    annotator: str | None = None,
    unknown_labels: str = "refuse",
) -> ImportReport:
    """Import files and folders (recursively); returns a report of what was imported and skipped.

    A file that cannot be read is listed in ``report.skipped`` with the reason and changes nothing.
    Environment faults (a locked or full database) stop the import and propagate.
    """
    report = ImportReport()
    for top in paths:
        top = Path(top)
        if not top.exists():
            report.skipped.append((str(top), "no such file or folder"))
            continue
        for path in _walk(top):
            try:
                if path.is_dir() or path.suffix.lower() in SET_SUFFIXES:
                    from annotator.formats.sets import import_set

                    report.merge(import_set(project, path, annotator=annotator, unknown_labels=unknown_labels))
                elif path.suffix.lower() in DOCUMENT_SUFFIXES:
                    report.merge(import_document_file(project, path))
                elif path.suffix.lower() == ".ann" or path.name == "annotation.conf":
                    continue  # part of a brat folder
                else:
                    report.skipped.append((str(path), "not a document or annotation set annotator reads"))
            except (DocumentError, ValidationError) as exc:
                report.skipped.append((str(path), str(exc)))
            except EnvironmentFault:
                raise
    return report
