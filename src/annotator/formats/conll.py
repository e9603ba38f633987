"""CoNLL export: one ``TOKEN TAG`` line per token with IOB2 tags.

Each document starts with ``-DOCSTART- O`` and a blank line; sentences are separated by a blank
line. Tokens and sentences come from ``annotator.core.tokens`` (the same tokens as token-level
agreement). A token is written exactly as it stands in the text. It may hold a no-break or narrow
no-break space (digits joined as in "10 000"), never an ordinary one, so each line has exactly one
U+0020 SPACE, before the tag: split on that character, not on any white space.

Overlapping spans: the longest span wins, ties go to the earliest start (then label, id). A token
takes the first span it overlaps, so a span lying inside a token another span already took has no
line of its own. Every span left out, for either reason, is reported as a warning. The first token
of a span is ``B-label``, the others ``I-label``; a label's spaces (and any other white space) are written as
``_`` there, since a tag is one field of a space-separated line (said once in the report).

No sentence break falls inside a span (a name with initials, "J. K. Rowling", or one across a line
break stays one entity). A span whose ends fall inside a token is written over the whole token
("PWS" in "PWS-affected"): such spans are counted in one warning per kind and named one by one in
the report's details (``--verbose``); the export's span count is the number of entities written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import Span
from annotator.core.tokens import sentences
from annotator.formats.base import DocumentExport, ExportReport, atomic_file, extras, report_left_out
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


@dataclass(slots=True)
class DocumentConll:
    """One document as CoNLL lines, with every span the lines do not hold exactly.

    ``dropped``: spans with no line of their own (an overlap lost, or every token taken by another span).
    ``widened``: spans written over more than they cover (part of a token: "PWS" in "PWS-affected"), with
    the (start, end) written. ``trimmed``: spans that lost a token they share with an earlier span, with
    the (start, end) written. ``split``: spans written as more than one entity (none, since sentences
    never break inside a span; checked all the same).
    """

    lines: list[str]
    dropped: list[Span] = field(default_factory=list)
    widened: list[tuple[Span, int, int]] = field(default_factory=list)
    trimmed: list[tuple[Span, int, int]] = field(default_factory=list)
    split: list[Span] = field(default_factory=list)


def conll_tag_label(label: str) -> str:
    """A label as it stands in a tag: one field, so each run of white space becomes ``_``."""
    return re.sub(r"\s+", "_", label)


def document_conll(text: str, spans: Sequence[Span]) -> DocumentConll:
    """The CoNLL lines of one document and what they could not hold exactly (see ``DocumentConll``)."""
    kept, dropped = resolve_overlaps(spans)
    # No sentence breaks inside a kept span: "J. K. Rowling" stays one entity, not three.
    sentence_list = sentences(text, unbroken=[(span.start, span.end) for span in kept])
    owner = _owners(sentence_list, kept)
    result = DocumentConll(["-DOCSTART- O", ""])
    extent: dict[str, list[int]] = {}  # span id → [first token start, last token end, entities written]
    for sentence in sentence_list:
        for start, end in sentence:
            owned = owner.get((start, end))
            if owned is None:
                tag = "O"
            else:
                span, first = owned
                tag = ("B-" if first else "I-") + conll_tag_label(span.label)
                seen = extent.setdefault(span.id, [start, end, 0])
                seen[1] = end
                seen[2] += first
            result.lines.append(f"{text[start:end]} {tag}")
        result.lines.append("")
    for span in kept:
        if span.id not in extent:
            dropped.append(span)
            continue
        written_start, written_end, entities = extent[span.id]
        if entities > 1:
            result.split.append(span)
        if (written_start, written_end) == (span.start, span.end):
            continue
        if written_start <= span.start and written_end >= span.end:
            result.widened.append((span, written_start, written_end))
        else:
            result.trimmed.append((span, written_start, written_end))
    result.dropped = sorted(dropped, key=lambda s: s.sort_key)
    return result


def document_lines(text: str, spans: Sequence[Span]) -> tuple[list[str], list[Span]]:
    """The lines of one document and the spans left out: those overlapping a longer span, and those whose
    every token went to another span (two spans inside one token, "abc|def")."""
    result = document_conll(text, spans)
    return result.lines, result.dropped


def _owners(
    sentence_list: Sequence[Sequence[tuple[int, int]]], spans: Sequence[Span]
) -> dict[tuple[int, int], tuple[Span, bool]]:
    """Token → (span it belongs to, whether it is the span's first token in its sentence)."""
    owners: dict[tuple[int, int], tuple[Span, bool]] = {}
    ordered = sorted(spans, key=lambda s: s.start)
    k = 0
    for sentence in sentence_list:
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


def write(project: Project, items: Iterable[DocumentExport], out: Path, report: ExportReport) -> None:
    """Write every document's tokens to ``out``. Spans left out are reported one by one; spans written
    wider or narrower than they are, or split, are counted in one warning per kind, each named in
    ``report.details``. ``report.spans`` counts the entities written."""

    left_out = {"links": 0, "attributes": 0, "entities": 0}
    changed: dict[str, list[str]] = {"widened": [], "trimmed": [], "split": []}
    with atomic_file(out, "w", encoding="utf-8", newline="\n") as handle:
        for item in items:
            text = item.document.text
            result = document_conll(text, item.spans)
            handle.write("\n".join(result.lines) + "\n")
            where = f"document {item.document.id} ({item.document.title})"
            for span in result.dropped:
                report.warnings.append(
                    f"{where}: {span.label} “{span.text}” "
                    f"{span.start}–{span.end} overlaps a span kept there (longer, or as long and earlier) "
                    "or shares its only tokens with one: left out of conll"
                )
            report.spans -= len(result.dropped)  # the summary counts what was written
            for kind, entries in (("widened", result.widened), ("trimmed", result.trimmed)):
                for span, start, end in entries:
                    changed[kind].append(
                        f"{where}: {span.label} “{span.text}” {span.start}–{span.end} written as "
                        f"“{text[start:end]}” {start}–{end}"
                    )
            for span in result.split:
                changed["split"].append(
                    f"{where}: {span.label} “{span.text}” {span.start}–{span.end} written as several entities"
                )
            for key, n in extras(item).items():
                left_out[key] += n
    reasons = {
        "widened": "widened to whole tokens (they cover part of a token)",
        "trimmed": "written without a token they share with an earlier span",
        "split": "split into several entities",
    }
    spaced = sorted({lab.name for lab in project.labels() if conll_tag_label(lab.name) != lab.name})
    if spaced:
        report.warnings.append(
            "conll tags are one field: " + ", ".join(f"“{name}” written as {conll_tag_label(name)}" for name in spaced)
        )
    for kind, lines in changed.items():
        if lines:
            report.warnings.append(
                f"conll: {len(lines)} span{'s' * (len(lines) != 1)} {reasons[kind]}: "
                + (lines[0] if len(lines) == 1 else "each is named in the export's details (--verbose)")
            )
            report.details.extend(f"{kind}: {entry}" for entry in lines)
    report_left_out(report, "conll", **left_out)
