"""Change notifications carry their rows (deltas), and one transaction is told once, after its commit."""

from __future__ import annotations

import pytest

from annotator.core.model import ValidationError
from annotator.store.project import Change, ChangeKind, Project, merge_changes

TEXT = "Selon l’ONU, la Corée du Nord 🚀 a livré 10\u00a0000 obus à la Russie.\n"


@pytest.fixture
def heard(project: Project) -> list[Change]:
    changes: list[Change] = []
    project.add_listener(changes.append)
    return changes


def add(project: Project, doc_id: int, phrase: str, label: str = "actor", **fields) -> str:
    start = TEXT.index(phrase)
    return project.add_span(doc_id, start, start + len(phrase), label, annotator="ana", **fields).id


def test_kind_is_an_enum_that_still_compares_as_its_name() -> None:
    change = Change("spans_added", 1, ("a",))  # a string kind on purpose
    assert change.kind is ChangeKind.SPANS_ADDED
    assert change.kind == "spans_added" and change.kind in {"spans_added"}  # a string kind on purpose
    with pytest.raises(ValueError):
        Change("spans_moved")


def test_each_edit_carries_the_rows_before_and_after(project: Project, heard: list[Change]) -> None:
    doc, _ = project.add_document("Corée", TEXT)
    span_id = add(project, doc.id, "la Russie")
    added = heard[-1]
    assert (added.kind, added.document_id, added.ids) == (ChangeKind.SPANS_ADDED, doc.id, (span_id,))
    assert added.has_rows and [s.text for s in added.after] == ["la Russie"] and added.before == ()
    before, after = project.update_span(span_id, label="transfer")
    updated = heard[-1]
    assert updated.span_pairs() == [(before, after)] and after.label == "transfer"
    other = add(project, doc.id, "la Corée du Nord")
    link = project.add_link(span_id, other, "recipient")
    assert heard[-1].links_after == (link,) and heard[-1].kind == ChangeKind.LINKS_CHANGED
    [record] = project.delete_spans([span_id])
    deleted = heard[-1]
    assert deleted.before == (record.span,) and deleted.after == ()
    assert deleted.links_before == (link,)  # the link that went with the span
    project.restore_spans([record])
    restored = heard[-1]
    assert restored.after == (record.span,) and restored.links_after == (link,)
    project.update_document(doc.id, done=True)
    assert heard[-1].kind == ChangeKind.DOCUMENTS_CHANGED and heard[-1].documents == (doc.id,)


def test_a_transaction_is_told_once_after_its_commit(project: Project, heard: list[Change]) -> None:
    doc, _ = project.add_document("Corée", TEXT)
    ids = [add(project, doc.id, p, status="suggested") for p in ("l’ONU", "la Corée du Nord", "la Russie")]
    heard.clear()
    with project.transaction():
        for span_id in ids:
            project.update_span(span_id, status="accepted")
        project.update_span(ids[0], note="vu")
        assert heard == []  # nothing is told before the commit
    [change] = heard
    assert change.kind == ChangeKind.SPANS_UPDATED and set(change.ids) == set(ids)
    first = change.span_pairs()[change.ids.index(ids[0])]
    assert first[0].status == "suggested" and (first[1].status, first[1].note) == ("accepted", "vu")


def test_a_rolled_back_transaction_is_never_told(project: Project, heard: list[Change]) -> None:
    doc, _ = project.add_document("Corée", TEXT)
    span_id = add(project, doc.id, "la Russie")
    heard.clear()
    with pytest.raises(ValidationError), project.transaction():
        project.update_span(span_id, label="transfer")
        raise ValidationError("refused half-way")
    assert heard == []
    assert project.span(span_id).label == "actor"


def test_merging_keeps_the_net_effect_per_span() -> None:
    from annotator.core.model import Span

    def span(sid: str, status: str = "accepted", doc: int = 1) -> Span:
        return Span(
            sid, doc, 0, 3, "actor", "abc", "ana", "", status, "manual", "unreviewed", None, None, None, "t", "t"
        )

    a, b = span("a"), span("b")
    changes = [
        Change(ChangeKind.SPANS_ADDED, 1, ("a",), after=(a,)),
        Change(ChangeKind.SPANS_DELETED, 1, ("a",), before=(a,)),  # added then deleted: nothing to tell
        Change(ChangeKind.SPANS_UPDATED, 1, ("b",), (b,), (span("b", "suggested"),)),
        Change(ChangeKind.SPANS_UPDATED, 1, ("b",), (span("b", "suggested"),), (span("b", "rejected"),)),
        Change(ChangeKind.LABELS_CHANGED),
        Change(ChangeKind.LABELS_CHANGED),
    ]
    merged = merge_changes(changes)
    assert [c.kind for c in merged] == [ChangeKind.SPANS_UPDATED, ChangeKind.LABELS_CHANGED]
    assert merged[0].span_pairs() == [(b, span("b", "rejected"))]
    assert merge_changes([*changes, Change(ChangeKind.RESET)]) == [Change(ChangeKind.RESET)]


def test_a_step_that_adds_deletes_and_updates_is_one_change(project: Project, heard: list[Change]) -> None:
    doc, _ = project.add_document("Corée", TEXT)
    kept, gone = add(project, doc.id, "la Russie"), add(project, doc.id, "l’ONU")
    heard.clear()
    with project.transaction():
        project.update_span(kept, label="transfer")
        project.delete_spans([gone])
        new = add(project, doc.id, "la Corée du Nord")
    [change] = heard
    assert change.kind == ChangeKind.SPANS_CHANGED and change.has_rows
    pairs = {(b.id if b else None, a.id if a else None) for b, a in change.span_pairs()}
    assert pairs == {(kept, kept), (gone, None), (None, new)}
