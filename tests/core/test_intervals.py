"""The interval index against a brute-force model, with long and short ranges, adds and removes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.intervals import IntervalIndex


def brute(ranges: dict[str, tuple[int, int]], start: int, end: int) -> list[tuple[int, int, str]]:
    end = max(end, start + 1)
    return sorted((s, e, k) for k, (s, e) in ranges.items() if s < end and e > start)


def test_overlap_at_and_order() -> None:
    index = IntervalIndex([(0, 5, "a"), (3, 8, "b"), (10, 12, "c"), (0, 100, "long")], long_threshold=20)
    assert index.overlapping(4, 5) == [(0, 5, "a"), (0, 100, "long"), (3, 8, "b")]
    assert index.at(9) == [(0, 100, "long")]
    assert index.overlapping(5, 10) == [(0, 100, "long"), (3, 8, "b")]  # half-open: a ends at 5, c starts at 10
    assert list(index) == [(0, 5, "a"), (0, 100, "long"), (3, 8, "b"), (10, 12, "c")]
    assert index.first_starting_at_or_after(1) == (3, 8, "b")
    assert index.next_after((0, 5, "a")) == (0, 100, "long")
    assert index.previous_before((3, 8, "b")) == (0, 100, "long")
    assert index.previous_before((0, 5, "a")) is None
    assert len(index) == 4 and "c" in index and index.range_of("c") == (10, 12)


def test_add_moves_and_remove_forgets() -> None:
    index = IntervalIndex()
    index.add(5, 9, "x")
    index.add(1, 3, "x")  # same key: moved
    assert list(index) == [(1, 3, "x")]
    assert index.remove("x") == (1, 3)
    assert index.remove("x") is None
    assert list(index) == [] and index.overlapping(0, 100) == []


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["add", "remove"]), st.integers(0, 15), st.integers(0, 300), st.integers(1, 60)),
        max_size=60,
    ),
    st.integers(0, 320),
    st.integers(0, 80),
)
def test_matches_a_brute_force_model(ops, query_start: int, query_length: int) -> None:
    index = IntervalIndex(long_threshold=25)
    model: dict[str, tuple[int, int]] = {}
    for op, key_number, start, length in ops:
        key = f"k{key_number}"
        if op == "add":
            index.add(start, start + length, key)
            model[key] = (start, start + length)
        else:
            assert index.remove(key) == model.pop(key, None)
        assert len(index) == len(model)
    assert index.overlapping(query_start, query_start + query_length) == brute(
        model, query_start, query_start + query_length
    )
    assert list(index) == sorted((s, e, k) for k, (s, e) in model.items())
    rebuilt = IntervalIndex(((s, e, k) for k, (s, e) in model.items()), long_threshold=25)
    assert rebuilt.overlapping(query_start, query_start + query_length) == brute(
        model, query_start, query_start + query_length
    )
    ordered = sorted((s, e, k) for k, (s, e) in model.items())
    for i, entry in enumerate(ordered):
        assert index.next_after(entry) == (ordered[i + 1] if i + 1 < len(ordered) else None)
        assert index.previous_before(entry) == (ordered[i - 1] if i else None)
    after = [entry for entry in ordered if entry[0] >= query_start]
    assert index.first_starting_at_or_after(query_start) == (after[0] if after else None)


def test_a_query_on_many_short_spans_looks_at_few() -> None:
    # 50,000 short spans: an overlap query returns only its neighbourhood.
    index = IntervalIndex((i * 20, i * 20 + 10, f"s{i}") for i in range(50_000))
    assert index.overlapping(500_000, 500_100) == [(i * 20, i * 20 + 10, f"s{i}") for i in range(25_000, 25_005)]
