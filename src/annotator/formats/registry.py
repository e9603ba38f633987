"""Every annotation-set format annotator reads or writes, in one table that import and export both consult.

A row says how the format is named (``--format``), which file names and first bytes tell it on import,
the module that reads it and the module that writes it, and what of a project it keeps. Adding a format
is one module (with ``read`` and/or ``write``, see ``formats.base.Reader``/``Writer``) and one row.

Modules are named, not imported, here: a writer that needs an optional library (spaCy) costs nothing
until it is used, and the table can be read at start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from annotator.formats.base import Reader, Writer

# What a project holds, for the ``keeps`` column: a format keeps spans and labels at least.
EVERYTHING = frozenset(
    {"labels", "spans", "notes", "status", "review", "annotators", "ids", "timestamps", "links", "attributes",
     "entities", "metadata", "schema"}
)  # fmt: skip


def _head_starts(prefix: bytes) -> Callable[[bytes], bool]:
    def sniff(head: bytes) -> bool:
        return head.removeprefix(b"\xef\xbb\xbf").startswith(prefix)

    return sniff


def _looks_like_iob(head: bytes) -> bool:
    from annotator.formats.iob import looks_like_iob

    return looks_like_iob(head)


def _is_csv_export(head: bytes) -> bool:
    from annotator.formats.csv_export import is_export

    return is_export(head)


@dataclass(frozen=True, slots=True)
class SetFormat:
    """One row of the table: a file format for annotation sets."""

    name: str  # as ``annotator export --format`` and the import reports name it
    title: str  # for people (menus, messages)
    keeps: frozenset[str]  # what of a project the format holds (see EVERYTHING)
    reader: str | None = None  # "module:function" reading a file into an AnnotationSet (None: not imported)
    writer: str | None = None  # module whose ``write`` exports to it (None: not exported)
    suffixes: tuple[str, ...] = ()  # file suffixes read as this format on import
    sniff: Callable[[bytes], bool] | None = None  # recognises the format from a file's first bytes
    folder: bool = False  # written to (and read from) a folder rather than one file
    refusal: str | None = None  # a format recognised only to refuse it on import, with why

    def read(self) -> Reader:
        """The format's reader (imported on use)."""
        if self.reader is None:
            raise LookupError(f"{self.name} is not a format annotator reads")
        module, function = self.reader.split(":")
        return cast(Reader, getattr(importlib.import_module(module), function))

    def write(self) -> Writer:
        """The format's writer (imported on use)."""
        if self.writer is None:
            raise LookupError(f"{self.name} is not a format annotator writes")
        return cast(Writer, importlib.import_module(self.writer).write)


IOB_SUFFIXES = (".conll", ".iob", ".iob1", ".iob2", ".bio", ".bioes", ".bilou")

# Export formats are listed in the order the export dialog and ``--format`` show them.
FORMATS_TABLE: tuple[SetFormat, ...] = (
    SetFormat(
        "jsonl", "native JSON Lines", EVERYTHING,
        reader="annotator.formats.sets:read_set", writer="annotator.formats.jsonl",
        suffixes=(".jsonl", ".json", ".ndjson"),
    ),
    SetFormat(
        "csv", "CSV",
        frozenset({"labels", "spans", "notes", "status", "review", "annotators", "ids", "timestamps", "metadata"}),
        writer="annotator.formats.csv_export", sniff=_is_csv_export,
        refusal="annotator's CSV export (one row per span) holds no document text, so its spans cannot be placed: "
        "import the native jsonl export instead (annotator export --format jsonl)",
    ),
    SetFormat(
        "brat", "brat standoff", frozenset({"labels", "spans", "notes", "links", "attributes", "entities"}),
        reader="annotator.formats.brat:read_folder", writer="annotator.formats.brat", folder=True,
    ),
    SetFormat(
        "conll", "CoNLL (IOB2)", frozenset({"labels", "spans"}),
        reader="annotator.formats.iob:read", writer="annotator.formats.conll",
        suffixes=IOB_SUFFIXES, sniff=_looks_like_iob,
    ),
    SetFormat(
        "webanno", "W3C Web Annotation (JSON-LD)",
        frozenset({"labels", "spans", "notes", "annotators", "ids", "timestamps", "links", "attributes", "entities",
                   "metadata"}),
        writer="annotator.formats.webanno",
    ),
    SetFormat(
        "spacy", "spaCy DocBin", frozenset({"labels", "spans", "entities"}), writer="annotator.formats.spacy_docbin"
    ),
    SetFormat(
        "labelstudio", "Label Studio JSON", frozenset({"labels", "spans", "annotators", "ids", "links"}),
        reader="annotator.formats.sets:read_set", writer="annotator.formats.labelstudio",
    ),
    SetFormat(
        "webanno-tsv", "WebAnno / INCEpTION TSV 3", frozenset({"labels", "spans", "links"}),
        reader="annotator.formats.webanno_tsv:read", suffixes=(".tsv",), sniff=_head_starts(b"#FORMAT=WebAnno TSV"),
    ),
    SetFormat(
        "doccano", "doccano JSONL", frozenset({"labels", "spans", "links"}), reader="annotator.formats.sets:read_set"
    ),
)  # fmt: skip

FORMATS_BY_NAME = {row.name: row for row in FORMATS_TABLE}
EXPORT_FORMATS = tuple(row.name for row in FORMATS_TABLE if row.writer is not None)


def set_format(name: str) -> SetFormat:
    """The row of format ``name``; KeyError if annotator knows no such format."""
    return FORMATS_BY_NAME[name]


def refused_formats() -> list[SetFormat]:
    """The formats recognised on import only to be refused (with why), checked before a file is read."""
    return [row for row in FORMATS_TABLE if row.refusal is not None and row.sniff is not None]
