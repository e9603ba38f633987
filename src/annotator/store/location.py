"""Where the default project lives, and its first-start seeding with the sample documents."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

from annotator.store.project import Project

APP_NAME = "annotator"
SEEDED_SETTING = "seeded_with_samples"


def default_project_path() -> Path:
    """ANNOTATOR_DB if set, else ``annotator.db`` in the user data folder."""
    env = os.environ.get("ANNOTATOR_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "annotator.db"


def sample_docs_path() -> Path:
    """The folder of sample documents shipped with the app."""
    return Path(str(resources.files("annotator.resources").joinpath("sample_docs")))


def open_default_project() -> Project:
    """Open the default project; the first time, seed it with the sample documents and gold set."""
    project = Project(default_project_path(), create_folders=True)
    if not project.read_only and project.setting(SEEDED_SETTING) is None:
        seed_with_samples(project)
    return project


def seed_with_samples(project: Project) -> None:
    """Import ``sample_docs/`` (articles and the gold annotation set) into ``project``, once."""
    from annotator.importing import import_paths

    folder = sample_docs_path()
    if folder.is_dir():
        import_paths(project, [folder], annotator="gold", unknown_labels="add")
    project.set_setting(SEEDED_SETTING, "1")
