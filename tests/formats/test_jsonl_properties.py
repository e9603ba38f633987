"""Property: any project written as jsonl, read into an empty project and written again, gives the same bytes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.services.exporting import export_project
from annotator.services.merging import import_set
from annotator.store.project import Project

ALPHABET = st.sampled_from(list("aé’ \u00a0\u202f\n\t«»-😀🇰🇵xZ1"))
LABELS = ("actor", "transfer", "quantity", "assessment")
STATUSES = ("accepted", "suggested", "rejected")


@st.composite
def corpora(draw) -> list[tuple[str, list[tuple[int, int, str, str, str]]]]:
    documents = []
    texts = draw(st.lists(st.text(ALPHABET, min_size=1, max_size=40), min_size=1, max_size=3, unique=True))
    for text in texts:
        spans = []
        for _ in range(draw(st.integers(0, 4))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            spans.append(
                (
                    start,
                    end,
                    draw(st.sampled_from(LABELS)),
                    draw(st.sampled_from(STATUSES)),
                    draw(st.text(ALPHABET, max_size=5)),
                )
            )
        documents.append((text, spans))
    return documents


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora())
def test_export_import_export_is_byte_identical(corpus) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Project(root / "a.db") as source:
            for n, (text, spans) in enumerate(corpus):
                document, _ = source.add_document(f"doc {n}", text, metadata={"n": n, "mot": "été"})
                for start, end, label, status, note in spans:
                    source.add_span(document.id, start, end, label, status=status, note=note, annotator="ann")
            first = root / "first.jsonl"
            export_project(source, "jsonl", first, statuses=None)
        with Project(root / "b.db") as copy:
            import_set(copy, first)
            second = root / "second.jsonl"
            export_project(copy, "jsonl", second, statuses=None)
            assert second.read_bytes() == first.read_bytes()
            report = import_set(copy, first)
            assert report.spans_added == report.spans_updated == 0 and not report.conflicts
