"""Make ``docs/screenshot.png``: the window on the seed article with its gold annotations.

Runs offscreen on a temporary project and temporary settings, so it never touches a real
project or the user's preferences. Usage: ``python scripts/screenshot.py [OUT.png]``.
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
    from annotator.importing import import_paths
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


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshot.png"
    with tempfile.TemporaryDirectory(prefix="annotator-shot-") as tmp:
        home = Path(tmp)
        os.environ["HOME"] = str(home)
        os.environ["XDG_CONFIG_HOME"] = str(home / "config")
        os.environ["XDG_DATA_HOME"] = str(home / "data")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ["ANNOTATOR_NAME"] = "gold"

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
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
