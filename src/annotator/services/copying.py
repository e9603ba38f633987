"""Copying a whole project from one database to another: a file to a team server, back, or file to file.

What is copied is everything the project holds, as it is: documents (ids, titles, texts, sha256, sources,
metadata, done flags, recorded source files), labels and link types, entities (ids kept), spans (UUIDs and
time stamps kept), links, attributes, model scores and settings. The native jsonl export of both sides is
then the same, byte for byte.

The copy is made in steps, each one transaction: first the scheme (labels, link types, entities) with a
mark naming the source, then the documents, ``batch`` at a time, each with its spans, links, attributes and
scores, and last the settings, which replace the mark. An interrupted copy (a full disk, a lost server, a
killed process) leaves whole batches behind; run again on the same destination, it skips the documents
already there and carries on. A destination that holds anything else is refused, and nothing is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from annotator.core.model import ValidationError
from annotator.store.project import Project

DEFAULT_BATCH = 50
# The setting a destination carries while a copy into it is under way: the source's fingerprint.
COPY_MARK = "annotator.copy_in_progress"


@dataclass(slots=True)
class CopyReport:
    """What one run of ``copy_project`` wrote (``already``: documents an earlier, interrupted run copied)."""

    documents: int = 0
    already: int = 0
    spans: int = 0
    links: int = 0
    attributes: int = 0
    scores: int = 0
    sources: int = 0
    entities: int = 0
    labels: int = 0
    link_types: int = 0
    settings: int = 0
    resumed: bool = False

    def as_dict(self) -> dict[str, int | bool]:
        """The counts by name, for ``--json``."""
        return asdict(self)


def source_fingerprint(source: Project) -> str:
    """What names a source for resuming: its documents (ids and text hashes), in id order."""
    digest = hashlib.sha256()
    for summary in source.documents():
        digest.update(f"{summary.id}:{summary.sha256}\n".encode("ascii"))
    return digest.hexdigest()


def check_destination(target: Project, fingerprint: str) -> bool:
    """Whether ``target`` holds an interrupted copy of this source (True) or nothing yet (False).

    ValidationError, naming the destination, when it holds anything else: nothing is written then.
    """
    mark = target.setting(COPY_MARK)
    if mark is not None:
        if mark != fingerprint:
            raise ValidationError(
                f"{target.location} holds an interrupted copy of another project (or its source changed since): "
                "copy into a new, empty project"
            )
        return True
    if target.has_documents() or target.entities() or target.settings():
        raise ValidationError(
            f"{target.location} already holds a project: copy into a new, empty one (nothing was written)"
        )
    return False


def copy_project(
    source: Project,
    target: Project,
    *,
    batch: int = DEFAULT_BATCH,
    progress: Callable[[int, int], None] | None = None,
) -> CopyReport:
    """Copy every document, span, link, attribute, entity, label, link type and setting of ``source`` into
    ``target`` (empty, or holding an interrupted copy of ``source``), ``batch`` documents per transaction.

    ``progress(done, total)`` is called after each batch.
    """
    if batch < 1:
        raise ValidationError(f"--batch must be at least 1, not {batch}")
    fingerprint = source_fingerprint(source)
    report = CopyReport(resumed=check_destination(target, fingerprint))
    _copy_scheme(source, target, fingerprint, report)
    ids = source.document_ids()
    todo = [doc_id for doc_id in ids if not _copied(source, target, doc_id)]
    report.already = len(ids) - len(todo)
    for chunk in _chunks(todo, batch):
        with target.large_cache(), target.transaction():
            for doc_id in chunk:
                _copy_document(source, target, doc_id, report)
        source.release_texts()
        if progress is not None:
            progress(report.already + report.documents, len(ids))
    with target.transaction():
        # Links whose second span was in a document copied later (if a set ever joined two documents).
        present = {link.id for link in target.links()}
        for link in source.links():
            if link.id not in present:
                target.insert_link_row(link)
                report.links += 1
        target.delete_setting(COPY_MARK)
        for key, value in source.settings().items():
            target.set_setting(key, value)
            report.settings += 1
    return report


def backup_to_file(project: Project, target: str | os.PathLike[str]) -> Path:
    """A team project's backup: a copy of it in a new project file at ``target`` (a folder: the database's
    name there), written beside it under a temporary name and renamed into place once complete."""
    path = Path(target)
    if path.is_dir():
        path = path / f"{project.path.name}.db"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise ValidationError(f"cannot write the backup {path}: {exc.strerror or exc}") from None
    partial = Path(name)
    try:
        with Project(partial) as copy:
            copy_project(project, copy, batch=200)
        partial.replace(path)
    except BaseException:
        for leftover in (partial, *(partial.with_name(partial.name + end) for end in ("-wal", "-shm", "-journal"))):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    return path


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _copy_scheme(source: Project, target: Project, fingerprint: str, report: CopyReport) -> None:
    """Labels, link types and entities, and the mark naming the source, in one transaction."""
    records = source.label_records()
    with target.transaction():
        target.set_setting(COPY_MARK, fingerprint)
        target.delete_unused_labels(records)
        before = target.label_records()
        for name, record in records.items():
            target.write_label_record(record, before.get(name))
        report.labels = len(records)
        rows = source.link_type_rows()
        target.write_link_type_rows(rows)
        report.link_types = len(rows)
        report.entities = sum(target.write_entity_row(entity) for entity in source.entities())


def _copied(source: Project, target: Project, doc_id: int) -> bool:
    """Whether an earlier run copied this document (its batch is committed whole, or not at all)."""
    if not target.has_document(doc_id):
        return False
    theirs = target.document_summary(doc_id)
    ours = source.document_summary(doc_id)
    if theirs is None or ours is None or theirs.sha256 != ours.sha256:
        raise ValidationError(
            f"{target.location} holds another document under id {doc_id}: it is not a copy of this source"
        )
    return True


def _copy_document(source: Project, target: Project, doc_id: int, report: CopyReport) -> None:
    """One document with everything on it, inside the caller's transaction (a link to a span of a document
    not copied yet is written at the end)."""
    document = source.document(doc_id)
    new_id = target.insert_document_row(
        title=document.title,
        text=document.text,
        source_path=document.source_path,
        language=document.language,
        added_at=document.added_at,
        metadata=document.metadata,
        done=document.done,
        document_id=doc_id,
    )
    if new_id != doc_id:
        raise ValidationError(f"{target.location} gave document {doc_id} the id {new_id}: the copy is stopped")
    spans = source.spans(doc_id, statuses=None)
    target.insert_span_rows(spans)
    report.spans += len(spans)
    ours = {span.id for span in spans}
    for span_id, attributes in source.all_attributes(doc_id).items():
        target.write_attributes(span_id, attributes, replace=False)
        report.attributes += len(attributes)
    for link in source.links(doc_id):
        if link.to_span in ours:
            target.insert_link_row(link)
            report.links += 1
    scores = source.span_score_rows(doc_id)
    target.write_span_score_rows(scores)
    report.scores += len(scores)
    row = source.document_source_row(doc_id)
    if row is not None:
        target.write_document_source_row(row)
        report.sources += 1
    report.documents += 1


__all__ = [
    "COPY_MARK",
    "DEFAULT_BATCH",
    "CopyReport",
    "backup_to_file",
    "check_destination",
    "copy_project",
    "source_fingerprint",
]
