"""brat standoff: a ``.txt`` and an ``.ann`` file per document, and an ``annotation.conf``.

Export (into a folder):

- file names are a sanitised title (ASCII letters, digits, ``_`` and ``-``) and the document id,
  ``<title>-<id>.txt`` and ``.ann``: never a path outside the folder;
- the ``.txt`` holds the document text exactly; offsets are code points (brat counts characters);
- ``T`` lines: ``T1<TAB>label start end<TAB>covered text``; a span across line breaks is written as
  fragments split at the breaks (``start end;start end``), as brat itself does;
- ``#`` lines: ``#1<TAB>AnnotatorNotes T1<TAB>note`` (line breaks and tabs in a note become spaces,
  with a warning);
- ``R`` lines, one per link: ``R1<TAB>role Arg1:T1 Arg2:T2`` (the link goes from Arg1 to Arg2);
- ``A`` lines, one per attribute: ``A1<TAB>name T1 value``;
- ``N`` lines, one per span with a canonical entity:
  ``N1<TAB>Reference T1 annotator:entity<id><TAB><entity name>``;
- ``annotation.conf`` lists the labels as entities, the link types as relations and the attributes;
- a document with descriptive metadata (title, author, date, source, url, pages) also gets
  ``<title>-<id>.metadata.json``: ``{"title": …, "metadata": {…}}``. brat has no document-level
  annotation (a ``#`` note must point at an annotation id), so the metadata rides beside the pair in a
  file brat ignores, and the import reads it back.
brat holds no annotator, status, review, timestamps or span ids: the export report says so.

Import (``read_folder``) reads ``T``, ``R``, ``E`` (each argument becomes a link from the trigger),
``A``/``M``, ``N`` and ``#`` lines; fragments separated only by white space are joined into one span,
other discontinuous spans are reported and left out.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.metadata import DESCRIPTIVE_KEYS, PAGE_STARTS
from annotator.core.model import ValidationError
from annotator.formats.documents import readable_name
from annotator.store.project import Project

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
METADATA_SUFFIX = ".metadata.json"


def file_stem(title: str, document_id: int) -> str:
    """A file name for a document that cannot leave the folder: sanitised title, then the id."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE.sub("_", ascii_title).strip("_-")[:60].strip("_-") or "document"
    return f"{slug}-{document_id}"


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span's pieces between line breaks (brat cannot hold a break inside a fragment)."""
    pieces = []
    pos = start
    for part in text[start:end].split("\n"):
        if part:
            pieces.append((pos, pos + len(part)))
        pos += len(part) + 1
    return pieces


_LINE_BREAKS_AND_TABS = str.maketrans({"\r": " ", "\n": " ", "\t": " "})


def _one_line(value: str) -> str:
    """A note or name as one field of an ``.ann`` line: line breaks and tabs become spaces."""
    return value.translate(_LINE_BREAKS_AND_TABS)


def ann_lines(item: Any) -> list[str]:
    """The ``.ann`` lines of one exported document (``item``: an ``annotator.exporting.DocumentExport``)."""
    text = item.document.text
    lines: list[str] = []
    t_ids: dict[str, str] = {}
    notes: list[str] = []
    attributes: list[str] = []
    normalisations: list[str] = []
    for n, span in enumerate(item.spans, start=1):
        t_id = f"T{n}"
        t_ids[span.id] = t_id
        pieces = _fragments(text, span.start, span.end)
        offsets = ";".join(f"{s} {e}" for s, e in pieces)
        covered = " ".join(text[s:e] for s, e in pieces)
        lines.append(f"{t_id}\t{span.label} {offsets}\t{covered}")
        if span.note:
            notes.append(f"#{len(notes) + 1}\tAnnotatorNotes {t_id}\t{_one_line(span.note)}")
        for name, value in sorted(item.attributes.get(span.id, {}).items()):
            attributes.append(f"A{len(attributes) + 1}\t{name} {t_id} {value}")
        if span.entity_id is not None and span.entity_id in item.entity_names:
            name = _one_line(item.entity_names[span.entity_id])
            normalisations.append(
                f"N{len(normalisations) + 1}\tReference {t_id} annotator:entity{span.entity_id}\t{name}"
            )
    relations = [
        f"R{n}\t{link.role} Arg1:{t_ids[link.from_span]} Arg2:{t_ids[link.to_span]}"
        for n, link in enumerate(sorted(item.links, key=lambda lk: (lk.created, lk.id)), start=1)
    ]
    return lines + relations + attributes + normalisations + notes


