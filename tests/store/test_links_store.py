"""Store integrity of links, attributes and entities: the schema is enforced, no link outlives its spans (on a
file and on a team server: ``tests/store/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annotator.core.model import LinkType, ValidationError
from annotator.store.errors import NotFound
from annotator.store.project import ChangeKind, Project


@pytest.fixture
def spans(project: Project, french_doc) -> dict[str, str]:
    """Actor, transfer, quantity and assessment spans of the French document, by name."""
    text = french_doc.text

    def add(phrase: str, label: str) -> str:
        start = text.index(phrase)
        return project.add_span(french_doc.id, start, start + len(phrase), label, expected_text=phrase).id

    return {
        "dprk": add("la Corée du Nord", "actor"),
        "transfer": add("a fourni à la Russie des munitions d’artillerie", "transfer"),
        "russia": add("la Russie", "actor"),
        "troops": add("Plus de 10\u00a0000 soldats", "quantity"),
        "assessment": add("les experts estiment que c’est un risque", "assessment"),
    }


Reopen = Callable[[], Project]


def dangling_links(reopen: Reopen) -> int:
    """Links whose ends are missing, counted from a second connection."""
    with reopen() as other:
        return sum(not (other.has_span(lk.from_span) and other.has_span(lk.to_span)) for lk in other.links())


def test_default_link_schema(project: Project) -> None:
    assert {(lt.role, lt.from_label, lt.to_labels) for lt in project.link_types()} == {
        ("supplier", "transfer", ("actor",)),
        ("recipient", "transfer", ("actor",)),
        ("amount", "transfer", ("quantity",)),
        ("about", "assessment", ("transfer", "actor", "quantity")),
    }


def test_allowed_links_are_stored_and_listed(project: Project, spans: dict[str, str], french_doc, reopen) -> None:
    supplier = project.add_link(spans["transfer"], spans["dprk"], "supplier", annotator="ana")
    about = project.add_link(spans["assessment"], spans["transfer"], "about")
    assert project.links(french_doc.id) == [supplier, about]
    assert project.links(span_ids=[spans["dprk"]]) == [supplier]
    assert project.link(about.id).annotator == "tester"
    with reopen() as other:  # durable: seen by another connection
        assert [lk.role for lk in other.links()] == ["supplier", "about"]


@pytest.mark.parametrize(
    ("source", "target", "role", "message"),
    [
        ("transfer", "troops", "supplier", "cannot link transfer → quantity"),
        ("dprk", "transfer", "supplier", "cannot link actor → transfer"),
        ("transfer", "dprk", "sponsor", "unknown link role"),
        ("assessment", "assessment", "about", "assessment → assessment|itself"),
        ("troops", "transfer", "about", "cannot link quantity → transfer"),
    ],
)
def test_links_the_schema_does_not_allow_are_refused(
    project: Project, spans: dict[str, str], reopen, source, target, role, message
) -> None:
    with pytest.raises(ValidationError, match=message):
        project.add_link(spans[source], spans[target], role)
    assert project.links() == []
    with reopen() as other:
        assert other.links() == []


def test_links_join_spans_of_one_document(project: Project, spans: dict[str, str], emoji_doc) -> None:
    other = project.add_span(emoji_doc.id, emoji_doc.text.index("la Corée"), emoji_doc.text.index(" 🚀"), "actor")
    assert other.text == "la Corée du Nord"
    with pytest.raises(ValidationError, match="same document"):
        project.add_link(spans["transfer"], other.id, "supplier")


def test_links_to_missing_spans_are_refused(project: Project, spans: dict[str, str]) -> None:
    with pytest.raises(NotFound):
        project.add_link(spans["transfer"], "00000000-0000-0000-0000-000000000000", "supplier")
    # Even written behind the store's back, the file's foreign keys refuse it.
    with pytest.raises(ValidationError, match="integrity"), project.transaction() as db:
        db.execute(
            "INSERT INTO links (id, from_span, to_span, role, annotator, created, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            ["x", spans["transfer"], "missing", "supplier", "t", "now", "now"],
        )
    assert project.links() == []


def test_update_link_checks_the_schema(project: Project, spans: dict[str, str]) -> None:
    link = project.add_link(spans["transfer"], spans["dprk"], "supplier")
    before, after = project.update_link(link.id, role="recipient")
    assert (before.role, after.role) == ("supplier", "recipient")
    with pytest.raises(ValidationError):
        project.update_link(link.id, role="amount")
    with pytest.raises(ValidationError):
        project.update_link(link.id, to_span=spans["troops"])
    assert project.link(link.id) == after
    project.restore_link(before)
    assert project.link(link.id) == before


def test_deleting_a_span_takes_its_links_in_the_same_step(project: Project, spans: dict[str, str], reopen) -> None:
    supplier = project.add_link(spans["transfer"], spans["dprk"], "supplier")
    recipient = project.add_link(spans["transfer"], spans["russia"], "recipient")
    about = project.add_link(spans["assessment"], spans["transfer"], "about")
    project.set_attribute(spans["transfer"], "status", "confirmed")
    seen = []
    project.add_listener(lambda change: seen.append((change.kind, dangling_links(reopen))))
    deleted = project.delete_span(spans["transfer"])
    assert seen == [(ChangeKind.SPANS_DELETED, 0)]  # at the first notification, nothing dangles
    assert set(deleted.links) == {supplier, recipient, about}
    assert deleted.attributes == (("status", "confirmed"),)
    assert project.links() == []
    assert dangling_links(reopen) == 0
    # Undo: the span comes back with its links and attributes, same ids.
    project.restore_span(deleted)
    assert set(project.links()) == {supplier, recipient, about}
    assert project.attributes(spans["transfer"]) == {"status": "confirmed"}


def test_deleting_a_target_span_and_restoring_in_reverse_order(project: Project, spans: dict[str, str]) -> None:
    supplier = project.add_link(spans["transfer"], spans["dprk"], "supplier")
    first = project.delete_span(spans["dprk"])
    second = project.delete_span(spans["transfer"])
    assert second.links == ()  # the link went with the first deletion
    project.restore_span(second)
    assert project.links() == []  # its other end is still gone: no dangling link
    project.restore_span(first)
    assert project.links() == [supplier]


def test_deleting_a_document_takes_links_and_restoring_brings_them(
    project: Project, spans: dict[str, str], french_doc, reopen
) -> None:
    link = project.add_link(spans["transfer"], spans["dprk"], "supplier")
    project.set_attribute(spans["assessment"], "confidence", "low")
    deleted = project.delete_document(french_doc.id)
    assert project.links() == [] and dangling_links(reopen) == 0
    project.restore_document(deleted)
    assert project.links() == [link]
    assert project.attributes(spans["assessment"]) == {"confidence": "low"}


def test_attributes_are_checked_against_the_label(project: Project, spans: dict[str, str]) -> None:
    assert project.set_attribute(spans["assessment"], "confidence", "high") is None
    assert project.set_attribute(spans["assessment"], "confidence", "medium") == "high"
    with pytest.raises(ValidationError, match="must be one of low, medium, high"):
        project.set_attribute(spans["assessment"], "confidence", "certain")
    with pytest.raises(ValidationError, match="has no attribute"):
        project.set_attribute(spans["dprk"], "confidence", "high")
    assert project.all_attributes() == {spans["assessment"]: {"confidence": "medium"}}
    assert project.set_attribute(spans["assessment"], "confidence", None) == "medium"
    assert project.attributes(spans["assessment"]) == {}


def test_entities_are_shared_and_must_exist(project: Project, spans: dict[str, str]) -> None:
    entity = project.add_entity("  Corée du Nord ")
    assert entity.name == "Corée du Nord"
    assert project.add_entity("Corée du Nord") == entity
    with pytest.raises(ValidationError):
        project.add_entity("   ")
    project.update_span(spans["dprk"], entity_id=entity.id)
    assert project.span(spans["dprk"]).entity_id == entity.id
    with pytest.raises(ValidationError, match="integrity"):
        project.update_span(spans["russia"], entity_id=entity.id + 99)
    assert project.span(spans["russia"]).entity_id is None


def test_link_schema_is_editable(project: Project, spans: dict[str, str]) -> None:
    project.set_link_types([*project.link_types(), LinkType("amount", "assessment", ("quantity",))])
    project.add_link(spans["assessment"], spans["troops"], "amount")
    with pytest.raises(ValidationError, match="unknown labels"):
        project.set_link_types([LinkType("about", "assessment", ("nothing",))])
