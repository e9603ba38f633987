"""Reading annotation sets: the kind of set is told by content, not by suffix.

A folder with ``.txt`` files beside ``.ann`` files is brat; a file whose first line is the native header is
native jsonl; a file of JSON objects is tried against each JSON set reader in turn (Label Studio, its
JSON-MIN, doccano). Every set is read whole and checked first (a malformed line raises
``ValidationError("file line N: …")``); ``annotator.services.merging`` merges it into a project.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import ValidationError
from annotator.formats import brat, doccano, jsonl, labelstudio
from annotator.formats.annotation_set import (
    AnnotationSet,
    JsonRow,
    SetDocument,
    SetLink,
    SetSpan,
    check_set_offsets,
    checked_field,
    json_rows,
    normalise_newlines,
    read_set_text,
)


def read_set(path: Path) -> AnnotationSet:
    """Read and check an annotation set of any kind annotator reads; ValidationError names what is wrong."""
    if path.is_dir():
        return brat.read_folder(path)
    content = read_set_text(path)
    lines = content.split("\n")
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise ValidationError(f"{path.name}: the file is empty")
    if jsonl.parses_as_native_header(first):
        return jsonl.read_native(path, lines)
    rows, bad = json_rows(content, path.name)
    if not rows:
        raise ValidationError(bad[0][0] + ": " + bad[0][1] if bad else f"{path.name}: no JSON object in the file")
    for reader in SET_READERS:
        if reader.recognises(rows):
            aset = reader.read(path, rows)
            aset.skipped[:0] = bad
            return aset
    raise ValidationError(
        f"{path.name}: not an annotation set annotator reads (expected the native jsonl header, doccano JSON "
        "or JSONL with text and label or entities, a Label Studio JSON or JSON-MIN export, or a brat folder)"
    )


@dataclass(frozen=True, slots=True)
class SetReader:
    """A kind of JSON annotation set: how to recognise its rows and how to read them."""

    name: str
    recognises: Callable[[list[JsonRow]], bool]
    read: Callable[[Path, list[JsonRow]], AnnotationSet]


# Tried in order on the rows of a JSON file that is not a native set; the first that recognises them reads them.
SET_READERS: list[SetReader] = [
    SetReader("labelstudio", labelstudio.recognises_tasks, labelstudio.read_tasks),
    SetReader("labelstudio-min", labelstudio.recognises_min, labelstudio.read_min),
    SetReader("doccano", doccano.recognises, doccano.read_rows),
]


__all__ = [
    "SET_READERS",
    "AnnotationSet",
    "JsonRow",
    "SetDocument",
    "SetLink",
    "SetReader",
    "SetSpan",
    "check_set_offsets",
    "checked_field",
    "json_rows",
    "normalise_newlines",
    "read_set",
]
