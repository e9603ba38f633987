"""The virtual span table stays equal to the file through any sequence of changes told as deltas."""

from __future__ import annotations

import random
import re

import pytest

from annotator.store.project import Change, ChangeKind, Project
from annotator.ui.models import AnnotationTableModel, SpanIdRole

TEXT = " ".join(f"mot{n} la Corée du Nord" for n in range(400)) + ".\n"
LABELS = ("actor", "transfer", "quantity", "assessment")


class SmallPages(AnnotationTableModel):
    PAGE = 8  # many pages, so that inserts, removals, moves and splits cross them
    CACHED_PAGES = 3
    BULK = 40
    COUNTED = 4


def listed(project: Project, doc_id: int, annotator: str | None = None) -> list[str]:
    return [
        s.id
        for s in project.spans(doc_id)
        if s.status != "rejected" and (annotator is None or s.annotator == annotator)
    ]


def rows(model: AnnotationTableModel) -> list[str]:
    return [model.index(r, 0).data(SpanIdRole) for r in range(model.rowCount())]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("annotator", [None, "ana"])
def test_random_changes_keep_the_table_equal_to_the_file(qtbot, project: Project, seed: int, annotator) -> None:
    rng = random.Random(seed)
    doc, _ = project.add_document("Long", TEXT)
    words = [m.span() for m in re.finditer(r"\w+", TEXT)]
    model = SmallPages(project)
    project.add_listener(model.on_change)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    for _ in range(60):
        a, b = rng.choice(words)
        project.add_span(doc.id, a, b, rng.choice(LABELS), annotator=rng.choice(["ana", "ben"]))
    model.set_annotator_filter(annotator)
    model.set_document(doc.id)
    assert rows(model) == listed(project, doc.id, annotator)
    resets.clear()
    for _step in range(120):
        ids = [s.id for s in project.spans(doc.id)]
        action = rng.random()
        if action < 0.3 or not ids:
            a, b = rng.choice(words)
            project.add_span(doc.id, a, b, rng.choice(LABELS), annotator=rng.choice(["ana", "ben"]))
        elif action < 0.45:
            project.delete_spans(rng.sample(ids, min(len(ids), rng.randint(1, 3))))
        elif action < 0.6:
            project.update_span(rng.choice(ids), label=rng.choice(LABELS))
        elif action < 0.7:
            a, b = rng.choice(words)
            project.update_span(rng.choice(ids), start=a, end=b)
        elif action < 0.8:
            project.update_span(rng.choice(ids), status=rng.choice(["accepted", "suggested", "rejected"]))
        elif action < 0.9:
            # A macro step: several edits told as one change.
            with project.transaction():
                for span_id in rng.sample(ids, min(len(ids), rng.randint(2, 12))):
                    if rng.random() < 0.5:
                        project.update_span(span_id, label=rng.choice(LABELS))
                    else:
                        project.update_span(span_id, status=rng.choice(["accepted", "suggested", "rejected"]))
                a, b = rng.choice(words)
                project.add_span(doc.id, a, b, rng.choice(LABELS), annotator="ana")
        else:
            with project.transaction():
                for _ in range(rng.randint(2, 8)):
                    a, b = rng.choice(words)
                    project.add_span(doc.id, a, b, rng.choice(LABELS), annotator=rng.choice(["ana", "ben"]))
        model._pages.popitem(last=False) if model._pages and rng.random() < 0.3 else None
        assert rows(model) == listed(project, doc.id, annotator)
        assert model.rowCount() == len(listed(project, doc.id, annotator))
    assert not resets or len(resets) < 10  # deltas, not reloads


def test_a_change_without_rows_reads_the_document_again(qtbot, project: Project) -> None:
    doc, _ = project.add_document("Long", TEXT)
    model = AnnotationTableModel(project)
    model.set_document(doc.id)
    project.add_span(doc.id, 0, 4, "actor", annotator="ana")
    with qtbot.waitSignal(model.modelReset):
        model.on_change(Change(ChangeKind.SPANS_ADDED, doc.id))
    assert rows(model) == listed(project, doc.id)
