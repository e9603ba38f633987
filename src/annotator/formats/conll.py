"""CoNLL export: one ``TOKEN TAG`` line per token with IOB2 tags.

Each document starts with ``-DOCSTART- O`` and a blank line; sentences are separated by a blank
line. Tokens and sentences come from ``annotator.core.tokens`` (the same tokens as token-level
agreement). A token is written exactly as it stands in the text. It may hold a no-break or narrow
no-break space (digits joined as in "10 000"), never an ordinary one, so each line has exactly one
U+0020 SPACE, before the tag: split on that character, not on any white space.

Overlapping spans: the longest span wins, ties go to the earliest start (then label, id). A token
takes the first span it overlaps, so a span lying inside a token another span already took has no
line of its own. Every span left out, for either reason, is reported as a warning. The first token
of a span is ``B-label``, the others ``I-label``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from annotator.core.model import Span
from annotator.core.tokens import sentences
from annotator.store.project import Project


def resolve_overlaps(spans: Sequence[Span]) -> tuple[list[Span], list[Span]]:
    """Split spans into those kept (no two overlap) and those dropped: longest first, then earliest."""
    kept: list[Span] = []
    dropped: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start, s.label, s.id)):
        if any(span.start < other.end and other.start < span.end for other in kept):
            dropped.append(span)
        else:
            kept.append(span)
    kept.sort(key=lambda s: s.sort_key)
    dropped.sort(key=lambda s: s.sort_key)
    return kept, dropped


def document_lines(text: str, spans: Sequence[Span]) -> tuple[list[str], list[Span]]:
    """The lines of one document and the spans left out: those overlapping a longer span, and those whose
    every token went to another span (two spans inside one token, "abc|def")."""
    kept, dropped = resolve_overlaps(spans)
    lines = ["-DOCSTART- O", ""]
    owner = _owners(text, kept)
    owning = {span.id for span, _ in owner.values()}
    dropped = sorted([*dropped, *(span for span in kept if span.id not in owning)], key=lambda s: s.sort_key)
    for sentence in sentences(text):
        for start, end in sentence:
            span = owner.get((start, end))
            if span is None:
                tag = "O"
            else:
                span_obj, first = span
                tag = ("B-" if first else "I-") + span_obj.label
            lines.append(f"{text[start:end]} {tag}")
        lines.append("")
    return lines, dropped


def _owners(text: str, spans: Sequence[Span]) -> dict[tuple[int, int], tuple[Span, bool]]:
    """Token → (span it belongs to, whether it is the span's first token in its sentence)."""
    owners: dict[tuple[int, int], tuple[Span, bool]] = {}
    ordered = sorted(spans, key=lambda s: s.start)
    for sentence in sentences(text):
        k = 0
        previous: Span | None = None
        for start, end in sentence:
            while k < len(ordered) and ordered[k].end <= start:
                k += 1
            if k < len(ordered) and ordered[k].start < end:
                span = ordered[k]
                owners[(start, end)] = (span, span is not previous)
                previous = span
            else:
                previous = None
    return owners


def write(project: Project, items: Iterable[Any], out: Path, report: Any) -> None:
    """Write every document's tokens to ``out``; overlapping spans left out are reported."""
    from annotator.exporting import atomic_file, extras, report_left_out

    left_out = {"links": 0, "attributes": 0, "entities": 0}
    with atomic_file(out, "w", encoding="utf-8", newline="\n") as handle:
        for item in items:
            lines, dropped = document_lines(item.document.text, item.spans)
            handle.write("\n".join(lines) + "\n")
            for span in dropped:
                report.warnings.append(
                    f"document {item.document.id} ({item.document.title}): {span.label} “{span.text}” "
                    f"{span.start}–{span.end} overlaps a span kept there (longer, or as long and earlier) "
                    "or shares its only tokens with one: left out of conll"
                )
            for key, n in extras(item).items():
                left_out[key] += n
    report_left_out(report, "conll", **left_out)
