"""Random sequences of edits against a model: the store always agrees with it and with its own invariants."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule

from annotator.core.model import ValidationError
from annotator.store.project import DeletedSpan, Project

TEXT = "Selon l’ONU, la Corée 🇰🇵 du Nord a livré 10\u00a0000 obus à la Russie ; e\u0301 \u05e2\u05d1\u05e8.\n"
LABELS = ["actor", "transfer", "quantity", "assessment"]


class StoreMachine(RuleBasedStateMachine):
    spans = Bundle("spans")
    deleted = Bundle("deleted")

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.project = Project(Path(self.folder.name) / "p.db")
        document, _ = self.project.add_document("Corée", TEXT)
        self.doc_id = int(document.id or 0)
        self.model: dict[str, tuple[int, int, str, str]] = {}
        self.retired: set[str] = set()

    def teardown(self) -> None:
        self.project.close()
        self.folder.cleanup()

    @rule(target=spans, start=st.integers(-3, len(TEXT) + 3), length=st.integers(-2, 12), label=st.sampled_from(LABELS))
    def add(self, start: int, length: int, label: str):
        end = start + length
        valid = 0 <= start < end <= len(TEXT) and label not in self.retired
        try:
            span = self.project.add_span(self.doc_id, start, end, label, note=TEXT[max(0, start) : max(0, end)])
        except ValidationError:
            assert not valid
            return "missing"
        assert valid
        self.model[span.id] = (start, end, label, TEXT[start:end])
        return span.id

    @rule(span_id=spans, start=st.integers(-1, len(TEXT)), length=st.integers(0, 10))
    def move(self, span_id: str, start: int, length: int) -> None:
        if span_id not in self.model:
            return
        end = start + length
        try:
            self.project.update_span(span_id, start=start, end=end)
        except ValidationError:
            assert not (0 <= start < end <= len(TEXT))
            return
        _, _, label, _ = self.model[span_id]
        self.model[span_id] = (start, end, label, TEXT[start:end])

    @rule(span_id=spans, label=st.sampled_from(LABELS))
    def relabel(self, span_id: str, label: str) -> None:
        if span_id not in self.model:
            return
        start, end, old, covered = self.model[span_id]
        try:
            self.project.update_span(span_id, label=label)
        except ValidationError:
            assert label in self.retired and label != old
            return
        self.model[span_id] = (start, end, label, covered)

    @rule(target=deleted, span_id=consumes(spans))
    def delete(self, span_id: str):
        if span_id not in self.model:
            return "missing"
        record = self.project.delete_span(span_id)
        return (record, self.model.pop(span_id))

    @rule(target=spans, item=consumes(deleted))
    def restore(self, item) -> str:
        if item == "missing":
            return "missing"
        record, values = item
        assert isinstance(record, DeletedSpan)
        self.project.restore_span(record)
        self.model[record.span.id] = values
        return record.span.id

    @rule(label=st.sampled_from(LABELS), retire=st.booleans())
    def retire(self, label: str, retire: bool) -> None:
        self.project.retire_label(label, retired=retire)
        (self.retired.add if retire else self.retired.discard)(label)

    @invariant()
    def store_agrees_with_the_model(self) -> None:
        stored = {s.id: (s.start, s.end, s.label, s.text) for s in self.project.spans()}
        assert stored == self.model

    @invariant()
    def another_connection_sees_the_same_and_every_text_fits(self) -> None:
        with sqlite3.connect(self.project.path) as conn:
            rows = conn.execute('SELECT id, start, "end", label, text FROM annotations').fetchall()
        conn.close()
        assert {r[0]: (r[1], r[2], r[3], r[4]) for r in rows} == self.model
        assert all(TEXT[start:end] == covered for _, start, end, _, covered in rows)


StoreMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
test_store_against_a_model = StoreMachine.TestCase
