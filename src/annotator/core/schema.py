"""The label and link schema, read from TOML (``resources/labels.toml`` by default)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from annotator.core.model import Label, LinkType, ValidationError


@dataclass(frozen=True, slots=True)
class Schema:
    """Labels (in display order) and link types of a project.

    ``suggest_options`` holds, per label, the options of its suggestion source (a label's
    ``[labels.suggest]`` table), e.g. ``{"quantity": {"vague_amounts": True}}``. They are read from
    the schema file; a project keeps its own choice as a setting, so they are not part of what makes
    two schemas equal (a project's labels and links).
    """

    labels: tuple[Label, ...]
    link_types: tuple[LinkType, ...]
    suggest_options: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)

    def suggest_option(self, label: str, name: str, default: Any = None) -> Any:
        """One suggestion option of ``label``, else ``default``."""
        return self.suggest_options.get(label, {}).get(name, default)


def parse_schema(data: Mapping[str, Any]) -> Schema:
    """Build a schema from the parsed TOML mapping; raise ValidationError on a bad entry."""
    labels = []
    options: dict[str, dict[str, Any]] = {}
    seen_hotkeys: set[str] = set()
    for position, entry in enumerate(data.get("labels", [])):
        try:
            label = Label(
                name=entry["name"],
                color=entry["color"],
                hotkey=entry.get("hotkey"),
                guideline=entry.get("guideline", ""),
                retired=bool(entry.get("retired", False)),
                position=position,
                attributes={k: tuple(v) for k, v in entry.get("attributes", {}).items()},
            )
        except KeyError as exc:
            raise ValidationError(f"label #{position + 1} lacks {exc.args[0]!r}") from None
        if label.hotkey and label.hotkey in seen_hotkeys:
            raise ValidationError(f"hotkey {label.hotkey!r} is used twice")
        if label.hotkey:
            seen_hotkeys.add(label.hotkey)
        suggest = entry.get("suggest", {})
        if not isinstance(suggest, dict):
            raise ValidationError(f"the suggest options of label {label.name!r} must be a table")
        if suggest:
            options[label.name] = dict(suggest)
        labels.append(label)
    names = {label.name for label in labels}
    link_types = []
    for entry in data.get("links", []):
        to = entry["to"]
        link_type = LinkType(
            role=entry["role"], from_label=entry["from"], to_labels=(to,) if isinstance(to, str) else tuple(to)
        )
        unknown = ({link_type.from_label, *link_type.to_labels}) - names
        if unknown:
            raise ValidationError(f"link role {link_type.role!r} names unknown labels: {', '.join(sorted(unknown))}")
        link_types.append(link_type)
    return Schema(tuple(labels), tuple(link_types), options)


def load_schema(path: str | Path | None = None) -> Schema:
    """Read a schema file; without ``path``, the default schema shipped with the app."""
    if path is None:
        raw = resources.files("annotator.resources").joinpath("labels.toml").read_bytes()
    else:
        raw = Path(path).read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(f"label schema is not valid TOML: {exc}") from None
    return parse_schema(data)
