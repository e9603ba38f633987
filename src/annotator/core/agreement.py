"""Inter-annotator agreement: span F1 (exact and overlap), Cohen's kappa and Krippendorff's alpha.

Definitions (pure functions, no store, no Qt):

- Only ``accepted`` spans count; suggestions and rejected spans never do.
- **Exact F1**: a span of A matches a span of B with the same document, start, end and label (one to
  one). **Overlap F1**: one-to-one matching of same-label spans of the same document that share at
  least one character, greedy by largest overlap (ties: the pair with the closer boundaries, then the
  earliest start of A, then of B). With ``m`` matches, ``F1 = 2m / (|A| + |B|)``, micro-averaged:
  overall counts are summed over labels.
- **Tokens** are those of ``annotator.core.tokens.tokenize`` (the CoNLL tokens). Each token takes
  the label of the longest span of the annotator that shares a character with it (ties: earliest
  start, then label name), else ``O``. Per label, only that label's spans are used (``L`` or ``O``).
- **Cohen's kappa** (two annotators): ``(po - pe) / (1 - pe)`` over the tokens.
- **Krippendorff's alpha** (nominal, two or more annotators): ``1 - (n - 1) · Σ_{c≠k} o_ck /
  Σ_{c≠k} n_c·n_k`` from the coincidence matrix of the token values.
- **More than two annotators**: F1 and kappa are computed for each pair; the reported F1 is the mean
  of the pairs' F1 (pairs whose F1 is undefined are left out); kappa is reported per pair only,
  alpha over all annotators at once.

Degenerate cases (``None`` is printed as "–" and written as ``null`` in JSON):

- F1 is undefined (``None``) when neither side has a span: there is nothing to compare. One side
  empty and the other not gives 0.0.
- Kappa and alpha are undefined (``None``) when there is no variation (every token of every
  annotator has the same value, e.g. nobody tagged anything: expected agreement is 1) or no token.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from annotator.core.model import Span
from annotator.core.tokens import tokenize

OUTSIDE = "O"


@dataclass(frozen=True, slots=True)
class SpanCounts:
    """Matched spans and the sizes of both sides."""

    matched: int = 0
    size_a: int = 0
    size_b: int = 0

    @property
    def f1(self) -> float | None:
        """``2m / (|A| + |B|)``; None when both sides are empty."""
        total = self.size_a + self.size_b
        return None if total == 0 else 2 * self.matched / total

    def __add__(self, other: SpanCounts) -> SpanCounts:
        return SpanCounts(self.matched + other.matched, self.size_a + other.size_a, self.size_b + other.size_b)


def _key(span: Span) -> tuple[int, int, int, str]:
    return (span.document_id, span.start, span.end, span.label)


def exact_matches(a: Sequence[Span], b: Sequence[Span]) -> list[tuple[Span, Span]]:
    """Pairs of spans with the same document, start, end and label, one to one."""
    pool: dict[tuple[int, int, int, str], list[Span]] = {}
    for span in sorted(b, key=lambda s: (*_key(s), s.id)):
        pool.setdefault(_key(span), []).append(span)
    pairs = []
    for span in sorted(a, key=lambda s: (*_key(s), s.id)):
        candidates = pool.get(_key(span))
        if candidates:
            pairs.append((span, candidates.pop(0)))
    return pairs


def overlap_matches(a: Sequence[Span], b: Sequence[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs of same-label spans sharing a character, greedy by largest overlap."""
    by_group: dict[tuple[int, str], list[Span]] = {}
    for span in b:
        by_group.setdefault((span.document_id, span.label), []).append(span)
    candidates: list[tuple[int, int, int, int, str, str, Span, Span]] = []
    for x in a:
        for y in by_group.get((x.document_id, x.label), ()):
            shared = min(x.end, y.end) - max(x.start, y.start)
            if shared > 0:
                distance = abs(x.start - y.start) + abs(x.end - y.end)
                candidates.append((-shared, distance, x.start, y.start, x.id, y.id, x, y))
    candidates.sort(key=lambda c: c[:6])
    used_a: set[str] = set()
    used_b: set[str] = set()
    pairs = []
    for *_, x, y in candidates:
        if x.id in used_a or y.id in used_b:
            continue
        used_a.add(x.id)
        used_b.add(y.id)
        pairs.append((x, y))
    return pairs


def span_counts(a: Sequence[Span], b: Sequence[Span], mode: str = "exact") -> SpanCounts:
    """Matches of ``a`` against ``b`` (``mode`` "exact" or "overlap")."""
    match = exact_matches if mode == "exact" else overlap_matches
    return SpanCounts(len(match(a, b)), len(a), len(b))


