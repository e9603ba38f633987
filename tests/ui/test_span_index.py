"""The reader's span index reads a long document's spans by range, on demand, and stays exact.

``DocumentSpans`` imports no Qt: these tests drive it with a real project file only, against the
stored rows as the truth.
"""

from __future__ import annotations

import random
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.raw_sql import raw_connection

from annotator.core.intervals import LONG_THRESHOLD, IntervalIndex
from annotator.core.model import Span
from annotator.store.errors import StoreError
from annotator.store.project import Change, ChangeKind, Project
from annotator.ui.span_index import CHUNK, FIRST_CHUNKS, DocumentSpans

SENTENCE = "la Corée du Nord a fourni à la Russie des munitions d’artillerie selon les experts"
WORDS = SENTENCE.split(" ")


def long_text(length: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < length:
        word = rng.choice(WORDS)
        parts.append(word)
        size += len(word) + 1
    return " ".join(parts)[:length]


def make_spans(doc_id: int, text: str, ranges: list[tuple[int, int]], status: str = "accepted") -> list[Span]:
    return [
        Span(
            id=str(uuid.uuid4()),
            document_id=doc_id,
            start=s,
            end=e,
            label="actor",
            text=text[s:e],
            annotator="gold",
            status=status,
        )
        for s, e in ranges
    ]


def stored_touching(project: Project, doc_id: int, start: int, end: int) -> list[str]:
    end = max(end, start + 1)
    rows = raw_connection(project).execute(
        "SELECT id FROM annotations WHERE document_id = ? AND start < ? AND \"end\" > ? AND status != 'rejected'"
        ' ORDER BY start, "end", id',
        (doc_id, end, start),
    )
    return [row[0] for row in rows]


@pytest.fixture
def long_doc(project: Project) -> tuple[int, str]:
    text = long_text(CHUNK * 8 + 123)
    doc, _ = project.add_document("Long", text)
    rng = random.Random(5)
    ranges = []
    for _ in range(1_500):
        start = rng.randrange(0, len(text) - 40)
        ranges.append((start, start + rng.randint(1, 40)))
    # Across every chunk boundary, and long spans reaching far back.
    ranges += [(k * CHUNK - 5, k * CHUNK + 5) for k in range(1, 8)]
    ranges += [(CHUNK // 2, CHUNK * 6), (10, 10 + LONG_THRESHOLD + 1), (CHUNK * 3 - LONG_THRESHOLD, CHUNK * 3 + 1)]
    project.add_spans(make_spans(doc.id, text, ranges))
    project.add_spans(make_spans(doc.id, text, [(100, 110), (CHUNK * 5, CHUNK * 5 + 9)], status="rejected"))
    return doc.id, text


def test_opening_reads_the_top_and_the_long_spans_only(project: Project, long_doc) -> None:
    doc_id, text = long_doc
    spans = DocumentSpans(project, doc_id, length=len(text))
    assert not spans.complete
    total = len(stored_touching(project, doc_id, 0, len(text)))
    assert 0 < len(spans) < total / 2
    assert spans.chunk_reads == 1  # the first chunks in one query
    # The long span reaching chunk 5 is known without reading chunk 5.
    assert any(info.end == CHUNK * 6 for info in spans.touching(CHUNK * 2 - 3, CHUNK * 2 - 2))


def test_every_look_up_is_exact_wherever_it_lands(project: Project, long_doc) -> None:
    doc_id, text = long_doc
    rng = random.Random(11)
    # Fresh each time at chunk boundaries, so that no earlier read hides a missing one.
    for k in range(FIRST_CHUNKS, 9):
        for start, end in ((k * CHUNK, k * CHUNK + 1), (k * CHUNK + 3, k * CHUNK + 4), (k * CHUNK - 1, k * CHUNK)):
            fresh = DocumentSpans(project, doc_id, length=len(text))
            got = [info.id for info in fresh.touching(start, end)]
            assert got == stored_touching(project, doc_id, start, end), (start, end)
    spans = DocumentSpans(project, doc_id, length=len(text))
    probes = [(s, s + rng.randint(0, 3000)) for s in (rng.randrange(len(text)) for _ in range(60))]
    for start, end in probes:
        assert [info.id for info in spans.touching(start, end)] == stored_touching(project, doc_id, start, end)


def test_a_chunk_is_read_once_and_the_rest_completes_in_steps(project: Project, long_doc) -> None:
    doc_id, text = long_doc
    spans = DocumentSpans(project, doc_id, length=len(text))
    spans.touching(CHUNK * 4 + 10, CHUNK * 4 + 20)
    reads = spans.chunk_reads
    spans.touching(CHUNK * 4 + 100, CHUNK * 4 + 200)
    assert spans.chunk_reads == reads
    steps = 0
    while not spans.load_more(budget_ms=0):
        steps += 1
    assert steps >= 1
    assert len(spans) == len(stored_touching(project, doc_id, 0, len(text)))
    assert [k for _, _, k in spans.index] == stored_touching(project, doc_id, 0, len(text))


def test_changes_in_read_and_unread_chunks(project: Project, long_doc) -> None:
    doc_id, text = long_doc
    spans = DocumentSpans(project, doc_id, length=len(text))
    # Added where nothing was read yet: the chunk is read, the new span with it.
    far = project.add_span(doc_id, CHUNK * 7 + 50, CHUNK * 7 + 60, "quantity", annotator="a")
    dirty = spans.apply(Change(ChangeKind.SPANS_ADDED, doc_id, (far.id,)))
    assert dirty == [(far.start, far.end)] and spans.get(far.id) is not None
    # Moved from the read top into an unread chunk, then back.
    near = project.add_span(doc_id, 200, 210, "quantity", annotator="a")
    spans.apply(Change(ChangeKind.SPANS_ADDED, doc_id, (near.id,)))
    assert spans.get(near.id) is not None
    project.update_span(near.id, start=CHUNK * 6 + 1, end=CHUNK * 6 + 11)
    spans.apply(Change(ChangeKind.SPANS_UPDATED, doc_id, (near.id,)))
    assert spans.get(near.id) is not None and spans.get(near.id).start == CHUNK * 6 + 1
    project.update_span(near.id, status="rejected")
    spans.apply(Change(ChangeKind.SPANS_UPDATED, doc_id, (near.id,)))
    assert spans.get(near.id) is None
    project.delete_span(far.id)
    spans.apply(Change(ChangeKind.SPANS_DELETED, doc_id, (far.id,)))
    assert spans.get(far.id) is None
    spans.ensure_complete()
    assert [k for _, _, k in spans.index] == stored_touching(project, doc_id, 0, len(text))
    assert len(spans) == len(spans.index)


def test_an_external_change_drops_everything_and_reads_by_range_again(project: Project, long_doc) -> None:
    doc_id, text = long_doc
    spans = DocumentSpans(project, doc_id, length=len(text))
    spans.ensure_complete()
    generation = spans.generation
    assert spans.apply(Change(ChangeKind.EXTERNAL)) is None
    assert spans.generation > generation and not spans.complete
    assert [i.id for i in spans.touching(CHUNK * 5, CHUNK * 5 + 99)] == stored_touching(
        project, doc_id, CHUNK * 5, CHUNK * 5 + 99
    )


def test_a_short_document_is_read_whole_at_open(project: Project) -> None:
    text = long_text(CHUNK * FIRST_CHUNKS - 1)
    doc, _ = project.add_document("Court", text)
    project.add_spans(make_spans(doc.id, text, [(0, 5), (len(text) - 5, len(text))]))
    spans = DocumentSpans(project, doc.id, length=len(text))
    assert spans.complete and len(spans) == 2


def test_reading_a_closed_project_is_a_store_error(db_path) -> None:
    project = Project(db_path)
    text = long_text(CHUNK * 4)
    doc, _ = project.add_document("Long", text)
    spans = DocumentSpans(project, doc.id, length=len(text))
    project.close()
    with pytest.raises(StoreError):
        spans.touching(CHUNK * 3, CHUNK * 3 + 10)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 400), st.integers(1, 60)), max_size=80),
    st.lists(st.tuples(st.integers(0, 400), st.integers(1, 30)), max_size=80),
    st.integers(0, 460),
    st.integers(0, 80),
)
def test_extend_matches_adding_one_by_one(first, more, query_start: int, query_length: int) -> None:
    one_by_one = IntervalIndex(long_threshold=25)
    merged = IntervalIndex(long_threshold=25)
    initial = [(s, s + n, f"a{i}") for i, (s, n) in enumerate(first)]
    extra = [(s, s + n, f"b{i}") for i, (s, n) in enumerate(more)]
    merged.reset(initial)
    merged.extend(extra)
    for start, end, key in initial + extra:
        one_by_one.add(start, end, key)
    query = (query_start, query_start + query_length)
    assert merged.overlapping(*query) == one_by_one.overlapping(*query)
    assert list(merged) == list(one_by_one) and len(merged) == len(one_by_one)
    # Keys already present fall back to moves.
    merged.extend([(0, 3, key) for _, _, key in extra[:40]])
    assert all(merged.range_of(key) == (0, 3) for _, _, key in extra[:40])
