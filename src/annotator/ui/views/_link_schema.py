"""The link schema editor: a table of roles (from label, to labels), applied as one undoable command."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.core.model import LinkType, ValidationError
from annotator.core.schema import Schema
from annotator.services.schema_io import SchemaReport, apply_schema, check_schema, project_schema
from annotator.store.project import Project
from annotator.ui.commands import ProjectCommand
from annotator.ui.i18n import tr_
from annotator.ui.plain_text import plain_label


class ApplySchemaCommand(ProjectCommand):
    """Apply a label and link schema; undo puts the previous one back (labels it added are retired)."""

    def __init__(self, project: Project, schema: Schema, text: str = "") -> None:
        super().__init__(project, text or tr_("Edit schema"))
        self.schema = schema
        self.before: Schema | None = None
        self.report = SchemaReport()

    def apply(self) -> None:
        if self.before is None:
            self.before = project_schema(self.project)
        self.report = apply_schema(self.project, self.schema)

    def revert(self) -> None:
        assert self.before is not None
        apply_schema(self.project, self.before)
        for name in self.report.labels_added:
            self.project.retire_label(name)


class LinkSchemaDialog(QDialog):
    """Edit the link schema as a table: role, from label, to labels (comma-separated)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("link-schema")
        self.setWindowTitle(tr_("Link schema"))
        self.window_ = window
        self.project: Project = window.project
        self.table = QTableWidget(0, 3, objectName="link-schema-table")
        self.table.setHorizontalHeaderLabels([tr_("Role"), tr_("From label"), tr_("To labels (comma-separated)")])
        self.table.horizontalHeader().setStretchLastSection(True)
        for link_type in self.project.link_types():
            self.add_row(link_type.role, link_type.from_label, ", ".join(link_type.to_labels))
        add = QPushButton(tr_("Add role"), objectName="link-schema-add")
        remove = QPushButton(tr_("Remove role"), objectName="link-schema-remove")
        add.clicked.connect(lambda: self.add_row("", "", ""))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        self.error = plain_label(name="link-schema-error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        names = ", ".join(lab.name for lab in self.project.labels())
        layout.addWidget(plain_label(tr_("Labels: {names}").format(names=names)))
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def add_row(self, role: str, from_label: str, to_labels: str) -> None:
        """Append one role to the table."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate((role, from_label, to_labels)):
            self.table.setItem(row, column, QTableWidgetItem(value))

    def link_types(self) -> list[LinkType]:
        """The table's roles; ValidationError on a bad row (blank rows are skipped)."""
        result: list[LinkType] = []
        for row in range(self.table.rowCount()):
            cells = [(self.table.item(row, c).text() if self.table.item(row, c) else "").strip() for c in range(3)]
            if not any(cells):
                continue
            to = tuple(t.strip() for t in cells[2].split(",") if t.strip())
            if not cells[0] or not cells[1] or not to:
                raise ValidationError(
                    tr_("row {row}: a role needs a name, a from label and at least one to label").format(row=row + 1)
                )
            try:
                result.append(LinkType(cells[0], cells[1], to))
            except ValidationError as exc:
                raise ValidationError(tr_("row {row}: {error}").format(row=row + 1, error=exc)) from None
        return result

    def apply(self) -> None:
        """Replace the link schema (one undoable step); problems are shown in the dialog."""
        try:
            link_types = self.link_types()
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        schema = Schema(tuple(self.project.labels()), tuple(link_types))
        try:
            check_schema(self.project, schema)
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        command = ApplySchemaCommand(self.project, schema, tr_("Edit link schema"))
        if not self.window_.run_command(command):
            self.error.setText(tr_("The link schema was refused (see the status bar)."))
            return
        report_disallowed(self.window_, command.report)
        self.accept()


def report_disallowed(window, report: SchemaReport) -> None:
    """Tell about drawn links the schema no longer allows (they are kept)."""
    if report.disallowed_links:
        window.show_message(
            tr_("{n} existing link(s) are not allowed by the new schema and were kept: {links}").format(
                n=len(report.disallowed_links), links="; ".join(report.disallowed_links[:3])
            )
        )


def show_link_schema(window) -> LinkSchemaDialog:
    """Open the link schema editor."""
    dialog = LinkSchemaDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