def annotation_conf(project: Project) -> str:
    """brat's ``annotation.conf`` for the project's schema."""
    out = ["[entities]"]
    out += [label.name for label in project.labels()]
    out += ["", "[relations]"]
    by_role: dict[str, tuple[list[str], list[str]]] = {}
    for lt in project.link_types():
        froms, tos = by_role.setdefault(lt.role, ([], []))
        froms.append(lt.from_label) if lt.from_label not in froms else None
        tos.extend(t for t in lt.to_labels if t not in tos)
    for role, (froms, tos) in by_role.items():
        out.append(f"{role}\tArg1:{'|'.join(froms)}, Arg2:{'|'.join(tos)}")
    out.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    out += ["", "[events]", "", "[attributes]"]
    attributes: dict[str, tuple[list[str], list[str]]] = {}
    for label in project.labels():
        for name, values in label.attributes.items():
            owners, all_values = attributes.setdefault(name, ([], []))
            owners.append(label.name)
            all_values.extend(v for v in values if v not in all_values)
    for name, (owners, values) in attributes.items():
        line = f"{name}\tArg:{'|'.join(owners)}"
        if values:
            line += f", Value:{'|'.join(values)}"
        out.append(line)
    return "\n".join(out) + "\n"


def write(project: Project, items: Iterable[Any], out: Path, report: Any) -> None:
    """Write ``annotation.conf`` and a ``.txt``/``.ann`` pair per document into the folder ``out``."""
    from annotator.exporting import atomic_file

    out.mkdir(parents=True, exist_ok=True)
    folder = out.resolve()
    with atomic_file(out / "annotation.conf", "w", encoding="utf-8", newline="\n") as handle:
        handle.write(annotation_conf(project))
    spans = 0
    flattened = 0
    for item in items:
        stem = file_stem(item.document.title, int(item.document.id or 0))
        txt, ann = out / f"{stem}.txt", out / f"{stem}.ann"
        assert txt.resolve().parent == folder and ann.resolve().parent == folder
        with atomic_file(txt, "w", encoding="utf-8", newline="") as handle:
            handle.write(item.document.text)
        with atomic_file(ann, "w", encoding="utf-8", newline="\n") as handle:
            lines = ann_lines(item)
            handle.write("\n".join(lines) + ("\n" if lines else ""))
        if any(key in item.document.metadata for key in (*DESCRIPTIVE_KEYS, PAGE_STARTS)):
            described = {"title": item.document.title, "metadata": item.document.metadata}
            with atomic_file(out / f"{stem}{METADATA_SUFFIX}", "w", encoding="utf-8", newline="\n") as handle:
                handle.write(json.dumps(described, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
        spans += len(item.spans)
        flattened += sum(1 for span in item.spans if span.note != _one_line(span.note))
    if flattened:
        report.warnings.append(f"brat notes are one line: {flattened} notes had line breaks or tabs made spaces")
    if spans:
        report.warnings.append("brat holds no annotator, status, review, timestamps or span ids: they were left out")


# -- reading -------------------------------------------------------------------------------------


def read_folder(folder: Path) -> Any:
    """Read a brat folder (every ``.txt`` with a sibling ``.ann``) as an annotation set."""
    from annotator.formats.sets import AnnotationSet

    pairs = sorted(p for p in folder.glob("*.txt") if p.with_suffix(".ann").is_file())
    if not pairs:
        raise ValidationError(f"{folder.name}: no .txt file with a sibling .ann file (not a brat folder)")
    aset = AnnotationSet(folder.name, "brat")
    for txt in pairs:
        aset.documents.append(read_pair(txt, txt.with_suffix(".ann"), aset.warnings))
    return aset


def _read_text(path: Path) -> str:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path.name}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise ValidationError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None


_OFFSETS = re.compile(r"^\d+ \d+(;\d+ \d+)*$")


def _read_metadata(path: Path, document: Any, warnings: list[str]) -> None:
    """The title and metadata our export wrote beside a pair, if the file is there (other tools write none)."""
    if not path.is_file():
        return
    try:
        described = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        warnings.append(f"{path.name}: not read ({exc}); the document keeps its file name as title")
        return
    if not isinstance(described, dict):
        warnings.append(f"{path.name}: not a JSON object; left out")
        return
    title, metadata = described.get("title"), described.get("metadata")
    if isinstance(title, str) and title.strip():
        document.title = title
    if isinstance(metadata, dict):
        document.metadata = metadata


def read_pair(txt: Path, ann: Path, warnings: list[str]) -> Any:
    """One brat document: its text and the spans, links, attributes, entities and notes of its ``.ann``."""
    from annotator.formats.sets import SetDocument, SetLink, SetSpan

    text = _read_text(txt)
    if not text:
        raise ValidationError(f"{txt.name}: the text is empty")
    name = readable_name(txt.stem)
    stem = re.sub(r"-\d+$", "", name) or name
    document = SetDocument(where=ann.name, title=stem, text=text)
    _read_metadata(txt.with_name(txt.stem + METADATA_SUFFIX), document, warnings)
    spans: dict[str, SetSpan] = {}
    pending_links: list[tuple[str, str, str, str]] = []
    numbered = list(enumerate(_read_text(ann).split("\n"), start=1))
    # T lines first: the lines that point at a span may come before it in a hand-written file.
    numbered.sort(key=lambda pair: not pair[1].startswith("T"))
    for number, raw in numbered:
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        where = f"{ann.name} line {number}"
        fields = line.split("\t")
        ident = fields[0]
        kind = ident[:1]
        if kind == "T":
            if len(fields) < 2:
                raise ValidationError(f"{where}: a T line needs an id, a label with offsets and a text")
            label, _, offsets = fields[1].partition(" ")
            if not _OFFSETS.match(offsets):
                raise ValidationError(f"{where}: offsets {offsets!r} are not 'start end' pairs")
            pieces = [tuple(int(x) for x in part.split(" ")) for part in offsets.split(";")]
            for s, e in pieces:
                if e <= s or e > len(text):
                    raise ValidationError(f"{where}: fragment {s}–{e} lies outside the text or is empty")
            pieces.sort()
            if any(text[a_end:b_start].strip() for (_, a_end), (b_start, _) in itertools.pairwise(pieces)):
                warnings.append(f"{where}: {ident} ({label}) has {len(pieces)} discontinuous fragments: not imported")
                continue
            start, end = pieces[0][0], pieces[-1][1]
            span = SetSpan(key=ident, start=start, end=end, label=label, where=where)
            claimed = "\t".join(fields[2:])
            covered = " ".join(text[a:b] for a, b in pieces)
            if len(fields) > 2 and " ".join(claimed.split()) != " ".join(covered.split()):
                # Offsets counted another way (UTF-16 or bytes, by another tool) or a stale .ann: the
                # span is placed by the text it names, or reported orphaned, never kept where it points.
                warnings.append(
                    f"{where}: {ident} names “{claimed}” but its offsets cover “{covered}”: placed by its text"
                )
                span.quote = claimed
            spans[ident] = span
            if label and not re.match(r"^[^\W\d][\w\-]*$", label):
                raise ValidationError(f"{where}: invalid label {label!r}")
        elif kind == "R":
            args = fields[1].split(" ") if len(fields) > 1 else []
            if len(args) != 3 or not args[1].startswith("Arg1:") or not args[2].startswith("Arg2:"):
                raise ValidationError(f"{where}: an R line reads 'R1<TAB>role Arg1:T1 Arg2:T2'")
            pending_links.append((args[0], args[1][5:], args[2][5:], where))
        elif kind == "E":
            args = fields[1].split(" ") if len(fields) > 1 else []
            if not args or ":" not in args[0]:
                raise ValidationError(f"{where}: an E line reads 'E1<TAB>type:T1 role:T2 …'")
            trigger = args[0].split(":", 1)[1]
            for arg in args[1:]:
                if ":" not in arg:
                    raise ValidationError(f"{where}: event argument {arg!r} is not role:id")
                role, target = arg.split(":", 1)
                pending_links.append((re.sub(r"\d+$", "", role), trigger, target, where))
        elif kind in ("A", "M"):
            args = fields[1].split(" ") if len(fields) > 1 else []
            if len(args) not in (2, 3):
                raise ValidationError(f"{where}: an A line reads 'A1<TAB>name T1 [value]'")
            target = spans.get(args[1])
            if target is None:
                warnings.append(f"{where}: attribute of {args[1]}, which was not imported")
                continue
            target.attributes[args[0]] = args[2] if len(args) == 3 else "true"
        elif kind == "N":
            args = fields[1].split(" ") if len(fields) > 1 else []
            if len(args) != 3 or len(fields) < 3:
                raise ValidationError(f"{where}: an N line reads 'N1<TAB>Reference T1 db:id<TAB>name'")
            target = spans.get(args[1])
            if target is None:
                warnings.append(f"{where}: normalisation of {args[1]}, which was not imported")
                continue
            target.entity = "\t".join(fields[2:]).strip() or None
        elif kind == "#":
            args = fields[1].split(" ") if len(fields) > 1 else []
            if len(args) >= 2 and args[0] == "AnnotatorNotes" and len(fields) >= 3:
                target = spans.get(args[1])
                if target is not None:
                    target.note = "\t".join(fields[2:])  # a tab written by another tool stays in
        else:
            warnings.append(f"{where}: {ident} lines ({kind}) are not read by annotator: left out")
    document.spans = list(spans.values())
    for role, frm, to, where in pending_links:
        if frm not in spans or to not in spans:
            warnings.append(f"{where}: {role} link between {frm} and {to}: a span was not imported")
            continue
        document.links.append(SetLink(frm, to, role, where=where))
    return document
