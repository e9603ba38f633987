"""Document metadata on the command line: ``docs --json``, ``search --since/--until/--source``, span pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store.project import Project
from tests.processes import run_cli


@pytest.fixture
def corpus(db_path: Path) -> Path:
    with Project(db_path) as project:
        project.add_document(
            "Obus",
            "La Corée du Nord livre des obus à la Russie.\n",
            metadata={"date": "2024-10-30", "source": "Le Monde", "page_starts": [0, 20]},
        )
        project.add_document(
            "Soldats",
            "Des soldats nord-coréens en Russie.\n",
            metadata={"date": "2024-11-04T08:00:00+01:00", "source": "Élysée Infos"},
        )
        project.add_document("Sans date", "La Russie reçoit des munitions.\n", metadata={"source": "le monde"})
        project.add_span(1, 3, 16, "actor", annotator="ana")
        project.add_span(1, 37, 43, "actor", annotator="ana")
    return db_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_docs_json_lists_each_document_s_metadata_and_pages(corpus: Path) -> None:
    result = run_cli("docs", "--db", str(corpus), "--json")  # the real command, in a child process
    assert result.returncode == 0, result.stderr
    docs = json.loads(result.stdout)
    assert docs[0]["metadata"] == {"date": "2024-10-30", "source": "Le Monde", "page_starts": [0, 20]}
    assert docs[0]["pages"] == 2 and docs[1]["pages"] is None
    assert docs[2]["metadata"] == {"source": "le monde"}


def test_search_by_date_and_outlet(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def ids(*args: str) -> list[int]:
        code, out, err = run(capsys, "search", "--db", str(corpus), "--json", *args)
        assert code == 0, err
        return [hit["document_id"] for hit in json.loads(out)]

    assert sorted(ids("Russie")) == [1, 2, 3]
    assert ids("Russie", "--since", "2024-11-01") == [2]
    assert ids("Russie", "--until", "2024-10-31") == [1]
    assert sorted(ids("Russie", "--since", "2024-10")) == [1, 2]  # a month stands for its first day
    assert ids("Russie", "--until", "2024-10") == [1]  # … or its last
    assert sorted(ids("Russie", "--source", "LE MONDE")) == [1, 3]  # the outlet, whatever the case
    assert ids("Russie", "--source", "élysée infos") == [2]  # accented capitals too
    assert ids("--source", "Le Monde", "--since", "2024-01-01") == [1]  # filters alone list documents
    assert ids("--since", "2024-01-01") == [1, 2]  # by date


def test_search_refuses_a_bad_date_or_nothing_to_search(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "search", "--db", str(corpus), "Russie", "--since", "hier")
    assert code == 2 and "'hier' is not a date" in err and err.count("\n") == 1
    code, _, err = run(capsys, "search", "--db", str(corpus))
    assert code == 2 and "--since" in err


def test_spans_list_gives_the_page_of_each_span(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "spans", "--db", str(corpus), "list", "--json")
    assert code == 0, err
    assert [(s["text"], s["page"]) for s in json.loads(out)] == [("Corée du Nord", 1), ("Russie", 2)]
    code, out, err = run(capsys, "spans", "--db", str(corpus), "list")
    header = out.splitlines()[0].split()
    assert header[-1] == "page" and out.splitlines()[2].split()[-1] == "1"
