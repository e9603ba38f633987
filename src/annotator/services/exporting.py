"""Export a project's annotation sets: jsonl (native, lossless), csv, brat, conll, webanno, spacy, labelstudio.

``export_project`` selects documents and spans by annotator, label, status and document, hands them
to the writer of the chosen format (``annotator.formats.<format>``) and returns what was written.
Offsets in every format are Unicode code points into the exported text. Files are written to a
temporary name beside the target and moved into place, so a failed export leaves no half file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import STATUSES, ValidationError
from annotator.formats.base import (
    DocumentExport,
    ExportReport,
    Progress,
    atomic_file,
    extras,
    report_left_out,
)
from annotator.formats.registry import EXPORT_FORMATS, FORMATS_BY_NAME, set_format
from annotator.store.project import JOURNAL_SUFFIXES, Project

FORMATS = EXPORT_FORMATS  # in the order menus and ``--format`` list them
# What messages call each format (the names their own documentation uses).
FORMAT_TITLES = {name: set_format(name).title for name in FORMATS}

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
    report = ExportReport(out, format=fmt, title=set_format(fmt).title)
    items = _counted(iter_documents(project, selection, ids), len(ids), report, progress)
    # Imported on use: spacy_docbin needs the optional spaCy extra, the others cost nothing at start-up.
    write = set_format(fmt).write()
    write(project, items, out, report)
    return report


def _checked_output(project: Project, fmt: str, out: Path) -> Path:
    """Where the export will write (a link's target), refused if it is the project or not a plain file."""
    target = out.resolve()
    if project.is_project_file(target) or _same_name_ignoring_case(target, project.path):
        raise ValidationError(f"{out}: the export cannot overwrite the project itself")
    row = FORMATS_BY_NAME.get(fmt)  # graph exports (graphml, gexf) are one file and no set format
    if row is not None and row.folder:
        if target.exists() and not target.is_dir():
            raise ValidationError(f"{out}: {fmt} export needs a folder, and this is a file")
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
