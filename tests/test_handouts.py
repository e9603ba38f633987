"""Keyword-in-context rows and training handouts (Markdown and HTML), written and read back."""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest

from annotator.core.model import ValidationError
from annotator.services.handouts import context, escape_markdown, kwic_rows, write_handout

LINE = "Selon l’ONU, la Corée du Nord 🚀 a fourni à la Russie des munitions d’artillerie."


def test_context_stays_on_the_line_and_cuts_at_words() -> None:
    text = "Titre\n" + LINE + "\nSuite"
    start = text.index("la Russie")
    left, right = context(text, start, start + len("la Russie"), width=20)
    # 20 code points back is "u Nord 🚀 a fourni à " (the emoji is one): the partial "u" is dropped and marked.
    assert left == "…Nord 🚀 a fourni à "
    assert right == " des munitions…"
    left, right = context(text, text.index("Selon"), text.index("Selon") + 5, width=200)
    assert left == "" and right.endswith("d’artillerie.")  # never past the line break


def test_kwic_rows_filter_and_sort_keys(project) -> None:
    doc, _ = project.add_document("Corée 🚀", LINE + "\n")
    for phrase, name, status in [
        ("la Corée du Nord", "alice", "accepted"),
        ("la Russie", "bob", "accepted"),
        ("l’ONU", "bob", "suggested"),
    ]:
        start = LINE.index(phrase)
        project.add_span(doc.id, start, start + len(phrase), "actor", annotator=name, status=status)
    rows = kwic_rows(project, "actor")
    assert [r.keyword for r in rows] == ["la Corée du Nord", "la Russie"]
    assert rows[0].document == "Corée 🚀"
    assert rows[1].left_key[:2] == ("à", "fourni")
    assert rows[0].right_key[0] == "a"
    bob = kwic_rows(project, "actor", annotators=["bob"], statuses=None)
    assert [(r.keyword, r.status) for r in bob] == [("l’ONU", "suggested"), ("la Russie", "accepted")]
    assert kwic_rows(project, "transfer") == []


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        self.cells.append(data)


def _rows_with_markup(project):
    label = project.label("actor")
    project.edit_label("actor", guideline="Tag <b>names</b> & groups | “with” *care*")
    text = "Le groupe <script>alert(1)</script> & la **Corée** | fin.\n"
    doc, _ = project.add_document("<Doc> & co", text)
    start = text.index("la **Corée**")
    project.add_span(doc.id, start, start + len("la **Corée**"), "actor", annotator="alice")
    assert label.name == "actor"
    return project.label("actor"), kwic_rows(project, "actor")


def test_html_handout_is_escaped(project, tmp_path: Path) -> None:
    label, rows = _rows_with_markup(project)
    path = write_handout(tmp_path / "actor.html", label, rows)
    content = path.read_text(encoding="utf-8")
    assert "<script>" not in content and "&lt;script&gt;" in content
    assert "&lt;b&gt;names&lt;/b&gt; &amp; groups" in content
    parser = _Text()
    parser.feed(content)
    # The markup in the text came back as text, not as elements.
    assert "script" not in parser.tags and "b" not in parser.tags
    assert "la **Corée**" in parser.cells
    assert any("Le groupe <script>alert(1)</script> & " in cell for cell in parser.cells)
    assert "<Doc> & co" in parser.cells
    assert "td.left{text-align:right}" in content.replace(" ", "")


def test_markdown_handout_is_escaped(project, tmp_path: Path) -> None:
    label, rows = _rows_with_markup(project)
    path = write_handout(tmp_path / "actor.md", label, rows)
    content = path.read_text(encoding="utf-8")
    lines = content.splitlines()
    assert lines[0] == "# Examples of actor"
    assert "Tag \\<b\\>names\\</b\\> & groups \\| “with” \\*care\\*" in lines
    assert "|---:|:---:|:---|:---|" in lines
    [row] = [line for line in lines if "Corée" in line]
    # Every cell separator is a real one: the | inside the text is escaped.
    assert row.replace("\\|", "").count("|") == 5
    assert "**la \\*\\*Corée\\*\\***" in row
    assert escape_markdown("a\nb_c") == "a b\\_c"


def test_unknown_format_is_refused(project, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        write_handout(tmp_path / "x.pdf", project.label("actor"), [])
