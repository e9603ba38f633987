"""Train a suggester from the project's own annotations, and keep it with the project.

``annotator train`` and the window (Tools → Train suggester) call ``prepare`` (reads the project: to
be called where the project is open) and then ``run`` (trains and saves: no database access, so a
worker thread may run it).

What is learnt: the accepted spans of the chosen annotators (default ``gold`` when it has accepted
spans of the chosen labels, else every accepted span), in the chosen labels (default every active
label with accepted spans). A document where the chosen annotators accepted a span, or marked done,
is taken as fully annotated: any other stretch of it is an example of "no span". Rejected
suggestions (anyone's) are examples of "not this label here", also in documents nobody annotated;
accepted suggestions are accepted spans like any other. So what the analysts accept and reject
feeds the next training.

Where it is kept: beside the project file, in ``<project file>.models/``: one folder per trained
model (the spaCy pipeline and ``meta.json`` with the base, labels, annotators, the hash of the
training data, the held-out scores), and ``current`` naming the model in use. A model is written
under a temporary name and renamed into place when complete, then ``current`` is replaced in one
step: a training that fails or is cancelled leaves the previous model as it was, and no half-written
folder. The three newest models are kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.model import GOLD_ANNOTATOR, utc_now
from annotator.core.suggest import spanmodel
from annotator.core.suggest.quantities import sentences
from annotator.core.suggest.spanmodel import (
    Cancelled,
    Progress,
    TrainingError,
    TrainingText,
    TrainingUnavailable,
)
from annotator.store.project import Project

if TYPE_CHECKING:  # spaCy is optional: loaded when a model is used, named here for the types only
    from spacy.language import Language

MODELS_SUFFIX = ".models"
CURRENT = "current"
META = "meta.json"
PIPELINE = "pipeline"
KEEP = 3
RETRAIN_SETTING = "train.retrain_every"  # retrain in the background after this many newly accepted spans (0: never)
BASE_SETTING = "train.base"


@dataclass(frozen=True, slots=True)
class TrainedModel:
    """A model kept with a project: its folder and what ``meta.json`` says about it."""

    path: Path
    meta: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def pipeline(self) -> Path:
        return self.path / PIPELINE

    @property
    def labels(self) -> list[str]:
        return list(self.meta.get("labels", []))


@dataclass(slots=True)
class TrainingJob:
    """Everything a training needs, read from the project beforehand."""

    models: Path
    texts: list[TrainingText]
    labels: tuple[str, ...]
    annotators: tuple[str, ...] | None  # None: every annotator
    base: str
    data_hash: str
    accepted_spans: int
    documents: int
    extra: dict[str, Any] = field(default_factory=dict)


def models_dir(project_path: str | os.PathLike[str]) -> Path:
    """The folder where the models of the project file ``project_path`` are kept."""
    path = Path(project_path)
    return path.with_name(path.name + MODELS_SUFFIX)


def current_model(project_path: str | os.PathLike[str]) -> TrainedModel | None:
    """The model in use for a project, or None when none was trained (or its files are gone)."""
    folder = models_dir(project_path)
    try:
        name = (folder / CURRENT).read_text(encoding="utf-8").strip()
        if not name or "/" in name or name.startswith("."):
            return None
        meta = json.loads((folder / name / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (folder / name / PIPELINE / "config.cfg").is_file():
        return None
    return TrainedModel(folder / name, meta)


def default_base(project: Project) -> str:
    """The project's setting, else an installed pipeline of its main language, else ``blank:`` that language."""
    chosen = (project.setting(BASE_SETTING) or "").strip()
    if chosen:
        return chosen
    from annotator.core.suggest.grammar import PIPELINES, pipeline_name
    from annotator.core.suggest.ner import guess_language

    counts: dict[str, int] = {}
    for doc_id in project.document_ids()[:200]:
        language = guess_language(project.document_text(doc_id)[:5000])
        if language:
            counts[language] = counts.get(language, 0) + 1
    language = max(counts, key=lambda lang: counts[lang]) if counts else "fr"
    if language in PIPELINES:
        installed = pipeline_name(language)
        if installed:
            return installed
    return f"blank:{language}"


