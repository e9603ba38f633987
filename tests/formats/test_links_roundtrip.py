"""Links, attributes and entities through the native jsonl and brat formats, written and read back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.store.project import Project

TROOPS = "Plus de 10\u00a0000 soldats"
TEXT = (
    "Selon l’ONU, la Corée du Nord 🚀 a fourni à la Russie des munitions d’artillerie.\n"
    "Plus de 10\u00a0000 soldats nord-coréens sont déployés ; les experts estiment que c’est un risque.\n"
)


@pytest.fixture
def linked(project: Project) -> dict[str, str]:
    """A document with a transfer linked to its supplier, recipient and amount, an assessment about it."""
    document, _ = project.add_document("Corée", TEXT)

    def add(phrase: str, label: str) -> str:
        start = TEXT.index(phrase)
        return project.add_span(document.id, start, start + len(phrase), label, expected_text=phrase).id

    ids = {
        "dprk": add("la Corée du Nord", "actor"),
        "transfer": add("a fourni à la Russie des munitions d’artillerie", "transfer"),
        "russia": add("la Russie", "actor"),
        "troops": add(TROOPS, "quantity"),
        "assessment": add("les experts estiment que c’est un risque", "assessment"),
    }
    project.add_link(ids["transfer"], ids["dprk"], "supplier")
    project.add_link(ids["transfer"], ids["russia"], "recipient")
    project.add_link(ids["transfer"], ids["troops"], "amount")
    project.add_link(ids["assessment"], ids["transfer"], "about")
    project.set_attribute(ids["assessment"], "confidence", "high")
    project.set_attribute(ids["transfer"], "status", "confirmed")
    entity = project.add_entity("Corée du Nord")
    project.update_span(ids["dprk"], entity_id=entity.id)
    return ids


def key(project: Project, span_id: str) -> tuple[str, int, int, str]:
    """A span as its document's sha256, offsets and label: the same in any project."""
    span = project.span(span_id)
    return (project.document(span.document_id).sha256, span.start, span.end, span.label)


def link_set(project: Project) -> set[tuple]:
    return {(key(project, lk.from_span), lk.role, key(project, lk.to_span)) for lk in project.links()}


def attribute_set(project: Project) -> set[tuple]:
    return {
        (key(project, span_id), name, value)
        for span_id, values in project.all_attributes().items()
        for name, value in values.items()
    }


def entity_set(project: Project) -> set[tuple]:
    return {(key(project, s.id), project.entity(s.entity_id).name) for s in project.spans() if s.entity_id is not None}


def test_jsonl_round_trip_keeps_links_attributes_and_entities(
    project: Project, linked: dict[str, str], tmp_path: Path
) -> None:
    from annotator.services.exporting import export_project
    from annotator.services.merging import import_set

    out = tmp_path / "set.jsonl"
    export_project(project, "jsonl", out, statuses=None)
    assert "supplier" in out.read_text(encoding="utf-8")
    with Project(tmp_path / "copy.db") as copy:
        report = import_set(copy, out)
        assert report.links_added == 4
        assert link_set(copy) == link_set(project)
        assert attribute_set(copy) == attribute_set(project)
        assert entity_set(copy) == entity_set(project)
        assert {(lt.role, lt.from_label, lt.to_labels) for lt in copy.link_types()} == {
            (lt.role, lt.from_label, lt.to_labels) for lt in project.link_types()
        }
        # Written again, the copy gives the same bytes: nothing was lost or reordered.
        again = tmp_path / "again.jsonl"
        export_project(copy, "jsonl", again, statuses=None)
    assert again.read_bytes() == out.read_bytes()


def test_jsonl_import_twice_does_not_duplicate_links(project: Project, linked: dict[str, str], tmp_path: Path) -> None:
    from annotator.services.exporting import export_project
    from annotator.services.merging import import_set

    out = tmp_path / "set.jsonl"
    export_project(project, "jsonl", out, statuses=None)
    with Project(tmp_path / "copy.db") as copy:
        import_set(copy, out)
        import_set(copy, out)
        assert len(copy.links()) == 4


def parse_ann(path: Path) -> dict[str, list[list[str]]]:
    """A brat .ann file as kind letter → lines split on tabs."""
    kinds: dict[str, list[list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            kinds.setdefault(line[0], []).append(line.split("\t"))
    return kinds


def test_brat_export_writes_relations_attributes_and_normalisations(
    project: Project, linked: dict[str, str], tmp_path: Path
) -> None:
    from annotator.services.exporting import export_project

    folder = tmp_path / "brat"
    export_project(project, "brat", folder)
    [ann] = sorted(folder.glob("*.ann"))
    kinds = parse_ann(ann)
    t_ids = {fields[2]: fields[0] for fields in kinds["T"]}  # covered text → T id
    relations = {tuple(re.split(r"\s+", fields[1])) for fields in kinds["R"]}
    transfer = t_ids["a fourni à la Russie des munitions d’artillerie"]
    assert relations == {
        ("supplier", f"Arg1:{transfer}", f"Arg2:{t_ids['la Corée du Nord']}"),
        ("recipient", f"Arg1:{transfer}", f"Arg2:{t_ids['la Russie']}"),
        ("amount", f"Arg1:{transfer}", f"Arg2:{t_ids[TROOPS]}"),
        ("about", f"Arg1:{t_ids['les experts estiment que c’est un risque']}", f"Arg2:{transfer}"),
    }
    attributes = {tuple(fields[1].split(" ")) for fields in kinds["A"]}
    assert attributes == {
        ("confidence", t_ids["les experts estiment que c’est un risque"], "high"),
        ("status", transfer, "confirmed"),
    }
    [normalisation] = kinds["N"]
    assert normalisation[1].split(" ")[1] == t_ids["la Corée du Nord"]
    assert normalisation[-1] == "Corée du Nord"


def test_brat_round_trip_keeps_links_and_attributes(project: Project, linked: dict[str, str], tmp_path: Path) -> None:
    from annotator.services.exporting import export_project
    from annotator.services.merging import import_set

    folder = tmp_path / "brat"
    export_project(project, "brat", folder)
    with Project(tmp_path / "copy.db") as copy:
        import_set(copy, folder, annotator="tester")
        assert link_set(copy) == link_set(project)
        assert attribute_set(copy) == attribute_set(project)


@pytest.mark.parametrize(("fmt", "module"), [("conll", "conll"), ("csv", "csv_export")])
def test_formats_without_links_say_what_they_left_out(
    project: Project, linked: dict[str, str], tmp_path: Path, fmt: str, module: str
) -> None:
    from annotator.services.exporting import export_project

    report = export_project(project, fmt, tmp_path / f"out.{fmt}")
    assert any("link" in warning.lower() for warning in report.warnings), report.warnings
