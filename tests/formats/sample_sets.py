"""A project filled with spans of every kind, shared by the format tests."""

from __future__ import annotations

from annotator.core.model import Document
from annotator.store.project import Project


def add(project: Project, document: Document, phrase: str, label: str, **fields) -> str:
    """Tag the first occurrence of ``phrase``; returns the span id."""
    start = document.text.index(phrase)
    return project.add_span(document.id, start, start + len(phrase), label, expected_text=phrase, **fields).id


def fill(project: Project, french_doc: Document, emoji_doc: Document) -> dict[str, str]:
    """Both fixture documents with spans of every status, notes, reviews, an entity, attributes, links.

    Accepted: 5 spans (3 French, 2 emoji), none overlapping; one suggested ("la Russie", inside the
    transfer), one rejected.
    """
    project.update_document(french_doc.id, metadata={"source": "Le Monde", "date": "2024-11-02"}, done=True)
    ids = {
        "actor": add(project, french_doc, "la Corée du Nord", "actor", note="État « voyou » ?"),
        "transfer": add(project, french_doc, "a fourni à la Russie des munitions d’artillerie", "transfer"),
        "russia": add(project, french_doc, "la Russie", "actor", annotator="bob", status="suggested", source="ner"),
        "troops": add(project, french_doc, "10\u00a0000 soldats", "quantity", status="rejected"),
        "assessment": add(project, french_doc, "les experts estiment que c’est un risque", "assessment"),
        "emoji_actor": add(project, emoji_doc, "la Corée du Nord", "actor"),
        "shells": add(project, emoji_doc, "1\u202f000 obus", "quantity"),
    }
    project.update_span(ids["assessment"], review="approved", reviewer="chief", review_comment="ok")
    project.add_link(ids["transfer"], ids["actor"], "supplier")
    project.add_link(ids["assessment"], ids["transfer"], "about")
    project.set_attribute(ids["assessment"], "confidence", "low")
    project.update_span(ids["actor"], entity_id=project.add_entity("Corée du Nord").id)
    return ids
