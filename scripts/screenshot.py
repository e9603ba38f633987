"""Make ``docs/screenshot.png`` (the window on the seed article with its gold annotations),
``docs/transfers-workspace.png`` (the Transfers workspace on the sample documents and their gold set) and
``docs/screenshot-fr-dark.png`` (the same window in French with the dark theme).

Runs offscreen on temporary projects and temporary settings, so it never touches a real project or the
user's preferences. For the workspace, the sample articles get the publication dates an analyst would
enter in Document → Properties (the text files carry none), so that the timeline has months to show.
Usage: ``python scripts/screenshot.py [OUT.png [WORKSPACE.png [FRENCH-DARK.png]]]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_docs"
ARTICLE = SAMPLES / "coree-russie-industrie-defense.txt"
GOLD = SAMPLES / "gold.jsonl"
SIZE = (1400, 850)
WORKSPACE_SIZE = (1400, 900)
# Publication dates of the sample articles, as set in Document → Properties for the workspace picture.
SAMPLE_DATES = {
    "coree-russie-industrie-defense": ("2024-11-21", "The Japan Times"),
    "en-shells-for-oil": ("2024-09-03", ""),
    "en-troops-kursk": ("2024-12-10", ""),
    "fr-petrole-sanctions": ("2024-10-15", ""),
    "fr-soldats-koursk": ("2025-01-08", ""),
}

# Shown when the gold set is not there: a few spans by phrase, so the picture shows highlights.
FALLBACK_SPANS = (
    ("La Corée du Nord", "actor"),
    ("la Russie", "actor"),
    ("reçoit une aide financière et des technologies de pointe", "transfer"),
    ("la fourniture à la Russie de munitions d’artillerie", "transfer"),
    ("plus de 10\u00a0000 soldats nord-coréens", "quantity"),
    ("les experts estiment que la véritable préoccupation", "assessment"),
    ("Pyongyang", "actor"),
)


def build_project(path: Path) -> int:
    """Import the seed article (and the gold set if present); returns the article's document id."""
    from annotator.services.importing import import_paths
    from annotator.store.project import Project

    with Project(path) as project:
        report = import_paths(project, [ARTICLE])
        doc_id = report.documents[0][0]
        if GOLD.exists():
            import_paths(project, [GOLD], annotator="gold", unknown_labels="add")
        if not project.spans(doc_id):
            text = project.document_text(doc_id)
            for phrase, label in FALLBACK_SPANS:
                start = text.find(phrase)
                if start < 0:
                    start = text.find(phrase.replace("\u00a0", " "))
                if start >= 0:
                    project.add_span(doc_id, start, start + len(phrase), label, annotator="gold")
    return doc_id


def build_sample_project(path: Path) -> None:
    """The sample documents and gold set, as the default project is seeded, with their dates."""
    from annotator.services.samples import seed_with_samples
    from annotator.store.project import Project

    with Project(path) as project:
        seed_with_samples(project)
        for document in project.documents():
            date, source = SAMPLE_DATES.get(Path(document.source_path or "").stem, ("", ""))
            metadata = dict(project.document(document.id).metadata)
            metadata.update({k: v for k, v in (("date", date), ("source", source)) if v})
            project.update_document(document.id, metadata=metadata)


def shoot_workspace(home: Path, out: Path) -> bool:
    """The Transfers workspace on the sample documents, an arrow clicked so its transfers are listed."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWidget

    from annotator.ui.main_window import MainWindow

    db_path = home / "samples.db"
    build_sample_project(db_path)
    window = MainWindow(db_path, annotator="gold", poll_interval_ms=0)
    window.resize(*WORKSPACE_SIZE)
    window.show()
    workspace = window.findChild(QWidget, "transfers-workspace")
    window.show_workspace(workspace)
    for _ in range(5):
        QCoreApplication.processEvents()
    edge = workspace.graph.edges.get(("North Korea", "Russia"))
    if edge is not None:
        workspace.map.edges[("North Korea", "Russia")].setSelected(True)
        workspace.show_edge(edge)
    for _ in range(5):
        QCoreApplication.processEvents()
    ok = window.grab().save(str(out), "PNG")
    window.close()
    return ok


def shoot_french_dark(db_path: Path, doc_id: int, out: Path) -> bool:
    """The window on the seed article in French, with the dark theme, a transfer and its links selected."""
    from PySide6.QtCore import QCoreApplication

    from annotator.ui import i18n, theme
    from annotator.ui.app import app_settings
    from annotator.ui.main_window import MainWindow

    settings = app_settings()  # the temporary settings: as chosen in Preferences and View → Theme
    settings.setValue(i18n.LANGUAGE_KEY, "fr")
    settings.setValue(theme.THEME_KEY, "dark")
    settings.sync()
    window = MainWindow(db_path, annotator="gold", poll_interval_ms=0)
    window.resize(*SIZE)
    window.show()
    window.open_document(doc_id)
    transfers = [s for s in window.annotation_model.spans() if s.label == "transfer"]
    if transfers:
        window.select_span(transfers[0].id)
    window.reader.verticalScrollBar().setValue(0)
    for _ in range(5):
        QCoreApplication.processEvents()
    ok = window.grab().save(str(out), "PNG")
    window.close()
    return ok


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshot.png"
    workspace_out = Path(argv[2]) if len(argv) > 2 else out.with_name("transfers-workspace.png")
    french_out = Path(argv[3]) if len(argv) > 3 else out.with_name("screenshot-fr-dark.png")
    with tempfile.TemporaryDirectory(prefix="annotator-shot-") as tmp:
        home = Path(tmp)
        os.environ["HOME"] = str(home)
        os.environ["XDG_CONFIG_HOME"] = str(home / "config")
        os.environ["XDG_DATA_HOME"] = str(home / "data")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ["ANNOTATOR_NAME"] = "gold"
        os.environ["LANG"] = "C.UTF-8"  # the first pictures in English whatever the machine speaks
        for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
            os.environ.pop(variable, None)

        from PySide6.QtCore import QCoreApplication

        from annotator.ui.app import ensure_application
        from annotator.ui.main_window import MainWindow

        db_path = home / "seed-article.db"
        doc_id = build_project(db_path)
        app = ensure_application(["annotator"])
        window = MainWindow(db_path, annotator="gold", poll_interval_ms=0)
        window.resize(*SIZE)
        window.show()
        window.open_document(doc_id)
        spans = window.annotation_model.spans()
        if len(spans) > 2:
            window.select_span(spans[2].id)
        window.reader.verticalScrollBar().setValue(0)
        for _ in range(5):
            QCoreApplication.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(out), "PNG")
        window.close()
        app.processEvents()
        if not ok:
            print(f"could not write {out}", file=sys.stderr)
            return 1
        if not shoot_workspace(home, workspace_out):
            print(f"could not write {workspace_out}", file=sys.stderr)
            return 1
        app.processEvents()
        if not shoot_french_dark(db_path, doc_id, french_out):
            print(f"could not write {french_out}", file=sys.stderr)
            return 1
        app.processEvents()
    print(out)
    print(workspace_out)
    print(french_out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
