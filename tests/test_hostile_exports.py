"""Line-based exports cannot be forged: a value holding a line break or a tab never writes a line of its own
into a brat ``.ann`` or ``annotation.conf`` or a CoNLL file, and re-importing the export creates no span that
never existed."""

from __future__ import annotations

from pathlib import Path

from annotator.store.project import Project
from tests.processes import run_cli

FORGED_T = "T99\tactor 0 5\tSelon"
FORGED_NOTE = "#9\tAnnotatorNotes T1\tforged"
# Every character some reader takes for the end of a line, and a tab.
BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
TEXT = (
    "Selon l’ONU,\u2028la Corée du Nord a fourni\x85à la Russie des munitions.\n"
    "Plus de 10\u00a0000 soldats\tsont déployés\u2029les experts estiment\x0bque c’est un risque.\n"
)


def hostile_project(path: Path) -> list[tuple[int, int, str]]:
    """Spans across odd line breaks, and every value that reaches an .ann line holding forged lines."""
    hostile_value = "confirmed\n" + FORGED_T
    with Project(path) as project:
        project.edit_label("transfer", attributes={"status": [hostile_value, "confirmed", "très probable"]})
        project.edit_label("assessment", attributes={"confidence\nA7\tx T1 y": ["low"]})
        document, _ = project.add_document("Corée\n" + FORGED_T, TEXT)

        def add(phrase: str, label: str, **fields) -> str:
            start = TEXT.index(phrase)
            return project.add_span(document.id, start, start + len(phrase), label, **fields).id

        actor = add("l’ONU,\u2028la Corée", "actor", note="".join(f"a{b}{FORGED_NOTE}" for b in BREAKS))
        transfer = add("a fourni\x85à la Russie", "transfer", annotator="ann")
        other = add("des munitions", "transfer", annotator="ann")
        add("soldats\tsont déployés\u2029les experts", "quantity")
        add("estiment\x0bque", "assessment")
        project.set_attribute(transfer, "status", hostile_value)
        project.set_attribute(other, "status", "très probable")
        entity = project.add_entity("la Corée\r\n" + FORGED_T)
        project.update_span(actor, entity_id=entity.id)
        project.add_link(transfer, actor, "supplier")
        return sorted((s.start, s.end, s.label) for s in project.spans(document.id))


def test_brat_export_writes_no_forged_line_and_reimports_only_real_spans(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    spans = hostile_project(db)
    out = tmp_path / "brat"
    result = run_cli("export", "--db", str(db), "--format", "brat", "--out", str(out), "--status", "all")
    assert result.returncode == 0, result.stderr
    assert "attributes with spaces, line breaks or tabs were left out" in result.stderr + result.stdout
    [ann] = out.glob("*.ann")
    raw = ann.read_text(encoding="utf-8")
    lines = raw.split("\n")[:-1]
    assert raw.splitlines() == lines, "no character any reader takes for a line break inside a line"
    assert [line[0] for line in lines].count("T") == len(spans)
    assert not any(line.startswith(("T99", "#9", "A7")) for line in lines)
    for line in lines:
        assert line[0] in "TRAN#" and line.split("\t")[0][1:].isdigit(), line
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert conf.splitlines() == conf.split("\n")[:-1]
    assert "T99" not in conf and "très probable" not in conf and "A7" not in conf
    assert "status\tArg:transfer, Value:confirmed" in conf

    again = tmp_path / "again.db"
    result = run_cli("import", "--db", str(again), "--unknown-labels", "add", "--annotator", "ann", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    with Project(again) as project:
        [document] = project.documents()
        assert project.document_text(document.id) == TEXT
        assert sorted((s.start, s.end, s.label) for s in project.spans(document.id)) == spans
        assert all(s.note.count("\n") == 0 for s in project.spans(document.id))


def test_conll_tokens_never_hold_a_line_break_or_a_tab(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    hostile_project(db)
    out = tmp_path / "out.conll"
    result = run_cli("export", "--db", str(db), "--format", "conll", "--out", str(out), "--status", "all")
    assert result.returncode == 0, result.stderr
    raw = out.read_text(encoding="utf-8")
    lines = raw.split("\n")
    assert raw.splitlines() == lines[:-1]
    for line in lines:
        if line:
            token, tag = line.split(" ")
            assert "\t" not in token and token and (tag == "O" or tag[:2] in ("B-", "I-"))
