"""``annotator copy``: a whole project from a file to a team server and back, losslessly (the native jsonl export
of both sides byte-identical), one transaction per batch of documents, and resumable after an interruption (a
full disk, a killed process) without duplicating anything."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import LinkType, ValidationError
from annotator.services.copying import COPY_MARK, copy_project
from annotator.services.exporting import export_project
from annotator.store.errors import DiskFull
from annotator.store.project import Project
from tests.conftest import EMOJI, FRENCH
from tests.processes import child_env
from tests.raw_sql import raw_connection

psycopg = pytest.importorskip("psycopg")


def rich_project(path: Path) -> Project:
    """A project with everything a project holds: French and emoji texts, a label scheme of its own (a label
    with attributes, a retired one, a default one dropped from the link schema), entities, reviewed and
    scored spans, notes, attributes, links with notes, a recorded source file and settings."""
    project = Project(path)
    coree, _ = project.add_document(
        "Corée", FRENCH, language="fr", metadata={"date": "2024-11-05", "source": "Le Monde"}
    )
    emoji, _ = project.add_document("Emoji", EMOJI, source_path="/data/emoji.txt", metadata={"auteur": "Élise"})
    c, e = int(coree.id or 0), int(emoji.id or 0)
    project.add_label("arme", color="#112233", hotkey="9", guideline="obus, munitions…", attributes={"type": ["obus"]})
    project.edit_label("assessment", guideline="jugement attribué")
    project.set_link_types([*project.link_types(), LinkType("weapon", "transfer", ("arme",))])
    north = project.add_entity("Corée du Nord", "actor")
    russia = project.add_entity("Russie", "actor")
    onu = FRENCH.index("l’ONU")
    actor = project.add_span(c, onu, onu + 5, "actor", annotator="camille", note="l’ONU")
    korea = project.add_span(c, FRENCH.index("Corée"), FRENCH.index("Corée") + 13, "actor", annotator="gold",
                             entity_id=north.id)  # fmt: skip
    fourni = project.add_span(c, FRENCH.index("fourni"), FRENCH.index("fourni") + 6, "transfer", annotator="gold")
    russie = project.add_span(c, FRENCH.index("la Russie"), FRENCH.index("la Russie") + 9, "actor",
                              annotator="gold", entity_id=russia.id)  # fmt: skip
    soldats = FRENCH.index("10\u00a0000")
    project.add_span(c, soldats, soldats + 6, "quantity", annotator="sam", status="suggested", source="quantity")
    obus = EMOJI.index("1\u202f000 obus")
    weapon = project.add_span(e, obus, obus + 10, "arme", annotator="camille", status="suggested", source="model")
    flag = project.add_span(e, EMOJI.index("🇰🇵"), EMOJI.index("🇰🇵") + 2, "actor", annotator="camille")
    project.update_span(actor.id, review="approved", reviewer="gold", review_comment="d’accord")
    project.update_span(flag.id, status="rejected")
    project.set_attribute(weapon.id, "type", "obus")
    project.set_attribute(fourni.id, "status", "confirmed")
    project.add_link(fourni.id, korea.id, "supplier", annotator="gold")
    project.add_link(fourni.id, russie.id, "recipient", annotator="gold", note="selon l’ONU")
    project.set_span_scores({weapon.id: 0.73}, "model-2024")
    project.record_document_source(e, "/data/emoji.txt", "ab" * 32, 123, "2024-11-05T10:00:00Z", "machine-1")
    project.update_document(c, done=True)
    project.retire_label("quantity")
    project.set_setting("transfers.view", "carte")
    return project


def native(project: Project, out: Path) -> bytes:
    export_project(project, "jsonl", out, statuses=("all",))
    return out.read_bytes()


def everything(project: Project) -> dict[str, Any]:
    """What a project holds beyond its native export: the scheme as stored, sources, scores, settings."""
    return {
        "labels": project.label_records(),
        "link_types": project.link_type_rows(),
        "entities": [(e.id, e.name, e.label, e.created) for e in project.entities()],
        "sources": [project.document_source_row(i) for i in project.document_ids()],
        "scores": [project.span_score_rows(i) for i in project.document_ids()],
        "settings": project.settings(),
        "documents": [project.document(i) for i in project.document_ids()],
        "spans": project.spans(statuses=None),
        "links": sorted(project.links(), key=lambda lk: lk.id),
        "attributes": project.all_attributes(),
    }


def test_a_project_goes_to_a_server_and_back_unchanged(pg_cluster, pg_database, tmp_path: Path) -> None:
    server = pg_cluster.conninfo(pg_database)
    with rich_project(tmp_path / "source.db") as source, Project(server) as team:
        report = copy_project(source, team, batch=1)
        assert (report.documents, report.spans, report.links, report.attributes, report.entities) == (2, 7, 2, 2, 2)
        assert (report.scores, report.sources, report.settings, report.resumed) == (1, 1, 1, False)
        assert native(team, tmp_path / "team.jsonl") == native(source, tmp_path / "source.jsonl")
        assert everything(team) == everything(source)
        assert team.setting(COPY_MARK) is None
        with Project(tmp_path / "back.db") as back:
            copy_project(team, back)
            assert native(back, tmp_path / "back.jsonl") == native(source, tmp_path / "source.jsonl")
            assert everything(back) == everything(source)
        # The copy is a project like any: new rows get new ids after the copied ones.
        document, created = team.add_document("Nouveau", "Un texte de plus.\n")
        assert created and document.id == 3
        assert team.add_entity("Japon").id == 3


def many_documents(path: Path, count: int, spans_each: int = 5) -> Project:
    project = Project(path)
    with project.bulk_write() as bulk:
        for n in range(count):
            text = f"Dépêche nº {n} : la Corée du Nord a livré {n}\u202f000 obus à la Russie, selon l’ONU.\n"
            doc_id = project.insert_document_row(
                title=f"Dépêche {n}", text=text, source_path=None, language="fr",
                added_at="2024-11-05T10:00:00.000Z", metadata={"n": n}, done=False,
            )  # fmt: skip
            start = text.index("la Corée")
            for k in range(spans_each):
                project.insert_span_row(project.make_span(doc_id, start + k, start + 16, "actor", annotator="gold"))
        bulk.changed = True
    return project


def test_a_copy_stopped_by_a_full_disk_carries_on_where_it_stopped(tmp_path: Path) -> None:
    source = many_documents(tmp_path / "source.db", 120, spans_each=8)
    target_path = tmp_path / "copy.db"
    with Project(target_path) as target:
        pages = int(raw_connection(target).execute("PRAGMA page_count").fetchone()[0])
        raw_connection(target).execute(f"PRAGMA max_page_count = {pages + 25}")  # room for part of the copy only
        with pytest.raises(DiskFull):
            copy_project(source, target, batch=7)
    with Project(target_path) as target:
        copied = len(target.document_ids())
        assert 0 < copied < 120 and copied % 7 == 0  # whole batches, nothing half-written
        assert len(target.spans()) == copied * 8
        assert target.setting(COPY_MARK) is not None
        report = copy_project(source, target, batch=7)
        assert report.resumed and report.already == copied and report.documents == 120 - copied
        assert native(target, tmp_path / "copy.jsonl") == native(source, tmp_path / "source.jsonl")
        assert len(target.spans()) == 120 * 8
    source.close()


def test_a_killed_copy_to_a_server_resumes_without_duplicates(pg_cluster, pg_database, tmp_path: Path) -> None:
    many_documents(tmp_path / "source.db", 400, spans_each=10).close()
    server = pg_cluster.conninfo(pg_database)
    args = [sys.executable, "-m", "annotator", "copy", "--db", str(tmp_path / "source.db"), "--to", server]
    child = subprocess.Popen([*args, "--batch", "1"], env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with psycopg.connect(server, autocommit=True) as watch:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = watch.execute("SELECT to_regclass('public.documents') IS NOT NULL").fetchone()
            if found[0] and watch.execute("SELECT count(*) FROM documents").fetchone()[0] >= 5:
                break
            time.sleep(0.005)
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        copied = watch.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert 5 <= copied < 400
        assert watch.execute("SELECT count(*) FROM annotations").fetchone()[0] == copied * 10
    again = subprocess.run(args, env=child_env(), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"({copied} already copied by an interrupted run)" in again.stdout
    with Project(tmp_path / "source.db", read_only=True) as source, Project(server) as team:
        assert native(team, tmp_path / "team.jsonl") == native(source, tmp_path / "source.jsonl")
        assert len(team.spans()) == 4000


def test_a_destination_that_holds_anything_else_is_refused_untouched(tmp_path: Path) -> None:
    with rich_project(tmp_path / "source.db") as source, Project(tmp_path / "other.db") as other:
        other.add_document("Autre", "Un autre projet.\n")
        before = native(other, tmp_path / "before.jsonl")
        with pytest.raises(ValidationError, match="already holds a project"):
            copy_project(source, other)
        assert native(other, tmp_path / "after.jsonl") == before and other.setting(COPY_MARK) is None
    with Project(tmp_path / "source.db") as source, Project(tmp_path / "partial.db") as partial:
        partial.set_setting(COPY_MARK, "0" * 64)  # an interrupted copy of another project
        with pytest.raises(ValidationError, match="interrupted copy of another project"):
            copy_project(source, partial)
        assert not partial.has_documents()


def test_the_command_prints_what_it_copied_and_refuses_in_one_line(tmp_path: Path) -> None:
    rich_project(tmp_path / "source.db").close()
    args = [sys.executable, "-m", "annotator", "copy", "--db", str(tmp_path / "source.db")]
    done = subprocess.run([*args, "--to", str(tmp_path / "copy.db")], env=child_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("copied 2 documents, 7 spans, 2 links, 2 attributes, 1 scores, 2 entities, 5 labels")
    again = subprocess.run([*args, "--to", str(tmp_path / "copy.db")], env=child_env(), capture_output=True, text=True)
    assert again.returncode == 2 and again.stderr.count("\n") == 1 and "already holds a project" in again.stderr
    bad = subprocess.run([*args, "--to", str(tmp_path / "c2.db"), "--batch", "0"], env=child_env(),
                         capture_output=True, text=True)  # fmt: skip
    assert bad.returncode == 2 and "--batch" in bad.stderr and not (tmp_path / "c2.db").exists()


def test_a_team_project_is_backed_up_into_a_project_file(pg_cluster, pg_database, tmp_path: Path) -> None:
    server = pg_cluster.conninfo(pg_database)
    with rich_project(tmp_path / "source.db") as source, Project(server) as team:
        copy_project(source, team)
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "backup", "--db", server, "--out", str(tmp_path / "saved")],
        env=child_env(), capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    saved = tmp_path / "saved"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no partial file left
    with Project(saved, read_only=True) as copy, Project(tmp_path / "source.db", read_only=True) as source:
        assert native(copy, tmp_path / "copy.jsonl") == native(source, tmp_path / "source.jsonl")
