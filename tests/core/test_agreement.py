"""Agreement metrics against values worked out by hand (the computation is in each test's comment)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import (
    cohen_kappa,
    compute_agreement,
    find_disagreements,
    krippendorff_alpha,
    overlap_matches,
    span_counts,
    token_labels,
)
from annotator.core.model import Span

LABELS = ("actor", "transfer", "quantity", "assessment")
# Tokens: Alice(0,5) gave(6,10) Bob(11,14) ten(15,18) shells(19,25) .(26,27)
TEXT = "Alice gave Bob ten shells ."
_counter = iter(range(10**6))


def span(start: int, end: int, label: str, annotator: str, doc: int = 1, text: str = TEXT, **kw) -> Span:
    return Span(
        id=f"s{next(_counter)}",
        document_id=doc,
        start=start,
        end=end,
        label=label,
        text=text[start:end],
        annotator=annotator,
        **kw,
    )


def approx(value: float) -> object:
    return pytest.approx(value, abs=1e-9)


@pytest.fixture
def worked_example() -> list[Span]:
    # A: actor Alice, actor Bob, quantity "ten shells".
    # B: actor Alice, transfer "gave", actor "Bob ten", quantity "shells" (+ a suggestion that never counts).
    return [
        span(0, 5, "actor", "A"),
        span(11, 14, "actor", "A"),
        span(15, 25, "quantity", "A"),
        span(0, 5, "actor", "B"),
        span(6, 10, "transfer", "B"),
        span(11, 18, "actor", "B"),
        span(19, 25, "quantity", "B"),
        span(26, 27, "assessment", "B", status="suggested"),
    ]


def test_worked_example_overall(worked_example) -> None:
    report = compute_agreement({1: TEXT}, worked_example, ["A", "B"], LABELS)
    overall = report.overall
    assert report.tokens == 6
    assert overall.spans == {"A": 3, "B": 4}
    # Exact: only Alice matches: 2·1 / (3 + 4) = 2/7.
    assert overall.exact_f1 == approx(2 / 7)
    # Overlap: Alice–Alice (5 chars), Bob–"Bob ten" (3), "ten shells"–"shells" (6): 2·3 / 7 = 6/7.
    assert overall.overlap_f1 == approx(6 / 7)
    # Tokens A: actor O actor quantity quantity O; B: actor transfer actor actor quantity O.
    # po = 4/6; A: actor 2, O 2, quantity 2; B: actor 3, transfer 1, quantity 1, O 1;
    # pe = (2·3 + 2·1 + 2·1) / 36 = 10/36; kappa = (24/36 − 10/36) / (26/36) = 14/26 = 7/13.
    assert overall.kappa == approx(7 / 13)
    # Coincidences: actor–actor 4, quantity–quantity 2, O–O 2, O–transfer 1+1, quantity–actor 1+1.
    # n_actor 5, n_O 3, n_transfer 1, n_quantity 3, n = 12; Σ_{c≠k} n_c n_k = 144 − 44 = 100;
    # alpha = 1 − 11 · 4 / 100 = 0.56.
    assert overall.alpha == approx(0.56)


def test_worked_example_per_label(worked_example) -> None:
    report = compute_agreement({1: TEXT}, worked_example, ["A", "B"], LABELS)
    rows = {row.label: row for row in report.per_label}
    # actor: exact Alice only: 2·1/(2+2) = 0.5; overlap Alice and Bob: 2·2/4 = 1.
    assert rows["actor"].exact_f1 == approx(0.5)
    assert rows["actor"].overlap_f1 == approx(1.0)
    # actor tokens A: a O a O O O, B: a O a a O O: po = 5/6, pe = (2·3 + 4·3)/36 = 1/2, kappa = (1/3)/(1/2).
    assert rows["actor"].kappa == approx(2 / 3)
    # quantity: no exact match (0/2), one overlap match (2/2).
    assert rows["quantity"].exact_f1 == approx(0.0)
    assert rows["quantity"].overlap_f1 == approx(1.0)
    # transfer: B only: 0 / (0 + 1).
    assert rows["transfer"].exact_f1 == approx(0.0)
    # assessment: only a suggestion, which never counts: nothing to compare.
    assert rows["assessment"].exact_f1 is None
    assert rows["assessment"].kappa is None
    assert rows["assessment"].alpha is None
    assert [p.label for p in report.pairs] == [*LABELS, None]


def test_no_spans_at_all_is_undefined() -> None:
    report = compute_agreement({1: TEXT}, [], ["A", "B"], LABELS)
    # F1: 2·0/(0+0) undefined; kappa: pe = 1 (all O); alpha: no variation.
    assert (report.overall.exact_f1, report.overall.overlap_f1) == (None, None)
    assert (report.overall.kappa, report.overall.alpha) == (None, None)
    assert report.to_json()["overall"]["exact_f1"] is None


def test_no_documents_is_undefined() -> None:
    report = compute_agreement({}, [], ["A", "B"], LABELS)
    assert report.tokens == 0
    assert report.overall.kappa is None and report.overall.alpha is None


def test_one_annotator_with_nothing() -> None:
    spans = [span(0, 5, "actor", "A")]
    overall = compute_agreement({1: TEXT}, spans, ["A", "B"], LABELS).overall
    # F1: 2·0 / (1 + 0) = 0.
    assert overall.exact_f1 == approx(0.0) and overall.overlap_f1 == approx(0.0)
    # A: a O O O O O, B: all O: po = 5/6, pe = 5·6/36 = 5/6, kappa = 0 / (1/6) = 0.
    assert overall.kappa == approx(0.0)
    # o_aO = o_Oa = 1, o_OO = 10; n_a 1, n_O 11, n 12: alpha = 1 − 11·2 / (2·1·11) = 0.
    assert overall.alpha == approx(0.0)


def test_perfect_agreement() -> None:
    spans = [span(0, 5, "actor", name) for name in "AB"] + [span(15, 25, "quantity", name) for name in "AB"]
    overall = compute_agreement({1: TEXT}, spans, ["A", "B"], LABELS).overall
    assert overall.exact_f1 == approx(1.0) and overall.overlap_f1 == approx(1.0)
    # po = 1 and pe < 1: kappa = 1; no observed disagreement: alpha = 1.
    assert overall.kappa == approx(1.0) and overall.alpha == approx(1.0)


def test_total_disagreement() -> None:
    text = "Alice Bob"
    spans = [span(0, 5, "actor", "A", text=text), span(6, 9, "actor", "B", text=text)]
    overall = compute_agreement({1: text}, spans, ["A", "B"], LABELS).overall
    assert overall.exact_f1 == approx(0.0) and overall.overlap_f1 == approx(0.0)
    # A: a O, B: O a: po = 0, pe = (1·1 + 1·1)/4 = 1/2, kappa = (0 − 1/2)/(1/2) = −1.
    assert overall.kappa == approx(-1.0)
    # o_aO = o_Oa = 2 (each unit gives both ordered pairs), n = 4, n_a = n_O = 2:
    # alpha = 1 − 3·4 / (2·2·2) = −0.5.
    assert overall.alpha == approx(-0.5)


def test_three_annotators_mean_of_pairs_and_alpha() -> None:
    text = "Alice Bob"
    spans = [span(0, 5, "actor", "A", text=text), span(0, 5, "actor", "B", text=text)]
    report = compute_agreement({1: text}, spans, ["A", "B", "C"], LABELS)
    # Pairs: A–B 1.0, A–C 0.0, B–C 0.0: mean 1/3.
    assert report.overall.exact_f1 == approx(1 / 3)
    assert report.overall.kappa is None  # kappa is per pair only
    pair_kappas = {p.annotators: p.kappa for p in report.pairs if p.label is None}
    assert pair_kappas[("A", "B")] == approx(1.0)
    # Units (a,a,O) and (O,O,O). Unit 1 (m = 3): ordered pairs a–a 2, a–O 2, O–a 2, each ÷2;
    # unit 2: O–O 6 ÷ 2 = 3. n_a 2, n_O 4, n 6; observed 2; Σ n_c n_k = 2·2·4 = 16: alpha = 1 − 5·2/16.
    assert report.overall.alpha == approx(0.375)


def test_spans_of_other_documents_and_labels_are_left_out() -> None:
    spans = [span(0, 5, "actor", "A"), span(0, 5, "actor", "B"), span(0, 5, "actor", "B", doc=2)]
    report = compute_agreement({1: TEXT}, spans, ["A", "B"], ["actor"])
    assert report.overall.exact_f1 == approx(1.0)
    assert report.labels == ("actor",)


def test_token_label_is_the_longest_covering_span_then_earliest_then_label_name() -> None:
    # "ten shells" (10 chars) beats "Bob ten" (7) on "ten"; equal lengths: earliest start;
    # same start and length: label name ("actor" before "quantity").
    spans = [span(11, 18, "actor", "A"), span(15, 25, "quantity", "A")]
    assert token_labels(TEXT, spans) == ["O", "O", "actor", "quantity", "quantity", "O"]
    spans = [span(11, 19, "actor", "A"), span(6, 14, "transfer", "A")]  # both 8 long: "gave Bob" starts first
    assert token_labels(TEXT, spans) == ["O", "transfer", "transfer", "actor", "O", "O"]
    spans = [span(6, 10, "transfer", "A"), span(11, 14, "quantity", "A"), span(11, 14, "actor", "A")]
    assert token_labels(TEXT, spans) == ["O", "transfer", "actor", "O", "O", "O"]
    # A span sharing only part of a token still covers it.
    assert token_labels(TEXT, [span(1, 3, "actor", "A")]) == ["actor", "O", "O", "O", "O", "O"]


def test_tokens_follow_the_conll_definition_with_french_and_emoji() -> None:
    text = "l’ONU 🚀 a livré 10\u00a0000 obus."
    # Tokens: l ’ ONU 🚀 a livré "10 000" obus .
    spans = [span(2, 5, "actor", "A", text=text), span(16, 22, "quantity", "A", text=text)]
    assert token_labels(text, spans) == ["O", "O", "actor", "O", "O", "O", "quantity", "O", "O"]


def test_overlap_matching_is_greedy_by_largest_overlap() -> None:
    text = "abcdefghijklmnop"
    a = [span(0, 6, "actor", "A", text=text), span(5, 12, "actor", "A", text=text)]
    b = [span(4, 12, "actor", "B", text=text)]
    # a2–b1 share 7 characters, a1–b1 only 2: a2 wins, a1 stays unmatched.
    [(x, y)] = overlap_matches(a, b)
    assert (x.start, y.start) == (5, 4)
    # F1 = 2·1 / (2 + 1) = 2/3.
    assert span_counts(a, b, "overlap").f1 == approx(2 / 3)
    # Different labels never match.
    assert span_counts(a, [span(4, 12, "transfer", "B", text=text)], "overlap").matched == 0


def test_exact_matching_is_one_to_one() -> None:
    a = [span(0, 5, "actor", "A"), span(0, 5, "actor", "A")]
    b = [span(0, 5, "actor", "B")]
    # 2·1 / (2 + 1).
    assert span_counts(a, b).f1 == approx(2 / 3)


def test_kappa_and_alpha_directly() -> None:
    assert cohen_kappa([], []) is None
    assert cohen_kappa(["O", "O"], ["O", "O"]) is None
    with pytest.raises(ValueError):
        cohen_kappa(["O"], [])
    # Missing values: the unit with one value is not pairable; the others agree: alpha = 1.
    assert krippendorff_alpha([("a", "a"), ("O", "O"), ("a", None)]) == approx(1.0)
    assert krippendorff_alpha([("a", None)]) is None


def test_two_annotators_are_required() -> None:
    with pytest.raises(ValueError):
        compute_agreement({1: TEXT}, [], ["A"], LABELS)


def test_disagreements_and_their_kinds(worked_example) -> None:
    extra = [span(0, 5, "actor", "A", doc=2), span(0, 5, "transfer", "B", doc=2)]
    found = find_disagreements(worked_example + extra, ["A", "B"])
    # Alice agrees (left out); "gave" is B's only; Bob/"Bob ten"/"ten shells"/"shells" form one cluster.
    assert [(d.document_id, d.start, d.end, d.kind) for d in found] == [
        (1, 6, 10, "missing"),
        (1, 11, 25, "boundary"),
        (2, 0, 5, "label"),
    ]
    assert found[0].describe("A") == "(nothing)"
    assert found[0].describe("B") == "transfer “gave”"
    assert found[2].describe("B") == "transfer “Alice”"
    mixed = find_disagreements([span(0, 5, "actor", "A"), span(0, 10, "transfer", "B")], ["A", "B"])
    assert [d.kind for d in mixed] == ["mixed"]


_LABEL = st.sampled_from(("actor", "transfer"))


@st.composite
def annotations(draw) -> list[Span]:
    spans = []
    for name in ("A", "B", "C"):
        for _ in range(draw(st.integers(0, 5))):
            start = draw(st.integers(0, len(TEXT) - 1))
            end = draw(st.integers(start + 1, len(TEXT)))
            spans.append(span(start, end, draw(_LABEL), name))
    return spans


@settings(max_examples=80, deadline=None)
@given(annotations())
def test_properties_of_the_metrics(spans: list[Span]) -> None:
    forward = compute_agreement({1: TEXT}, spans, ["A", "B"], ("actor", "transfer"))
    backward = compute_agreement({1: TEXT}, spans, ["B", "A"], ("actor", "transfer"))
    for a, b in zip((forward.overall, *forward.per_label), (backward.overall, *backward.per_label), strict=True):
        # Every metric is symmetric in the two annotators.
        for name in ("exact_f1", "overlap_f1", "kappa", "alpha"):
            x, y = getattr(a, name), getattr(b, name)
            assert (x is None) == (y is None)
            if x is not None:
                assert x == pytest.approx(y)
        if a.exact_f1 is not None:
            # Overlap matching finds at least as many pairs as exact matching.
            assert 0.0 <= a.exact_f1 <= a.overlap_f1 <= 1.0
        assert a.kappa is None or -1.0 - 1e-9 <= a.kappa <= 1.0 + 1e-9
        assert a.alpha is None or a.alpha <= 1.0 + 1e-9
    # An annotator compared with an identical copy agrees perfectly (or there is nothing to compare).
    copy = [s.with_changes(id=s.id + "c", annotator="D") for s in spans if s.annotator == "A"]
    same = compute_agreement({1: TEXT}, spans + copy, ["A", "D"], ("actor", "transfer")).overall
    assert same.exact_f1 in (None, 1.0) and same.overlap_f1 in (None, 1.0)
    assert same.kappa in (None, 1.0) and same.alpha in (None, 1.0)
