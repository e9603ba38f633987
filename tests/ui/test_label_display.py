"""Label names are data; the window shows the default labels by their display name in its language
(« acteur », « transfert », « quantité », « appréciation » in French, from ``labels.toml``), while the stored
label, object names and the model's data stay the name. A project's own label shows its own name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from annotator.store.project import Project
from annotator.ui import i18n
from annotator.ui.main_window import MainWindow
from annotator.ui.models import SpanRole

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "La Corée du Nord a fourni des obus à la Russie, selon les experts ; plus de 10 000 soldats et des missiles.\n"
SHOWN = {
    "fr": {"actor": "acteur", "transfer": "transfert", "quantity": "quantité", "assessment": "appréciation"},
    "en": {"actor": "actor", "transfer": "transfer", "quantity": "quantity", "assessment": "assessment"},
}


def _window(qtbot, db_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> tuple[MainWindow, dict[str, str]]:
    """The real window over a project with one span per label (and ``weapon``, a label of the project's own),
    started under ``lang``'s locale; returns it and the span ids by label."""
    monkeypatch.setenv("LANG", "fr_FR.UTF-8" if lang == "fr" else "C.UTF-8")
    ids: dict[str, str] = {}
    with Project(db_path) as project:
        project.add_label("weapon", "#0072B2", "5", "An arm or munition.")
        doc, _ = project.add_document("Corée", TEXT)
        for label, words in (
            ("actor", "La Corée du Nord"),
            ("transfer", "a fourni des obus"),
            ("assessment", "selon les experts"),
            ("quantity", "plus de 10 000 soldats"),
            ("weapon", "missiles"),
        ):
            start = TEXT.index(words)
            ids[label] = project.add_span(doc.id, start, start + len(words), label, annotator="gold").id
    window = MainWindow(db_path, annotator="tester", poll_interval_ms=0)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    assert i18n.current_language() == lang
    window.open_document(doc.id)
    window.reader.spans.ensure_complete()
    return window, ids


def _rows(window: MainWindow) -> dict[str, str]:
    """The span table's label cell as shown, by the stored label of the row's span."""
    model = window.annotation_model
    found = {}
    for row in range(model.rowCount()):
        index = model.index(row, 0, QModelIndex())
        found[index.data(SpanRole).label] = index.data(Qt.ItemDataRole.DisplayRole)
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_window_shows_label_names_in_its_language(qtbot, db_path, monkeypatch, lang: str) -> None:
    window, ids = _window(qtbot, db_path, monkeypatch, lang)
    shown = {**SHOWN[lang], "weapon": "weapon"}
    # The label bar: the display name with the hotkey; the object name and the click stay the label's name.
    bar = window.label_bar.buttons
    assert set(bar) == set(shown)
    for name, text in shown.items():
        assert bar[name].objectName() == f"label-{name}"
        assert bar[name].text().split() == [text, bar[name].text().split()[-1]]
        assert text in bar[name].accessibleName()
    assert bar["actor"].text().split() == [shown["actor"], "1"]
    assert bar["weapon"].text().split() == ["weapon", "5"]
    with qtbot.waitSignal(window.label_bar.labelClicked) as clicked:
        bar["actor"].click()
    assert clicked.args == ["actor"]
    # The span table: the label column shows the display name; the span it holds keeps the stored label.
    assert _rows(window) == shown
    assert {span.label for span in window.project.spans(window.current_document_id())} == set(shown)
    # The status bar's description of the selected span.
    for name in ("actor", "weapon"):
        window.reader.select_span(ids[name])
        message = window.statusBar().currentMessage()
        said = f"{shown[name]}\u00a0: «\u00a0" if lang == "fr" else f"{shown[name]}: “"
        assert message.startswith(said) and message.endswith(" gold"), message
        if lang == "fr" and name == "actor":
            assert "actor" not in message
    # The reader tells a screen reader the label of the span under the cursor.
    window.reader.select_span(ids["transfer"])
    description = window.reader.accessibleDescription()
    assert description.startswith(shown["transfer"]) and "a fourni des obus" in description, description


def test_label_display_reads_the_default_schema(monkeypatch) -> None:
    assert i18n.current_language() == "en"
    assert [i18n.label_display(n) for n in SHOWN["en"]] == list(SHOWN["en"].values())
    monkeypatch.setattr(i18n, "_language", "fr")
    assert [i18n.label_display(n) for n in SHOWN["fr"]] == list(SHOWN["fr"].values())
    assert i18n.label_display("weapon") == "weapon"
    assert i18n.label_display("Acteur") == "Acteur"  # names are compared as written


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_filters_show_the_display_name_and_keep_the_name_as_data(qtbot, db_path, monkeypatch, lang: str) -> None:
    from PySide6.QtWidgets import QComboBox

    from annotator.ui.views.examples import ExamplesView
    from annotator.ui.views.review import ReviewView

    window, _ids = _window(qtbot, db_path, monkeypatch, lang)
    shown = {**SHOWN[lang], "weapon": "weapon"}
    review = window.findChild(ReviewView)
    examples = window.findChild(ExamplesView)
    assert review is not None and examples is not None
    review.refresh()
    examples.refresh()
    for combo in (window.findChild(QComboBox, "review-label"), window.findChild(QComboBox, "examples-label")):
        items = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
        assert {name: items[name] for name in shown} == shown
    # Choosing « acteur » filters on the stored label: the review queue lists the actor span, shown as such.
    label_filter = window.findChild(QComboBox, "review-label")
    label_filter.setCurrentIndex(label_filter.findData("actor"))
    review.refresh()
    assert [span.label for span in review.model.spans] == ["actor"]
    assert review.model.index(0, 1).data() == shown["actor"]
