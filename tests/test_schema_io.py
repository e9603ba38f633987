"""The label and link schema as TOML: exported, edited by hand, applied to a project."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import LinkType, ValidationError
from annotator.core.schema import load_schema
from annotator.services.schema_io import (
    apply_schema,
    parse_schema_text,
    project_schema,
    read_schema,
    schema_to_toml,
    write_schema,
)
from annotator.store.project import Project


def test_default_schema_round_trips(project: Project, tmp_path: Path) -> None:
    path = write_schema(project, tmp_path / "schema.toml")
    assert read_schema(path) == project_schema(project) == load_schema()
    assert 'to = ["transfer", "actor", "quantity"]' in path.read_text(encoding="utf-8")


def test_awkward_strings_survive(project: Project) -> None:
    project.add_label("lieu", "#123456", "5", guideline='Un lieu « précis » : "ville"\\pays\nà la ligne\x7f 🚀')
    text = schema_to_toml(project_schema(project))
    assert parse_schema_text(text) == project_schema(project)


def test_applying_an_edited_schema(project: Project, french_doc, tmp_path: Path) -> None:
    text = french_doc.text
    transfer = project.add_span(french_doc.id, text.index("a fourni"), text.index(" des munitions"), "transfer").id
    dprk = project.add_span(french_doc.id, text.index("la Corée"), text.index(" a fourni"), "actor").id
    project.add_link(transfer, dprk, "supplier")
    edited = write_schema(project, tmp_path / "s.toml").read_text(encoding="utf-8")
    edited = edited.replace('hotkey = "1"', 'hotkey = "9"').replace(
        'name = "quantity"\ncolor = "#009E73"', 'name = "quantity"\ncolor = "#000000"'
    )
    edited = edited.replace('role = "supplier"', 'role = "provider"')
    edited += '[[labels]]\nname = "place"\ncolor = "#0072B2"\nhotkey = "1"\n\n'
    edited += '[labels.attributes]\nkind = ["city", "country"]\n\n'
    edited += '[[links]]\nrole = "at"\nfrom = "transfer"\nto = "place"\n'
    report = apply_schema(project, parse_schema_text(edited))
    assert report.labels_added == ["place"]
    assert report.labels_updated == ["actor", "quantity"]
    assert report.link_types_changed
    assert report.disallowed_links == ["“a fourni à la Russie” —supplier→ “la Corée du Nord” (transfer → actor)"]
    assert project.label("actor").hotkey == "9"  # the hotkey moved from actor to place in one go
    assert project.label("place").hotkey == "1"
    assert project.label("place").attributes == {"kind": ("city", "country")}
    assert project.label("quantity").color == "#000000"
    assert ("provider", "transfer", ("actor",)) in {
        (lt.role, lt.from_label, lt.to_labels) for lt in project.link_types()
    }
    assert len(project.links()) == 1  # reported, not deleted
    # Applying the same schema again changes nothing.
    again = apply_schema(project, parse_schema_text(edited))
    assert (again.labels_added, again.labels_updated, again.link_types_changed) == ([], [], False)


def test_a_links_only_file_uses_the_project_labels(project: Project) -> None:
    schema = parse_schema_text('[[links]]\nrole = "about"\nfrom = "assessment"\nto = "actor"\n', project)
    report = apply_schema(project, schema)
    assert report.labels_updated == [] and report.link_types_changed
    assert project.link_types() == [LinkType("about", "assessment", ("actor",))]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[labels]\nname = 1", "not valid TOML"),
        ('[[links]]\nrole = "x"\nfrom = "nowhere"\nto = "actor"\n', "unknown labels"),
        ('[[labels]]\nname = "a"\n', "lacks 'color'"),
        ('[[labels]]\nname = "a"\ncolor = "red"\n', "invalid colour"),
    ],
)
def test_bad_schemas_are_refused_and_change_nothing(project: Project, text: str, message: str) -> None:
    before = project_schema(project)
    with pytest.raises(ValidationError, match=message):
        apply_schema(project, parse_schema_text(text, project))
    assert project_schema(project) == before


def test_hotkey_clash_is_refused_before_anything_changes(project: Project) -> None:
    before = project_schema(project)
    with pytest.raises(ValidationError, match="hotkey '2'"):
        apply_schema(project, parse_schema_text('[[labels]]\nname = "place"\ncolor = "#0072B2"\nhotkey = "2"\n'))
    assert project_schema(project) == before