def _chunks(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences of ``text``, merged where a span runs across their boundary."""
    merged: list[list[int]] = []
    for start, end in sentences(text):
        if merged and any(a < merged[-1][1] < b for a, b in spans):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def prepare(
    project: Project,
    labels: Iterable[str] | None = None,
    annotators: Iterable[str] | None = None,
    base: str | None = None,
) -> TrainingJob:
    """Read what to learn from the project (see the module's docstring). ``TrainingError`` on bad input."""
    spanmodel.require_spacy()
    active = [label.name for label in project.labels(include_retired=False)]
    wanted = list(dict.fromkeys(labels)) if labels is not None else None
    if wanted is not None:
        unknown = [label for label in wanted if label not in active]
        if unknown:
            raise TrainingError(f"unknown or retired label {unknown[0]!r}: choose from {', '.join(active)}")
    chosen_labels = wanted or active
    accepted = project.spans(statuses=["accepted"], labels=chosen_labels)
    if annotators is not None:
        names = tuple(dict.fromkeys(annotators))
        known = set(project.annotators())
        missing = [name for name in names if name not in known]
        if missing:
            raise TrainingError(f"no spans by annotator {missing[0]!r}")
    elif any(span.annotator == GOLD_ANNOTATOR for span in accepted):
        names = (GOLD_ANNOTATOR,)
    else:
        names = None
    if names is not None:
        accepted = [span for span in accepted if span.annotator in set(names)]
    if wanted is None:
        chosen_labels = [label for label in active if any(span.label == label for span in accepted)]
    if not accepted or not chosen_labels:
        who = "any annotator" if names is None else ", ".join(names)
        raise TrainingError(f"there are no accepted spans (by {who}) to learn from")
    rejected = project.spans(statuses=["rejected"], labels=chosen_labels)
    done = {summary.id for summary in project.documents() if summary.done}
    by_doc: dict[int, list[tuple[int, int, str]]] = {}
    for span in accepted:
        by_doc.setdefault(span.document_id, []).append((span.start, span.end, span.label))
    negatives: dict[int, list[tuple[int, int, str]]] = {}
    for span in rejected:
        negatives.setdefault(span.document_id, []).append((span.start, span.end, span.label))
    texts: list[TrainingText] = []
    for doc_id in sorted(set(by_doc) | set(negatives) | (done & set(project.document_ids()))):
        document = project.document(doc_id)
        spans = by_doc.get(doc_id, [])
        negs = negatives.get(doc_id, [])
        complete = doc_id in by_doc or doc_id in done
        for start, end in _chunks(document.text, [(s, e) for s, e, _ in spans]):
            inside = tuple(sorted((s - start, e - start, label) for s, e, label in spans if start <= s and e <= end))
            outside = tuple(sorted((s - start, e - start, label) for s, e, label in negs if start <= s and e <= end))
            if not complete and not outside:
                continue
            key = f"{document.sha256}:{start}"
            texts.append(TrainingText(key, document.text[start:end], inside, outside, complete))
    base = spanmodel.check_base(base or default_base(project))
    digest = hashlib.sha256()
    digest.update(json.dumps({"base": base, "labels": chosen_labels}, ensure_ascii=False).encode("utf-8"))
    for text in sorted(texts, key=lambda t: t.key):
        row = [text.key, text.text, text.spans, text.negatives, text.complete]
        digest.update(json.dumps(row, ensure_ascii=False).encode("utf-8"))
    return TrainingJob(
        models=models_dir(project.path),
        texts=texts,
        labels=tuple(chosen_labels),
        annotators=names,
        base=base,
        data_hash=digest.hexdigest(),
        accepted_spans=project.span_count("accepted"),
        documents=len({t.key.split(":")[0] for t in texts}),
    )


def run(job: TrainingJob, *, progress: Progress | None = None, cancel: threading.Event | None = None) -> TrainedModel:
    """Train, then keep the model with the project and make it current; nothing is kept on failure or cancel."""
    result = spanmodel.train(job.texts, job.labels, job.base, progress=progress, cancel=cancel)
    if cancel is not None and cancel.is_set():
        raise Cancelled("training cancelled")
    from spacy.about import __version__ as spacy_version

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    name = f"{stamp}-{job.data_hash[:8]}"
    meta = {
        "format": 1,
        "name": name,
        "created": utc_now(),
        "base": job.base,
        "labels": list(result.labels),
        "skipped_labels": list(result.skipped),
        "annotators": list(job.annotators) if job.annotators is not None else None,
        "data_hash": job.data_hash,
        "texts": {"train": result.train_texts, "eval": result.eval_texts},
        "documents": job.documents,
        "epochs": result.epochs,
        "threshold": spanmodel.THRESHOLD,
        "accepted_spans": job.accepted_spans,
        "scores": {label: score.as_dict() for label, score in result.scores.items()},
        "overall": result.overall.as_dict(),
        "spacy": spacy_version,
    }
    return _keep(job.models, name, result.nlp, meta)


def _keep(folder: Path, name: str, nlp: Language, meta: dict[str, Any]) -> TrainedModel:
    """Write the model under a temporary name, rename it into place, then point ``current`` at it."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OSError(f"cannot create {folder}: {exc.strerror or exc}") from None
    temporary = folder / f".tmp-{uuid.uuid4().hex}"
    final = folder / name
    n = 1
    while final.exists():
        n += 1
        final = folder / f"{name}-{n}"
    meta["name"] = final.name
    try:
        temporary.mkdir()
        nlp.to_disk(temporary / PIPELINE)
        (temporary / META).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, final)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    pointer = folder / f".{CURRENT}.{uuid.uuid4().hex}"
    try:
        pointer.write_text(final.name + "\n", encoding="utf-8")
        os.replace(pointer, folder / CURRENT)
    except BaseException:
        with contextlib.suppress(OSError):
            pointer.unlink()
        shutil.rmtree(final, ignore_errors=True)
        raise
    _prune(folder, final.name)
    return TrainedModel(final, meta)


def _prune(folder: Path, current: str) -> None:
    """Keep the newest models (and the current one); remove the others."""
    models = sorted(
        (p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / META).is_file()),
        key=lambda p: p.name,
        reverse=True,
    )
    for old in models[KEEP:]:
        if old.name != current:
            shutil.rmtree(old, ignore_errors=True)


def train_project(
    project: Project,
    labels: Iterable[str] | None = None,
    annotators: Iterable[str] | None = None,
    base: str | None = None,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> TrainedModel:
    """``prepare`` then ``run``: train from the project and keep the model with it."""
    return run(prepare(project, labels, annotators, base), progress=progress, cancel=cancel)


def retrain_every(project: Project) -> int:
    """After how many newly accepted spans the window retrains in the background (0: never)."""
    try:
        return max(0, int(project.setting(RETRAIN_SETTING) or 0))
    except ValueError:
        return 0


def retrain_due(project: Project) -> bool:
    """Whether enough spans were accepted since the current model was trained (and retraining is on)."""
    every = retrain_every(project)
    if not every:
        return False
    model = current_model(project.path)
    since = int(model.meta.get("accepted_spans", 0)) if model else 0
    return project.span_count("accepted") - since >= every


# -- using the model -------------------------------------------------------------------------


def load_model(project_path: str | os.PathLike[str]) -> tuple[TrainedModel, Language]:
    """The current model and its loaded pipeline; ``TrainingError`` when there is none."""
    spanmodel.require_spacy()
    model = current_model(project_path)
    if model is None:
        raise TrainingError("this project has no trained model yet: run annotator train (or Tools → Train suggester)")
    return model, spanmodel.load(model.pipeline)


def predict_texts(nlp: Language, texts: dict[int, str]) -> dict[int, list[tuple[int, int, str, float]]]:
    """What the model proposes in each document, sentence by sentence: (start, end, label, confidence)."""
    found: dict[int, list[tuple[int, int, str, float]]] = {}
    for doc_id, text in texts.items():
        bounds = sentences(text)
        pieces = [text[s:e] for s, e in bounds]
        spans: list[tuple[int, int, str, float]] = []
        for (start, _), predicted in zip(bounds, spanmodel.predict(nlp, pieces), strict=True):
            spans.extend((s + start, e + start, label, p) for s, e, label, p in predicted)
        found[doc_id] = spans
    return found


@dataclass(frozen=True, slots=True)
class UsefulDocument:
    """The document a model is least sure about, and why."""

    document_id: int
    title: str
    uncertainty: spanmodel.Uncertainty

    def reason(self) -> str:
        return f"“{self.title}”: {self.uncertainty.reason()}"


def unannotated_documents(project: Project, limit: int = 500) -> dict[int, tuple[str, str]]:
    """Documents with no accepted span that are not marked done: id → (title, text), at most ``limit``."""
    annotated = {span.document_id for span in project.spans(statuses=["accepted"])}
    chosen: dict[int, tuple[str, str]] = {}
    for summary in project.documents():
        if summary.id in annotated or summary.done:
            continue
        chosen[summary.id] = (summary.title, project.document_text(summary.id))
        if len(chosen) >= limit:
            break
    return chosen


def most_useful(nlp: Language, documents: dict[int, tuple[str, str]]) -> UsefulDocument | None:
    """Among ``documents`` (id → (title, text)), the one on which the model is least certain."""
    best: UsefulDocument | None = None
    for doc_id, (title, text) in documents.items():
        pieces = [text[s:e] for s, e in sentences(text)]
        candidates = [span for spans in spanmodel.scored_spans(nlp, pieces, min_score=0.05) for span in spans]
        measured = spanmodel.uncertainty(candidates)
        if best is None or measured.value > best.uncertainty.value:
            best = UsefulDocument(doc_id, title, measured)
    return best


__all__ = [
    "BASE_SETTING",
    "RETRAIN_SETTING",
    "Cancelled",
    "TrainedModel",
    "TrainingError",
    "TrainingJob",
    "TrainingUnavailable",
    "UsefulDocument",
    "current_model",
    "default_base",
    "load_model",
    "models_dir",
    "most_useful",
    "predict_texts",
    "prepare",
    "retrain_due",
    "retrain_every",
    "run",
    "train_project",
    "unannotated_documents",
]
