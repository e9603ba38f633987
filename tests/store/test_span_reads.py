"""The range reads a view of a long document uses, on a file and on a team server: each gives what a plain walk
over every span gives (code-point offsets, text order), whichever database answers."""

from __future__ import annotations

import random

from annotator.store.project import Project

WORDS = ("la Corée du Nord", "a livré", "1\u202f000 obus", "à la Russie", "selon l’ONU", "🇰🇵", "Kim Jong-un")
LABELS = ("actor", "transfer", "quantity", "assessment")


def long_document(project: Project) -> tuple[int, str, list]:
    rng = random.Random(7)
    text = " ".join(rng.choice(WORDS) for _ in range(3000)) + ".\n"
    document, _ = project.add_document("Longue dépêche", text)
    doc = int(document.id or 0)
    made = []
    for _ in range(400):
        start = rng.randrange(0, len(text) - 30)
        length = rng.choice((3, 8, 20, 2500)) if rng.random() < 0.05 else rng.randrange(1, 25)
        end = min(len(text), start + length)
        annotator = rng.choice(("sam", "camille", "gold"))
        status = rng.choice(("accepted", "accepted", "suggested", "rejected"))
        made.append(project.add_span(doc, start, end, rng.choice(LABELS), annotator=annotator, status=status))
    return doc, text, made


def test_range_reads_give_what_a_walk_over_every_span_gives(project: Project) -> None:
    doc, text, made = long_document(project)
    listed = sorted((s for s in made if s.status != "rejected"), key=lambda s: (s.start, s.end, s.label, s.id))
    low, high = 4000, 9000
    assert project.listed_spans_starting(doc, low, high) == [s for s in listed if low <= s.start < high]
    mine = [s for s in listed if s.annotator == "sam" and s.start >= low]
    assert project.listed_spans_starting(doc, low, None, annotator="sam") == mine
    key = (mine[3].start, mine[3].end, mine[3].label, mine[3].id)
    assert project.listed_spans_before(doc, low, None, key, annotator="sam") == 3
    histogram = project.span_histogram(doc, 1000)
    assert sum(n for *_, n in histogram.rows) == len(made)
    assert project.span_histogram_soon(doc, 1000)() == histogram
    drawn = {(s.id, s.start, s.end, s.label, s.annotator, s.status) for s in listed}
    assert set(project.drawn_spans(doc)) == drawn
    assert set(project.drawn_spans_longer_than(doc, 100)) == {d for d in drawn if d[2] - d[1] > 100}
    assert set(project.drawn_spans_starting(doc, low, high, 30)) == {
        d for d in drawn if low <= d[1] < high and d[2] - d[1] <= 30
    }
    ranges = [(5000, 5010), (12000, 12040)]
    expected = sorted(
        ((s.id, s.start, s.end, s.label, s.status) for s in made if any(s.start < b and s.end > a for a, b in ranges)),
        key=lambda r: (r[1], r[2], r[0]),
    )
    assert project.spans_overlapping(doc, ranges, long_span=100) == expected
    for span in made[:20]:
        assert text[span.start : span.end] == span.text == project.span(span.id).text
    assert project.drawn_spans_with_ids(doc, []) == []
    assert project.links_of_spans([]) == []


def test_links_entities_and_reports_read_the_same_on_both(project: Project) -> None:
    doc, _, made = long_document(project)
    transfers = [s for s in made if s.label == "transfer"][:5]
    actors = [s for s in made if s.label == "actor"][:5]
    links = [project.add_link(t.id, a.id, "supplier") for t, a in zip(transfers, actors, strict=True)]
    assert sorted(project.links(doc), key=lambda lk: lk.id) == sorted(links, key=lambda lk: lk.id)
    near = project.links_near(doc, transfers[0].start, transfers[0].end)
    assert links[0] in [lk for lk, _, _ in near]
    ends = project.link_ends("transfer")
    assert {e[0] for e in ends} == {t.id for t in transfers}
    assert project.link_ends("transfer", documents=[]) == []
    entity = project.add_entity("Corée du Nord")
    project.update_span(actors[0].id, entity_id=entity.id)
    assert (actors[0].text, "actor", entity.id) in project.entity_spans() or actors[0].status != "accepted"
    assert project.entity_mention_counts().get(int(entity.id or 0), 0) == (actors[0].status != "rejected")
    accepted = {(s.text, s.label) for s in made if s.status == "accepted"}
    assert set(project.accepted_texts()) == accepted
    assert project.annotators() == sorted({s.annotator for s in made})
    assert project.span_count("suggested") == sum(s.status == "suggested" for s in made)
    assert project.documents_with_words(["la", "Corée"]) == [doc]
    assert project.documents_with_words(["Corée", "Russie", "Japon"]) == []
