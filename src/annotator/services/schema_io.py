"""The project's label and link schema as TOML: written out, read back, applied to a project.

The file has the shape of ``resources/labels.toml`` (``[[labels]]`` with their ``attributes``,
``[[links]]`` with ``role``, ``from``, ``to``), so a schema exported from one project can be edited
by hand and applied to another. Applying adds new labels and updates existing ones; a label the file
does not name is left as it is (its spans keep it). The link schema is replaced. Links already drawn
that the new schema no longer allows are reported, never deleted.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import Label, LinkType, ValidationError
from annotator.core.schema import Schema, parse_schema
from annotator.store.project import Project


@dataclass(slots=True)
class SchemaReport:
    """What applying a schema changed, and the drawn links it no longer allows."""

    labels_added: list[str] = field(default_factory=list)
    labels_updated: list[str] = field(default_factory=list)
    link_types_changed: bool = False
    disallowed_links: list[str] = field(default_factory=list)


def project_schema(project: Project) -> Schema:
    """The project's current labels (retired ones included) and link types."""
    return Schema(tuple(project.labels()), tuple(project.link_types()))


def _string(value: str) -> str:
    # A JSON string is a TOML basic string, except that TOML wants DEL escaped too.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007F")


def _array(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(_string(v) for v in values) + "]"


def schema_to_toml(schema: Schema) -> str:
    """The schema as TOML text, in the layout of ``resources/labels.toml``."""
    out = ["# Label and link schema of an annotator project.", ""]
    for label in schema.labels:
        out.append("[[labels]]")
        out.append(f"name = {_string(label.name)}")
        out.append(f"color = {_string(label.color)}")
        if label.hotkey:
            out.append(f"hotkey = {_string(label.hotkey)}")
        if label.guideline:
            out.append(f"guideline = {_string(label.guideline)}")
        if label.retired:
            out.append("retired = true")
        if label.attributes:
            out.append("")
            out.append("[labels.attributes]")
            for name, values in label.attributes.items():
                out.append(f"{_string(name)} = {_array(values)}")
        out.append("")
    for link_type in schema.link_types:
        out.append("[[links]]")
        out.append(f"role = {_string(link_type.role)}")
        out.append(f"from = {_string(link_type.from_label)}")
        to = link_type.to_labels
        out.append(f"to = {_string(to[0]) if len(to) == 1 else _array(to)}")
        out.append("")
    return "\n".join(out)


def _label_entry(label: Label) -> dict[str, object]:
    entry: dict[str, object] = {
        "name": label.name,
        "color": label.color,
        "guideline": label.guideline,
        "retired": label.retired,
    }
    if label.hotkey:
        entry["hotkey"] = label.hotkey
    entry["attributes"] = {k: list(v) for k, v in label.attributes.items()}
    return entry


def parse_schema_text(text: str, project: Project | None = None) -> Schema:
    """A schema from TOML text; ValidationError with the reason when it is not one.

    A file with ``[[links]]`` only takes its labels from ``project`` (when given).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(f"the schema is not valid TOML: {exc}") from None
    if "labels" not in data and project is not None:
        data["labels"] = [_label_entry(label) for label in project.labels()]
    try:
        return parse_schema(data)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValidationError(f"the schema is malformed: {exc}") from None


def write_schema(project: Project, path: str | Path) -> Path:
    """Write the project's schema to a TOML file."""
    path = Path(path)
    path.write_text(schema_to_toml(project_schema(project)), encoding="utf-8")
    return path


def read_schema(path: str | Path, project: Project | None = None) -> Schema:
    """Read a schema TOML file (see ``parse_schema_text``)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValidationError(f"{Path(path).name} is not UTF-8 text") from None
    return parse_schema_text(text, project)


def disallowed_links(project: Project, link_types: tuple[LinkType, ...] | list[LinkType]) -> list[str]:
    """Drawn links these link types would not allow, described for people."""
    allowed = {(lt.role, lt.from_label, to) for lt in link_types for to in lt.to_labels}
    problems = []
    spans = {}
    for link in project.links():
        for span_id in (link.from_span, link.to_span):
            if span_id not in spans:
                spans[span_id] = project.span(span_id)
        source, target = spans[link.from_span], spans[link.to_span]
        if (link.role, source.label, target.label) not in allowed:
            problems.append(f"“{source.text}” —{link.role}→ “{target.text}” ({source.label} → {target.label})")
    return problems


def check_schema(project: Project, schema: Schema) -> None:
    """Raise ValidationError unless ``schema`` can be applied to the project as a whole."""
    known = {label.name for label in project.labels()} | {label.name for label in schema.labels}
    for link_type in schema.link_types:
        unknown = {link_type.from_label, *link_type.to_labels} - known
        if unknown:
            raise ValidationError(f"link role {link_type.role!r} names unknown labels: {', '.join(sorted(unknown))}")
    named = {label.name for label in schema.labels}
    hotkeys: dict[str, str] = {}
    for label in [*schema.labels, *(lab for lab in project.labels() if lab.name not in named)]:
        if label.hotkey and not label.retired:
            if label.hotkey in hotkeys:
                raise ValidationError(
                    f"hotkey {label.hotkey!r} would be used by {hotkeys[label.hotkey]} and {label.name}"
                )
            hotkeys[label.hotkey] = label.name


def _same(a: Label, b: Label) -> bool:
    return (a.color, a.hotkey, a.guideline, a.retired, a.attributes) == (
        b.color,
        b.hotkey,
        b.guideline,
        b.retired,
        b.attributes,
    )


def apply_schema(project: Project, schema: Schema) -> SchemaReport:
    """Add and update the schema's labels and replace the link types; returns what changed."""
    check_schema(project, schema)
    report = SchemaReport()
    current = {label.name: label for label in project.labels()}
    changed = [label for label in schema.labels if label.name in current and not _same(label, current[label.name])]
    # Hotkeys may move between labels: free the moving ones first, so no step sees a clash.
    for label in changed:
        if label.hotkey != current[label.name].hotkey and current[label.name].hotkey:
            project.edit_label(label.name, hotkey="")
    for label in changed:
        before = current[label.name]
        project.edit_label(
            label.name,
            color=label.color,
            hotkey=label.hotkey or "",
            guideline=label.guideline,
            attributes=dict(label.attributes),
        )
        if label.retired != before.retired:
            project.retire_label(label.name, label.retired)
        report.labels_updated.append(label.name)
    for label in schema.labels:
        if label.name not in current:
            project.add_label(label.name, label.color, label.hotkey, label.guideline, attributes=dict(label.attributes))
            if label.retired:
                project.retire_label(label.name)
            report.labels_added.append(label.name)
    old_types = [(lt.role, lt.from_label, lt.to_labels) for lt in project.link_types()]
    if old_types != [(lt.role, lt.from_label, lt.to_labels) for lt in schema.link_types]:
        project.set_link_types(schema.link_types)
        report.link_types_changed = True
    report.disallowed_links = disallowed_links(project, schema.link_types)
    return report
