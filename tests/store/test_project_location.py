"""Where projects live: the default project (seeded once with the sample documents) and named files (empty)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services.samples import SEEDED_SETTING, open_default_project
from annotator.store.errors import MissingFolder
from annotator.store.location import default_project_path, sample_docs_path
from annotator.store.project import Project


def test_default_path_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_DB", str(tmp_path / "mine.db"))
    assert default_project_path() == tmp_path / "mine.db"
    monkeypatch.delenv("ANNOTATOR_DB")
    assert default_project_path() == Path.home() / "data" / "annotator" / "annotator.db"  # XDG_DATA_HOME


def test_the_default_project_is_seeded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANNOTATOR_DB")
    samples = [p for p in sample_docs_path().rglob("*") if p.suffix in (".txt", ".md", ".html", ".docx")]
    assert samples, "sample_docs/ ships articles"
    with open_default_project() as project:
        assert project.path == default_project_path() and project.path.exists()
        assert len(project.documents()) >= len(samples)
        assert project.setting(SEEDED_SETTING) == "1"
        first = project.documents()[0]
        project.delete_document(first.id)
        count = len(project.documents())
    with open_default_project() as project:
        assert len(project.documents()) == count  # not seeded again: the deleted one stays deleted


def test_a_named_file_starts_empty(db_path: Path) -> None:
    with Project(db_path) as project:
        assert project.documents() == [] and project.spans() == []
        assert project.setting(SEEDED_SETTING) is None
        assert len(project.labels()) == 4


def test_an_empty_file_becomes_a_project(tmp_path: Path) -> None:
    path = tmp_path / "touched.db"
    path.write_bytes(b"")
    with Project(path) as project:
        assert [lab.name for lab in project.labels()][:1] == ["actor"]


def test_missing_folders_are_created_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "c" / "p.db"
    with pytest.raises(MissingFolder, match="does not exist"):
        Project(path)
    assert not (tmp_path / "a").exists()
    with Project(path, create_folders=True):
        pass
    assert path.exists()
