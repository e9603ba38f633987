"""Search with date and outlet filters, on a file and on a team server: the same hits in the same order."""

from __future__ import annotations

from annotator.store.project import Project

ARTICLES = (
    ("Pétrole", "La Corée du Nord reçoit du pétrole russe.\n", {"date": "2024-11-05T08:00:00Z", "source": "Le Monde"}),
    ("Obus", "Pyongyang a livré des obus ; la Corée du Nord nie.\n", {"date": "2024-10-01", "source": "le  monde"}),
    ("Troupes", "North Korea sent troops; la Corée du Nord confirme.\n", {"date": "2025-01-15", "source": "Reuters"}),
    ("Sans date", "Un texte sur la Corée du Nord sans date.\n", {"source": "AFP"}),
)


def test_filters_and_order_are_the_same_on_both(project: Project) -> None:
    ids = {title: project.add_document(title, text, metadata=meta)[0].id for title, text, meta in ARTICLES}
    assert {hit.document_id for hit in project.search("coree")} == set(ids.values())
    assert [h.document_id for h in project.search("coree", since="2024-10-02", until="2024-12-31")] == [ids["Pétrole"]]
    assert {h.document_id for h in project.search("corée", source="LE MONDE")} == {ids["Pétrole"], ids["Obus"]}
    listed = project.search("", since="2024-01-01")  # no words: the documents of those days, by date
    assert [h.document_id for h in listed] == [ids["Obus"], ids["Pétrole"], ids["Troupes"]]
    assert [h.document_id for h in project.search("", source="afp")] == [ids["Sans date"]]
    assert project.search("") == []
    assert [h.document_id for h in project.search("pyongyang livre")] == [ids["Obus"]]
    assert "[Corée]" in project.search("coree", source="Reuters")[0].snippet
