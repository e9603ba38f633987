"""Property and fuzz tests (hypothesis): offsets, snapping, importers, and import → tag → export → import."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotator.core.model import ValidationError
from annotator.core.offsets import Utf16Map, snap_to_words, trim_whitespace
from annotator.formats.documents import DOCUMENT_SUFFIXES, DocumentError, read_document
from annotator.services.importing import import_paths
from annotator.store.project import Project
from tests.raw_sql import raw_connection

SPECIAL = [
    "\u00a0",  # no-break space
    "\u202f",  # narrow no-break space
    "\r\n",
    "\r",
    "\n",
    "’",
    "e\u0301",  # e + combining acute
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",  # Arabic (right to left)
    "\u05e2\u05d1\u05e8\u05d9\u05ea",  # Hebrew
    "\u200f",  # right-to-left mark
    "😀",
    "🇰🇵",  # two regional indicators
    "👩\u200d🔬",  # ZWJ sequence
    "𝔸",  # mathematical letter outside the BMP
    "\U00020000",  # CJK extension B
    "Corée",
    "10\u00a0000",
    "l’ONU",
    " ",
    "\t",
]

characters = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"))
pieces = st.one_of(st.sampled_from(SPECIAL), st.text(characters, min_size=1, max_size=6))
unicode_text = st.lists(pieces, min_size=1, max_size=40).map("".join)
FAST = settings(max_examples=200, deadline=None)
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextlib.contextmanager
def fresh_project() -> Iterator[tuple[Project, Path]]:
    with tempfile.TemporaryDirectory() as folder, Project(Path(folder) / "p.db") as project:
        yield project, Path(folder)


# -- offsets -----------------------------------------------------------------------------------------------


@FAST
@given(unicode_text)
def test_utf16_map_conversions_are_inverse(text: str) -> None:
    table = Utf16Map(text)
    assert table.length_utf16 == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        u16 = table.to_utf16(cp)
        assert u16 == len(text[:cp].encode("utf-16-le")) // 2
        assert table.to_codepoint(u16) == cp
    for u16 in range(table.length_utf16 + 1):
        cp = table.to_codepoint(u16)
        assert 0 <= cp <= len(text)
        assert table.to_utf16(cp) in (u16, u16 - 1)  # inside a surrogate pair: moved to its start


@FAST
@given(unicode_text, st.data())
def test_utf16_ranges_round_trip(text: str, data: st.DataObject) -> None:
    table = Utf16Map(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert table.range_to_codepoints(*table.range_to_utf16(start, end)) == (start, end)
    # Any UTF-16 selection maps to a range that never splits a character and covers the selection.
    a = data.draw(st.integers(0, table.length_utf16))
    b = data.draw(st.integers(a, table.length_utf16))
    cs, ce = table.range_to_codepoints(a, b)
    assert 0 <= cs <= ce <= len(text)
    assert table.to_utf16(cs) <= a and table.to_utf16(ce) >= b


@FAST
@given(unicode_text, st.integers(-5, 300), st.integers(-5, 300))
def test_snap_to_words_stays_inside_the_text(text: str, start: int, end: int) -> None:
    s, e = snap_to_words(text, start, end)
    assert 0 <= s <= e <= len(text)
    if s < e:
        assert not text[s].isspace() and not text[e - 1].isspace()
        lo = max(0, min(start, len(text)))
        hi = max(lo, min(end, len(text)))
        ts, te = trim_whitespace(text, lo, hi)
        assert s <= ts and te <= e  # it only grows the trimmed selection


# -- importers fed malformed input -------------------------------------------------------------------------


@SLOW
@given(st.binary(max_size=3000), st.sampled_from(DOCUMENT_SUFFIXES))
def test_document_importers_fail_clearly_and_write_nothing(data: bytes, suffix: str) -> None:
    with fresh_project() as (project, folder):
        path = folder / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            document = read_document(path)
        except DocumentError as exc:
            assert str(exc).startswith(f"fuzz{suffix}: ")
            report = import_paths(project, [path])
            assert report.skipped and report.new_documents == 0
            assert project.documents() == []
            assert raw_connection(project).execute("SELECT count(*) FROM document_sources").fetchone()[0] == 0
        else:
            assert document.text.strip() and "\r" not in document.text
            assert import_paths(project, [path]).new_documents == 1


def _mangle(lines: list[str], data: st.DataObject) -> str:
    choice = data.draw(st.integers(0, 6))
    if choice == 0:
        return "\n".join(lines)[: data.draw(st.integers(0, max(0, len("\n".join(lines)) - 1)))]
    if choice == 1:
        return "\n".join(lines) + "\n{not json"
    if choice == 2:
        return '{"text": "abc", "label": [[0, 99, "actor"]]}\n'
    if choice == 3:
        return '{"text": "abc", "label": [[2, 1, "actor"]]}\n'
    if choice == 4:
        return '{"text": "", "label": []}\n'
    if choice == 5:
        return data.draw(st.text(max_size=200))
    return '{"text": 5, "label": "x"}\n[1, 2]\n'


@SLOW
@given(st.data())
def test_set_importer_fails_clearly_and_writes_nothing(data: st.DataObject) -> None:
    from annotator.services import merging as sets

    with fresh_project() as (project, folder):
        project.add_document("Existing", "Un texte déjà là.\n")
        before = (project.document_ids(), project.spans(), project.labels())
        path = folder / "fuzz.jsonl"
        path.write_text(_mangle(['{"text": "Corée", "label": [[0, 5, "actor"]]}'], data), encoding="utf-8")
        try:
            sets.import_set(project, path, annotator="fuzzer")
        except (ValidationError, DocumentError) as exc:
            assert str(exc)
            assert (project.document_ids(), project.spans(), project.labels()) == before


# -- import → tag → export → import ------------------------------------------------------------------------


def _spans_for(text: str, data: st.DataObject) -> list[tuple[int, int, str]]:
    spans = []
    labels = ["actor", "transfer", "quantity", "assessment"]
    for _ in range(data.draw(st.integers(0, 6))):
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, min(len(text), start + 30)))
        spans.append((start, end, data.draw(st.sampled_from(labels))))
    return spans


@SLOW
@given(unicode_text, st.data())
def test_import_tag_export_import_round_trips_exactly(raw: str, data: st.DataObject) -> None:
    from annotator.services import exporting
    from annotator.services import merging as sets

    assume(raw.strip())
    with fresh_project() as (project, folder):
        source = folder / "article.txt"
        source.write_bytes(raw.encode("utf-8"))
        report = import_paths(project, [source])
        assert report.new_documents == 1, report.skipped
        doc_id = report.documents[0][0]
        text = project.document_text(doc_id)
        assert text == raw.replace("\r\n", "\n").replace("\r", "\n")
        for start, end, label in _spans_for(text, data):
            project.add_span(doc_id, start, end, label, annotator="alice", note=text[start:end])
        out = folder / "set.jsonl"
        exporting.export_project(project, "jsonl", out, statuses=None)
        with Project(folder / "copy.db") as copy:
            sets.import_set(copy, out)
            assert copy.document_text(1) == text

            def key(s):
                return (s.start, s.end, s.label, s.text, s.annotator, s.note, s.status, s.id)

            assert [key(s) for s in copy.spans()] == [key(s) for s in project.spans()]
            again = folder / "again.jsonl"
            exporting.export_project(copy, "jsonl", again, statuses=None)
            assert again.read_bytes() == out.read_bytes()
