"""Agreement, disagreements and adjudication on a project (no Qt).

- **Annotators** compared by default: everyone with accepted spans except the curated layer
  ``gold``, which is compared only when chosen (the window and the CLI share these defaults).
- **Documents** compared by default: every document where at least one of the compared annotators
  has an accepted span (of any label); a document nobody touched says nothing about agreement.
- **Adjudication** writes the chosen version of a disagreement into the curated layer: annotator
  ``gold``, source ``curation``, status ``accepted``. Gold spans already overlapping the place are
  replaced, so adjudicating twice leaves the last choice. Notes and entities are copied with the spans.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.agreement import AgreementReport, Disagreement, compute_agreement, find_disagreements
from annotator.core.model import GOLD_ANNOTATOR, Span, ValidationError
from annotator.store.project import Project

CURATION_SOURCE = "curation"


@dataclass(frozen=True, slots=True)
class Scope:
    """What an agreement compares: annotators, labels and documents."""

    annotators: tuple[str, ...]
    labels: tuple[str, ...]
    documents: tuple[int, ...]


def annotators_with_spans(project: Project) -> list[str]:
    """Names of everyone with at least one accepted span, sorted."""
    return project.annotators(status="accepted")


def default_annotators(project: Project) -> list[str]:
    """Everyone with accepted spans except ``gold``: the curated layer is compared only when chosen."""
    return [n for n in annotators_with_spans(project) if n != GOLD_ANNOTATOR]


def resolve_scope(
    project: Project,
    annotators: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
    documents: Iterable[int] | None = None,
) -> Scope:
    """Fill in the defaults and check the names; ValidationError on unknown or too few annotators."""
    names = list(dict.fromkeys(annotators)) if annotators else default_annotators(project)
    known = set(project.annotators())
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValidationError(f"no spans by {', '.join(unknown)}: annotators are {', '.join(sorted(known)) or 'none'}")
    if len(names) < 2:
        found = ", ".join(names) or "none"
        raise ValidationError(f"agreement needs at least two annotators with accepted spans (found: {found})")
    all_labels = [label.name for label in project.labels()]
    chosen_labels = list(dict.fromkeys(labels)) if labels else all_labels
    missing = [name for name in chosen_labels if name not in all_labels]
    if missing:
        raise ValidationError(f"unknown label {', '.join(missing)}: labels are {', '.join(all_labels)}")
    if documents is not None:
        doc_ids = sorted(set(int(d) for d in documents))
        existing = set(project.document_ids())
        absent = [d for d in doc_ids if d not in existing]
        if absent:
            raise ValidationError(f"no document {', '.join(map(str, absent))}")
    else:
        doc_ids = sorted({s.document_id for s in project.spans(annotators=names, statuses=("accepted",))})
    return Scope(tuple(names), tuple(chosen_labels), tuple(doc_ids))


def _scope_spans(project: Project, scope: Scope) -> list[Span]:
    return project.spans(
        annotators=scope.annotators, labels=scope.labels, statuses=("accepted",), documents=scope.documents
    )


def project_agreement(project: Project, scope: Scope) -> AgreementReport:
    """Agreement of the scope's annotators (see ``annotator.core.agreement`` for the definitions)."""
    texts = {doc: project.document_text(doc) for doc in scope.documents}
    return compute_agreement(texts, _scope_spans(project, scope), scope.annotators, scope.labels)


def project_disagreements(project: Project, scope: Scope) -> list[Disagreement]:
    """The places where the scope's annotators disagree, in document and text order."""
    return find_disagreements(_scope_spans(project, scope), scope.annotators)


def gold_spans_at(project: Project, document_id: int, start: int, end: int) -> list[Span]:
    """Accepted spans of the curated layer overlapping ``[start, end)`` of a document."""
    return [
        s
        for s in project.spans(document_id, annotators=[GOLD_ANNOTATOR], statuses=("accepted",))
        if s.start < end and start < s.end
    ]


def is_adjudicated(project: Project, disagreement: Disagreement) -> bool:
    """Whether the curated layer already holds a span at the place (when gold is not one of the versions)."""
    if GOLD_ANNOTATOR in disagreement.versions:
        return False
    return bool(gold_spans_at(project, disagreement.document_id, disagreement.start, disagreement.end))


def adjudicated_flags(project: Project, places: Sequence[Disagreement]) -> list[bool]:
    """``is_adjudicated`` for many disagreements at once (one query for the gold layer)."""
    gold: dict[int, list[Span]] = {}
    for span in project.spans(annotators=[GOLD_ANNOTATOR], statuses=("accepted",)):
        gold.setdefault(span.document_id, []).append(span)
    return [
        GOLD_ANNOTATOR not in place.versions
        and any(s.start < place.end and place.start < s.end for s in gold.get(place.document_id, ()))
        for place in places
    ]


@dataclass(frozen=True, slots=True)
class NewSpan:
    """A span to write into the curated layer."""

    document_id: int
    start: int
    end: int
    label: str
    note: str = ""
    entity_id: int | None = None

    def fields(self) -> dict[str, object]:
        """Keyword arguments for ``Project.add_span`` / ``AddSpanCommand``."""
        return {
            "annotator": GOLD_ANNOTATOR,
            "source": CURATION_SOURCE,
            "status": "accepted",
            "note": self.note,
            "entity_id": self.entity_id,
        }


@dataclass(frozen=True, slots=True)
class AdjudicationPlan:
    """What adjudicating does: gold spans removed (by id) and spans added to gold."""

    remove: tuple[str, ...]
    add: tuple[NewSpan, ...]


def plan_adjudication(
    project: Project,
    disagreement: Disagreement,
    keep: Sequence[str] = (),
    new: Sequence[tuple[int, int, str]] = (),
) -> AdjudicationPlan:
    """Keep the versions of the annotators in ``keep`` (one: "keep A"; several: "keep both") plus
    ``new`` spans (start, end, label) written by the adjudicator; identical spans are kept once."""
    for name in keep:
        if name not in disagreement.versions:
            raise ValidationError(f"{name} has no version of this disagreement")
    doc = disagreement.document_id
    labels = {label.name for label in project.labels()}
    adds: dict[tuple[int, int, str], NewSpan] = {}
    for name in keep:
        for span in disagreement.versions[name]:
            adds.setdefault(
                (span.start, span.end, span.label),
                NewSpan(doc, span.start, span.end, span.label, span.note, span.entity_id),
            )
    text_length = len(project.document_text(doc))
    for start, end, label in new:
        if label not in labels:
            raise ValidationError(f"unknown label {label!r}")
        if not (0 <= start < end <= text_length):
            raise ValidationError(f"span {start}–{end} lies outside the document")
        adds.setdefault((start, end, label), NewSpan(doc, start, end, label))
    low = min([disagreement.start, *(s for s, _, _ in adds)])
    high = max([disagreement.end, *(e for _, e, _ in adds)])
    removed = tuple(s.id for s in gold_spans_at(project, doc, low, high))
    return AdjudicationPlan(remove=removed, add=tuple(adds[k] for k in sorted(adds)))


def apply_adjudication(project: Project, plan: AdjudicationPlan) -> list[Span]:
    """Carry out a plan in one transaction (no undo: the window uses commands instead)."""
    with project.transaction():
        if plan.remove:
            project.delete_spans(plan.remove)
        added = [project.add_span(n.document_id, n.start, n.end, n.label, **n.fields()) for n in plan.add]
    return added
