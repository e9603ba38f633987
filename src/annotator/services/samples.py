"""The default project: opened from its usual place, and seeded with the sample documents the first time."""

from __future__ import annotations

import os

from annotator.services.importing import import_paths
from annotator.store.location import default_project_path, sample_docs_path
from annotator.store.postgres import is_server_address
from annotator.store.project import Project

SEEDED_SETTING = "seeded_with_samples"


def open_default_project() -> Project:
    """Open the default project; the first time, seed it with the sample documents and gold set."""
    address = os.environ.get("ANNOTATOR_DB")
    if address and is_server_address(address):
        return Project(address)  # a team project: never seeded with the samples
    project = Project(default_project_path(), create_folders=True)
    if not project.read_only and project.setting(SEEDED_SETTING) is None:
        seed_with_samples(project)
    return project


def seed_with_samples(project: Project) -> None:
    """Import ``sample_docs/`` (articles and the gold annotation set) into ``project``, once."""
    folder = sample_docs_path()
    if folder.is_dir():
        import_paths(project, [folder], annotator="gold", unknown_labels="add")
    project.set_setting(SEEDED_SETTING, "1")