def token_labels(
    text: str,
    spans: Iterable[Span],
    tokens: Sequence[tuple[int, int]] | None = None,
    starts: Sequence[int] | None = None,
) -> list[str]:
    """The label of each token: the longest span sharing a character with it (ties: earliest start, then
    label name), else ``O``. ``tokens`` and their ``starts`` may be given when already known."""
    tokens = tokenize(text) if tokens is None else tokens
    starts = [t[0] for t in tokens] if starts is None else starts
    best: list[tuple[int, int, str] | None] = [None] * len(tokens)
    for span in spans:
        rank = (-(span.end - span.start), span.start, span.label)
        i = max(0, bisect.bisect_right(starts, span.start) - 1)
        while i < len(tokens) and tokens[i][0] < span.end:
            if tokens[i][1] > span.start:
                current = best[i]
                if current is None or rank < current:
                    best[i] = rank
            i += 1
    return [OUTSIDE if b is None else b[2] for b in best]


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's kappa of two equally long label sequences; None without tokens or without variation."""
    if len(a) != len(b):
        raise ValueError("kappa needs two sequences of the same length")
    n = len(a)
    if n == 0:
        return None
    observed = sum(1 for x, y in zip(a, b, strict=True) if x == y) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[c] * count_b[c] for c in count_a) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Iterable[Sequence[str | None]]) -> float | None:
    """Krippendorff's alpha (nominal) over units, each the values the coders gave it (None: missing).

    Units with fewer than two values are not pairable and are left out. None without pairable values
    or without variation (expected disagreement 0).
    """
    return _alpha(Counter(tuple(v for v in unit if v is not None) for unit in units))


def _alpha(grouped: Mapping[tuple[str, ...], int]) -> float | None:
    """Alpha from units grouped by their values (values tuple → number of such units)."""
    coincidences: defaultdict[tuple[str, str], float] = defaultdict(float)
    for values, times in grouped.items():
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    coincidences[(c, k)] += times * pairs / (m - 1)
    totals: defaultdict[str, float] = defaultdict(float)
    for (c, _k), value in coincidences.items():
        totals[c] += value
    n = sum(totals.values())
    if n <= 1:
        return None
    observed = sum(v for (c, k), v in coincidences.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


@dataclass(frozen=True, slots=True)
class PairScores:
    """Agreement of one pair of annotators on one label (``label`` None: all labels)."""

    annotators: tuple[str, str]
    label: str | None
    exact: SpanCounts
    overlap: SpanCounts
    kappa: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "annotators": list(self.annotators),
            "label": self.label,
            "exact_f1": self.exact.f1,
            "overlap_f1": self.overlap.f1,
            "exact_matches": self.exact.matched,
            "overlap_matches": self.overlap.matched,
            "spans": [self.exact.size_a, self.exact.size_b],
            "kappa": self.kappa,
        }


