"""Export a project's annotation sets: jsonl (native, lossless), csv, brat, conll, webanno, spacy, labelstudio.

``export_project`` selects documents and spans by annotator, label, status and document, hands them
to the writer of the chosen format (``annotator.formats.<format>``) and returns what was written.
Offsets in every format are Unicode code points into the exported text. Files are written to a
temporary name beside the target and moved into place, so a failed export leaves no half file.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import STATUSES, Document, Link, Span, ValidationError
from annotator.store.project import JOURNAL_SUFFIXES, Project

FORMATS = ("jsonl", "csv", "brat", "conll", "webanno", "spacy", "labelstudio")
# What messages call each format (the names their own documentation uses).
FORMAT_TITLES = {
    "jsonl": "native JSON Lines",
    "csv": "CSV",
    "brat": "brat standoff",
    "conll": "CoNLL (IOB2)",
    "webanno": "W3C Web Annotation (JSON-LD)",
    "spacy": "spaCy DocBin",
    "labelstudio": "Label Studio JSON",
}

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class ExportReport:
    """What an export wrote: where, how many documents and spans, and what it could not express."""

    path: Path
    documents: int = 0
    spans: int = 0
    warnings: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # one line per span a warning counts (``--verbose``)
    format: str = ""

    def headline(self) -> str:
        """What was written, in which format, without the path: "exported 2 documents, 1 span as CSV"."""
        documents = f"{self.documents} document{'s' * (self.documents != 1)}"
        line = f"exported {documents}, {self.spans} span{'s' * (self.spans != 1)}"
        if self.format:
            line += f" as {FORMAT_TITLES.get(self.format, self.format)}"
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


@dataclass(slots=True)
class Selection:
    """The filters of an export, checked against the project."""

    annotators: tuple[str, ...] | None = None
    labels: tuple[str, ...] | None = None
    statuses: tuple[str, ...] | None = ("accepted",)
    documents: tuple[int, ...] | None = None

    @classmethod
    def build(
        cls,
        project: Project,
        *,
        annotators: Iterable[str] | None = None,
        labels: Iterable[str] | None = None,
        statuses: Iterable[str] | None = ("accepted",),
        documents: Iterable[int] | None = None,
    ) -> Selection:
        """Normalise and check the filters: unknown statuses, labels and documents are refused by name."""
        status_tuple: tuple[str, ...] | None
        if statuses is None:
            status_tuple = None
        else:
            status_tuple = tuple(dict.fromkeys(statuses))
            if "all" in status_tuple:
                status_tuple = None
            else:
                bad = [s for s in status_tuple if s not in STATUSES]
                if bad:
                    raise ValidationError(
                        f"unknown status {', '.join(map(repr, bad))}: expected {', '.join(STATUSES)} or all"
                    )
        label_tuple = tuple(dict.fromkeys(labels)) if labels else None
        if label_tuple:
            known = [lab.name for lab in project.labels()]  # in display order: the message reads the same each time
            bad = [lab for lab in label_tuple if lab not in known]
            if bad:
                raise ValidationError(f"unknown label {', '.join(map(repr, bad))}: known labels are {', '.join(known)}")
        doc_tuple = tuple(dict.fromkeys(int(d) for d in documents)) if documents else None
        if doc_tuple:
            known_ids = set(project.document_ids())
            bad_ids = [d for d in doc_tuple if d not in known_ids]
            if bad_ids:
                raise ValidationError(f"no document with id {', '.join(map(str, bad_ids))}")
        annotator_tuple = tuple(dict.fromkeys(annotators)) if annotators else None
        return cls(annotator_tuple, label_tuple, status_tuple, doc_tuple)

    @property
    def is_everything(self) -> bool:
        """Whether nothing is filtered out (a complete copy)."""
        return self.annotators is None and self.labels is None and self.statuses is None and self.documents is None


def selected_document_ids(project: Project, selection: Selection) -> list[int]:
    """Ids of the documents to export, ascending."""
    ids = project.document_ids()
    if selection.documents is not None:
        wanted = set(selection.documents)
        ids = [i for i in ids if i in wanted]
    return ids


def iter_documents(project: Project, selection: Selection, ids: Sequence[int]) -> Iterator[DocumentExport]:
    """Each selected document with its selected spans (text order), the links between them, their attributes."""
    entity_names = {int(e.id or 0): e.name for e in project.entities()}
    for document_id in ids:
        document = project.document(document_id)
        spans = sorted(
            project.spans(
                document_id,
                labels=selection.labels,
                annotators=selection.annotators,
                statuses=selection.statuses,
            ),
            key=lambda s: s.sort_key,
        )
        span_ids = {s.id for s in spans}
        links = tuple(lk for lk in project.links(document_id) if lk.from_span in span_ids and lk.to_span in span_ids)
        attributes = {k: v for k, v in project.all_attributes(document_id).items() if k in span_ids}
        yield DocumentExport(document, tuple(spans), links, attributes, entity_names)


def export_project(
    project: Project,
    fmt: str,
    out: str | os.PathLike[str],
    *,
    annotators: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
    statuses: Iterable[str] | None = ("accepted",),
    documents: Iterable[int] | None = None,
    progress: Progress | None = None,
) -> ExportReport:
    """Write the selected spans of ``project`` in format ``fmt`` to ``out`` (a folder for brat, else a file).

    ``statuses=None`` or containing ``"all"`` exports every status; the default exports accepted spans.
    ``progress(done, total)`` is called after each document.
    """
    if fmt not in FORMATS:
        raise ValidationError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    out = _checked_output(project, fmt, Path(out))
    selection = Selection.build(project, annotators=annotators, labels=labels, statuses=statuses, documents=documents)
    ids = selected_document_ids(project, selection)
    report = ExportReport(out, format=fmt)
    items = _counted(iter_documents(project, selection, ids), len(ids), report, progress)
    # Imported on use: spacy_docbin needs the optional spaCy extra, the others cost nothing at start-up.
    writer = importlib.import_module(f"annotator.formats.{_WRITER_MODULES[fmt]}")
    writer.write(project, items, out, report)
    return report


_WRITER_MODULES = {
    "jsonl": "jsonl",
    "csv": "csv_export",
    "brat": "brat",
    "conll": "conll",
    "webanno": "webanno",
    "spacy": "spacy_docbin",
    "labelstudio": "labelstudio",
}


def _checked_output(project: Project, fmt: str, out: Path) -> Path:
    """Where the export will write (a link's target), refused if it is the project or not a plain file."""
    target = out.resolve()
    if project.is_project_file(target) or _same_name_ignoring_case(target, project.path):
        raise ValidationError(f"{out}: the export cannot overwrite the project itself")
    if fmt == "brat":
        if target.exists() and not target.is_dir():
            raise ValidationError(f"{out}: brat export needs a folder, and this is a file")
    elif target.is_dir():
        raise ValidationError(f"{out} is a folder: {fmt} export writes one file")
    elif target.exists() and not target.is_file():
        raise ValidationError(f"{out} is not a regular file (a device or a pipe): choose a file to write")
    return target


def checked_output(project: Project, out: Path, fmt: str) -> Path:
    """Where a one-file export in ``fmt`` will write (a link's target): never the project, a folder or a device."""
    return _checked_output(project, fmt, out)


def _counted(
    items: Iterator[DocumentExport], total: int, report: ExportReport, progress: Progress | None
) -> Iterator[DocumentExport]:
    """Pass documents through, counting them and their spans and reporting progress after each."""
    if progress is not None:
        progress(0, total)
    for done, item in enumerate(items, start=1):
        yield item
        report.documents += 1
        report.spans += len(item.spans)
        if progress is not None:
            progress(done, total)


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


@contextlib.contextmanager
def atomic_file(path: Path, mode: str = "w", **kwargs: object) -> Iterator:
    """Open a temporary file beside ``path``; it replaces ``path`` only when the block ends without error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        # mkstemp makes the file private; an export gets the mode any new file would (or the old file's).
        os.chmod(temp, stat.S_IMODE(path.stat().st_mode) if path.is_file() else 0o666 & ~_UMASK)
        with open(temp, mode, **kwargs) as handle:  # type: ignore[call-overload]
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


def _same_name_ignoring_case(target: Path, project_path: Path) -> bool:
    """The project's name (or a journal's) in its folder, in any case: on a case-insensitive file system
    P.DB is p.db, which a stat of a name that does not exist yet cannot tell."""
    ours = project_path.resolve()
    names = {ours.name.lower() + end for end in ("", *JOURNAL_SUFFIXES)}
    return target.parent == ours.parent and target.name.lower() in names


__all__ = [
    "FORMATS",
    "DocumentExport",
    "ExportReport",
    "Selection",
    "atomic_file",
    "checked_output",
    "export_project",
    "extras",
    "report_left_out",
]
