"""An interval index over half-open ranges [start, end), keyed by a string (a span id).

Built for the reader: ask "which ranges touch [a, b)?" for the few blocks on screen, many times a
second, over documents with tens of thousands of spans, while single ranges come and go.

Short ranges sit in one list sorted by (start, end, key); a query bisects to the first start that
could still reach ``a`` (``a - longest short length``) and scans forward to ``b``. Ranges longer than
``long_threshold`` are kept apart in a small dict and checked one by one, so one paragraph-long span
does not widen every look-up. Building from sorted rows is two list comprehensions; adding or removing
one range is a bisect plus a list insert.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

LONG_THRESHOLD = 2000


class IntervalIndex:
    """Ranges [start, end) with unique keys; overlap queries cost O(log n + answers)."""

    __slots__ = ("_entries", "_long", "_max_short", "_ranges", "_starts", "long_threshold")

    def __init__(self, ranges: Iterable[tuple[int, int, str]] = (), long_threshold: int = LONG_THRESHOLD) -> None:
        self.long_threshold = long_threshold
        self._ranges: dict[str, tuple[int, int]] = {}
        self._long: dict[str, tuple[int, int]] = {}
        self._entries: list[tuple[int, int, str]] = []
        self._starts: list[int] = []
        self._max_short = 0
        self.reset(ranges)

    def reset(self, ranges: Iterable[tuple[int, int, str]]) -> None:
        """Replace the content with ``ranges`` (start, end, key)."""
        rows = list(ranges)
        self._ranges = {key: (start, end) for start, end, key in rows}
        limit = self.long_threshold
        self._long = {key: (start, end) for start, end, key in rows if end - start > limit}
        short = [(start, end, key) for start, end, key in rows if end - start <= limit]
        if len(self._ranges) != len(rows):  # a key given twice: the last one wins
            short = [(s, e, k) for k, (s, e) in self._ranges.items() if e - s <= limit]
        short.sort()
        self._entries = short
        self._starts = [entry[0] for entry in short]
        self._max_short = max((e - s for s, e, _ in short), default=0)

    def extend(self, ranges: Iterable[tuple[int, int, str]]) -> None:
        """Add many ranges at once (a merge of two sorted runs, not one list insert per range)."""
        rows = list(ranges)
        if len(rows) < 32 or any(key in self._ranges for _, _, key in rows):
            for start, end, key in rows:
                self.add(start, end, key)
            return
        limit = self.long_threshold
        short: list[tuple[int, int, str]] = []
        for start, end, key in rows:
            self._ranges[key] = (start, end)
            if end - start > limit:
                self._long[key] = (start, end)
            else:
                short.append((start, end, key))
        if not short:
            return
        short.sort()
        entries = self._entries
        at = bisect_left(entries, short[0])
        if at == len(entries) or short[-1] < entries[at]:
            # The new ranges fall between two existing ones (a stretch of text read at once): one slice
            # insertion, done in C, instead of sorting everything again.
            entries[at:at] = short
            self._starts[at:at] = [entry[0] for entry in short]
        else:
            # Interleaved: Timsort finds the two sorted runs and merges them in linear time.
            merged = entries + short
            merged.sort()
            self._entries = merged
            self._starts = [entry[0] for entry in merged]
        self._max_short = max(self._max_short, max(e - s for s, e, _ in short))

    def __len__(self) -> int:
        return len(self._ranges)

    def __contains__(self, key: object) -> bool:
        return key in self._ranges

    def range_of(self, key: str) -> tuple[int, int] | None:
        """The (start, end) stored under ``key``, if any."""
        return self._ranges.get(key)

    def add(self, start: int, end: int, key: str) -> None:
        """Add (or move) the range under ``key``."""
        if key in self._ranges:
            self.remove(key)
        self._ranges[key] = (start, end)
        if end - start > self.long_threshold:
            self._long[key] = (start, end)
            return
        entry = (start, end, key)
        index = bisect_left(self._entries, entry)
        self._entries.insert(index, entry)
        self._starts.insert(index, start)
        self._max_short = max(self._max_short, end - start)

    def remove(self, key: str) -> tuple[int, int] | None:
        """Remove the range under ``key``; returns it (None if there was none)."""
        found = self._ranges.pop(key, None)
        if found is None:
            return None
        if self._long.pop(key, None) is None:
            entry = (found[0], found[1], key)
            index = bisect_left(self._entries, entry)
            if index < len(self._entries) and self._entries[index] == entry:
                del self._entries[index]
                del self._starts[index]
        # _max_short only ever shrinks on reset: a stale, larger bound costs a little scanning, never a miss.
        return found

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Ranges that share at least one position with [start, end) (or contain ``start`` if empty), sorted."""
        if end <= start:
            end = start + 1
        lo = bisect_left(self._starts, start - self._max_short)
        hi = bisect_left(self._starts, end)
        entries = self._entries
        found = [entries[i] for i in range(lo, hi) if entries[i][1] > start]
        if self._long:
            found.extend((s, e, k) for k, (s, e) in self._long.items() if s < end and e > start)
            found.sort()
        return found

    def at(self, position: int) -> list[tuple[int, int, str]]:
        """Ranges that contain ``position``."""
        return self.overlapping(position, position + 1)

    def first_starting_at_or_after(self, position: int) -> tuple[int, int, str] | None:
        """The range with the smallest (start, end, key) whose start is >= ``position``."""
        best: tuple[int, int, str] | None = None
        index = bisect_left(self._starts, position)
        if index < len(self._entries):
            best = self._entries[index]
        for key, (s, e) in self._long.items():
            if s >= position and (best is None or (s, e, key) < best):
                best = (s, e, key)
        return best

    def next_after(self, entry: tuple[int, int, str]) -> tuple[int, int, str] | None:
        """The range right after ``entry`` in (start, end, key) order."""
        index = bisect_right(self._entries, entry)
        best = self._entries[index] if index < len(self._entries) else None
        for key, (s, e) in self._long.items():
            candidate = (s, e, key)
            if candidate > entry and (best is None or candidate < best):
                best = candidate
        return best

    def previous_before(self, entry: tuple[int, int, str]) -> tuple[int, int, str] | None:
        """The range right before ``entry`` in (start, end, key) order."""
        index = bisect_left(self._entries, entry)
        best = self._entries[index - 1] if index > 0 else None
        for key, (s, e) in self._long.items():
            candidate = (s, e, key)
            if candidate < entry and (best is None or candidate > best):
                best = candidate
        return best

    def __iter__(self) -> Iterator[tuple[int, int, str]]:
        """Every range in (start, end, key) order."""
        if not self._long:
            return iter(list(self._entries))
        return iter(sorted(self._entries + [(s, e, k) for k, (s, e) in self._long.items()]))