@dataclass(frozen=True, slots=True)
class LabelAgreement:
    """Agreement of all chosen annotators on one label (``label`` None: overall)."""

    label: str | None
    spans: dict[str, int]
    exact_f1: float | None
    overlap_f1: float | None
    kappa: float | None
    alpha: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "spans": dict(self.spans),
            "exact_f1": self.exact_f1,
            "overlap_f1": self.overlap_f1,
            "kappa": self.kappa,
            "alpha": self.alpha,
        }


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """Per label and overall agreement of a set of annotators over a set of documents."""

    annotators: tuple[str, ...]
    labels: tuple[str, ...]
    documents: tuple[int, ...]
    tokens: int
    overall: LabelAgreement
    per_label: tuple[LabelAgreement, ...]
    pairs: tuple[PairScores, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "annotators": list(self.annotators),
            "labels": list(self.labels),
            "documents": list(self.documents),
            "tokens": self.tokens,
            "overall": self.overall.to_json(),
            "per_label": [row.to_json() for row in self.per_label],
            "pairs": [pair.to_json() for pair in self.pairs],
        }


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def compute_agreement(
    texts: Mapping[int, str],
    spans: Iterable[Span],
    annotators: Sequence[str],
    labels: Sequence[str],
) -> AgreementReport:
    """Agreement of ``annotators`` on ``labels`` over the documents of ``texts`` (id → text).

    Only accepted spans of those annotators, labels and documents are used.
    """
    if len(annotators) < 2:
        raise ValueError("agreement needs at least two annotators")
    wanted_labels = set(labels)
    chosen = set(annotators)
    by_annotator: dict[str, list[Span]] = {name: [] for name in annotators}
    for span in spans:
        if (
            span.status == "accepted"
            and span.annotator in chosen
            and span.label in wanted_labels
            and span.document_id in texts
        ):
            by_annotator[span.annotator].append(span)
    doc_ids = sorted(texts)
    tokens = {doc: tokenize(texts[doc]) for doc in doc_ids}
    starts = {doc: [t[0] for t in tokens[doc]] for doc in doc_ids}

    by_document: dict[tuple[str, int], list[Span]] = {}
    for name, own in by_annotator.items():
        for span in own:
            by_document.setdefault((name, span.document_id), []).append(span)

    def token_sequence(name: str, label: str | None) -> list[str]:
        out: list[str] = []
        for doc in doc_ids:
            mine = [s for s in by_document.get((name, doc), ()) if label is None or s.label == label]
            out.extend(
                token_labels(texts[doc], mine, tokens[doc], starts[doc]) if mine else [OUTSIDE] * len(tokens[doc])
            )
        return out

    def scope(label: str | None) -> tuple[LabelAgreement, list[PairScores]]:
        chosen_spans = {
            name: [s for s in by_annotator[name] if label is None or s.label == label] for name in annotators
        }
        sequences = {name: token_sequence(name, label) for name in annotators}
        pairs = []
        for x, y in combinations(annotators, 2):
            # Matching never crosses labels, so the counts over all spans are the micro-average.
            exact = span_counts(chosen_spans[x], chosen_spans[y])
            overlap = span_counts(chosen_spans[x], chosen_spans[y], "overlap")
            pairs.append(PairScores((x, y), label, exact, overlap, cohen_kappa(sequences[x], sequences[y])))
        alpha = _alpha(Counter(zip(*(sequences[name] for name in annotators), strict=True)))
        row = LabelAgreement(
            label=label,
            spans={name: len(chosen_spans[name]) for name in annotators},
            exact_f1=_mean(p.exact.f1 for p in pairs),
            overlap_f1=_mean(p.overlap.f1 for p in pairs),
            kappa=pairs[0].kappa if len(annotators) == 2 else None,
            alpha=alpha,
        )
        return row, pairs

    per_label = []
    all_pairs: list[PairScores] = []
    for label in labels:
        row, pairs = scope(label)
        per_label.append(row)
        all_pairs.extend(pairs)
    overall, pairs = scope(None)
    all_pairs.extend(pairs)
    return AgreementReport(
        annotators=tuple(annotators),
        labels=tuple(labels),
        documents=tuple(doc_ids),
        tokens=sum(len(t) for t in tokens.values()),
        overall=overall,
        per_label=tuple(per_label),
        pairs=tuple(all_pairs),
    )


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A place where the annotators' versions differ: overlapping spans of one document.

    ``versions`` maps each annotator to their spans in ``[start, end)`` (an empty tuple: nothing there).
    ``kind``: "missing" (someone has nothing there), "label" (same offsets, other labels), "boundary"
    (same labels, other offsets) or "mixed".
    """

    document_id: int
    start: int
    end: int
    versions: dict[str, tuple[Span, ...]]
    kind: str

    def describe(self, name: str) -> str:
        """One annotator's version as text: ``label “text”; …`` or "(nothing)"."""
        spans = self.versions.get(name, ())
        return "; ".join(f"{s.label} “{s.text}”" for s in spans) or "(nothing)"


def find_disagreements(spans: Iterable[Span], annotators: Sequence[str]) -> list[Disagreement]:
    """Clusters of overlapping accepted spans (any label, any of ``annotators``) whose versions differ."""
    chosen = set(annotators)
    by_doc: dict[int, list[Span]] = {}
    for span in spans:
        if span.status == "accepted" and span.annotator in chosen:
            by_doc.setdefault(span.document_id, []).append(span)
    result = []
    for doc in sorted(by_doc):
        ordered = sorted(by_doc[doc], key=lambda s: (s.start, s.end, s.label, s.annotator, s.id))
        cluster: list[Span] = []
        cluster_end = -1
        for member in [*ordered, None]:
            if member is not None and (not cluster or member.start < cluster_end):
                cluster.append(member)
                cluster_end = max(cluster_end, member.end)
                continue
            if cluster:
                found = _disagreement(doc, cluster, annotators)
                if found is not None:
                    result.append(found)
            if member is not None:
                cluster, cluster_end = [member], member.end
    return result


def _disagreement(doc: int, cluster: list[Span], annotators: Sequence[str]) -> Disagreement | None:
    versions = {name: tuple(s for s in cluster if s.annotator == name) for name in annotators}
    shapes = {name: sorted({(s.start, s.end, s.label) for s in spans}) for name, spans in versions.items()}
    if all(shape == shapes[annotators[0]] for shape in shapes.values()):
        return None
    if any(not spans for spans in versions.values()):
        kind = "missing"
    elif len({tuple((a, b) for a, b, _ in shape) for shape in shapes.values()}) == 1:
        kind = "label"
    elif len({tuple(sorted(label for *_, label in shape)) for shape in shapes.values()}) == 1:
        kind = "boundary"
    else:
        kind = "mixed"
    return Disagreement(
        document_id=doc,
        start=min(s.start for s in cluster),
        end=max(s.end for s in cluster),
        versions=versions,
        kind=kind,
    )
