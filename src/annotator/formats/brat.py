"""brat standoff: a ``.txt`` and an ``.ann`` file per document, and an ``annotation.conf``.

Export (into a folder):

- file names are a sanitised title (ASCII letters, digits, ``_`` and ``-``) and the document id,
  ``<title>-<id>.txt`` and ``.ann``: never a path outside the folder;
- the ``.txt`` holds the document text exactly; offsets are code points (brat counts characters);
- ``T`` lines: ``T1<TAB>label start end<TAB>covered text``; a span across line breaks is written as
  fragments split at the breaks (``start end;start end``), as brat itself does (every character a
  reader may take for a line's end counts: CR, VT, FF, NEL, U+2028…);
- ``#`` lines: ``#1<TAB>AnnotatorNotes T1<TAB>note``, and ``AnnotatorNotes R1`` for a link's note (line
  breaks and tabs in a note become spaces, with a warning);
- ``R`` lines, one per link: ``R1<TAB>role Arg1:T1 Arg2:T2`` (the link goes from Arg1 to Arg2);
- ``A`` lines, one per attribute: ``A1<TAB>name T1 value``; brat's attribute names and values are
  single words: one with a space, a line break, a tab or ``|`` is left out, with a warning (never written
  to forge lines of the ``.ann`` or ``annotation.conf``);
- ``N`` lines, one per span with a canonical entity:
  ``N1<TAB>Reference T1 annotator:entity<id><TAB><entity name>``;
- ``annotation.conf`` lists the labels as entities, the link types as relations and the attributes;
- a document with descriptive metadata (title, author, date, source, url, pages) also gets
  ``<title>-<id>.metadata.json``: ``{"title": …, "metadata": {…}}``. brat has no document-level
  annotation (a ``#`` note must point at an annotation id), so the metadata rides beside the pair in a
  file brat ignores, and the import reads it back.
brat holds no annotator, status, review, timestamps or span ids: the export report says so.

Import (``read_folder``) reads ``T``, ``R``, ``E``, ``A``/``M``, ``N`` and ``#`` lines (see ``read_pair``
for how events, their attributes and notes on events and relations are held); fragments separated only by
white space are joined into one span, other discontinuous spans are reported and left out; what the model
cannot hold (equivalences, attribute values that events sharing a trigger disagree on) is counted in a
warning.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from annotator.core.metadata import DESCRIPTIVE_KEYS, PAGE_STARTS
from annotator.core.model import ValidationError
from annotator.formats.annotation_set import AnnotationSet, SetDocument, SetLink, SetSpan
from annotator.formats.base import DocumentExport, ExportReport, atomic_file
from annotator.formats.documents import readable_name
from annotator.formats.safe_paths import link_leaving
from annotator.store.project import Project

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
METADATA_SUFFIX = ".metadata.json"


def file_stem(title: str, document_id: int) -> str:
    """A file name for a document that cannot leave the folder: sanitised title, then the id."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE.sub("_", ascii_title).strip("_-")[:60].strip("_-") or "document"
    return f"{slug}-{document_id}"


# Every character some reader takes for the end of a line (Python's str.splitlines, universal newlines).
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK = re.compile(f"[{re.escape(LINE_BREAKS)}]")


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span's pieces between line breaks (brat cannot hold a break inside a fragment, nor a line of the
    ``.ann`` file: any character a reader may take for a line's end splits the span too)."""
    pieces = []
    pos = start
    for part in _LINE_BREAK.split(text[start:end]):
        if part:
            pieces.append((pos, pos + len(part)))
        pos += len(part) + 1
    return pieces


_LINE_BREAKS_AND_TABS = str.maketrans(dict.fromkeys(LINE_BREAKS + "\t", " "))
_TOKEN = re.compile(r"[^\s|,\x00-\x1f\x7f]+")


def _one_line(value: str) -> str:
    """A note or name as one field of an ``.ann`` line: line breaks and tabs become spaces."""
    return value.translate(_LINE_BREAKS_AND_TABS)


def is_brat_token(value: str) -> bool:
    """Whether an attribute name or value can stand in brat's space- and ``|``-separated fields as it is
    (one word, no line break, tab or control character): others are left out, never written to forge lines."""
    return bool(_TOKEN.fullmatch(value))


def brat_type(name: str) -> str:
    """A label or role as a brat type: brat's types hold no spaces (a label may), they become ``_``."""
    return name.replace(" ", "_")


def ann_lines(item: DocumentExport) -> list[str]:
    """The ``.ann`` lines of one exported document."""
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
        lines.append(f"{t_id}\t{brat_type(span.label)} {offsets}\t{covered}")
        if span.note:
            notes.append(f"#{len(notes) + 1}\tAnnotatorNotes {t_id}\t{_one_line(span.note)}")
        for name, value in sorted(item.attributes.get(span.id, {}).items()):
            if is_brat_token(name) and is_brat_token(value):
                attributes.append(f"A{len(attributes) + 1}\t{name} {t_id} {value}")
        if span.entity_id is not None and span.entity_id in item.entity_names:
            name = _one_line(item.entity_names[span.entity_id])
            normalisations.append(
                f"N{len(normalisations) + 1}\tReference {t_id} annotator:entity{span.entity_id}\t{name}"
            )
    relations = []
    for n, link in enumerate(sorted(item.links, key=lambda lk: (lk.created, lk.id)), start=1):
        relations.append(f"R{n}\t{brat_type(link.role)} Arg1:{t_ids[link.from_span]} Arg2:{t_ids[link.to_span]}")
        if link.note:
            notes.append(f"#{len(notes) + 1}\tAnnotatorNotes R{n}\t{_one_line(link.note)}")
    return lines + relations + attributes + normalisations + notes


def annotation_conf(project: Project) -> str:
    """brat's ``annotation.conf`` for the project's schema."""
    out = ["[entities]"]
    out += [brat_type(label.name) for label in project.labels()]
    out += ["", "[relations]"]
    by_role: dict[str, tuple[list[str], list[str]]] = {}
    for lt in project.link_types():
        froms, tos = by_role.setdefault(lt.role, ([], []))
        froms.append(lt.from_label) if lt.from_label not in froms else None
        tos.extend(t for t in lt.to_labels if t not in tos)
    for role, (froms, tos) in by_role.items():
        arg1, arg2 = "|".join(map(brat_type, froms)), "|".join(map(brat_type, tos))
        out.append(f"{brat_type(role)}\tArg1:{arg1}, Arg2:{arg2}")
    out.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    out += ["", "[events]", "", "[attributes]"]
    attributes: dict[str, tuple[list[str], list[str]]] = {}
    for label in project.labels():
        for name, values in label.attributes.items():
            if not is_brat_token(name):
                continue
            owners, all_values = attributes.setdefault(name, ([], []))
            owners.append(label.name)
            all_values.extend(v for v in values if v not in all_values and is_brat_token(v))
    for name, (owners, declared) in attributes.items():
        line = f"{name}\tArg:{'|'.join(map(brat_type, owners))}"
        if declared:
            line += f", Value:{'|'.join(declared)}"
        out.append(line)
    return "\n".join(out) + "\n"


def write(project: Project, items: Iterable[DocumentExport], out: Path, report: ExportReport) -> None:
    """Write ``annotation.conf`` and a ``.txt``/``.ann`` pair per document into the folder ``out``."""

    out.mkdir(parents=True, exist_ok=True)
    replaced: list[str] = []
    # A link found at a name the export writes was not made by us: it is replaced by the file (atomic_file
    # renames over the name), never written through, and its target is left as it was.
    conf = out / "annotation.conf"
    replaced += [conf.name] if conf.is_symlink() else []
    with atomic_file(conf, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(annotation_conf(project))
    spans = 0
    flattened = 0
    unwritable = 0
    for item in items:
        stem = file_stem(item.document.title, int(item.document.id or 0))  # never a path: no separator
        txt, ann = out / f"{stem}.txt", out / f"{stem}.ann"
        replaced += [p.name for p in (txt, ann) if p.is_symlink()]
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
        flattened += sum(1 for link in item.links if link.note != _one_line(link.note))
        unwritable += sum(
            1
            for values in item.attributes.values()
            for n, v in values.items()
            if not (is_brat_token(n) and is_brat_token(v))
        )
    if replaced:
        shown = ", ".join(replaced[:5]) + (f" and {len(replaced) - 5} more" if len(replaced) > 5 else "")
        report.warnings.append(f"{shown}: were links in the export folder, replaced by the exported files")
    if unwritable:
        report.warnings.append(
            f"brat attribute names and values are single words: {unwritable} attributes with spaces, line breaks "
            "or tabs were left out"
        )
    if flattened:
        report.warnings.append(f"brat notes are one line: {flattened} notes had line breaks or tabs made spaces")
    spaced = sorted(
        {lab.name for lab in project.labels() if " " in lab.name}
        | {lt.role for lt in project.link_types() if " " in lt.role}
    )
    if spaced:
        report.warnings.append(f"brat types hold no spaces: {', '.join(spaced)} written with '_' for each space")
    if spans:
        report.warnings.append("brat holds no annotator, status, review, timestamps or span ids: they were left out")


# -- reading -------------------------------------------------------------------------------------


def read_folder(folder: Path) -> AnnotationSet:
    """Read a brat folder (every ``.txt`` with a sibling ``.ann``) as an annotation set.

    An ``.ann`` without its ``.txt`` (or a ``.txt`` without its ``.ann``) is named in ``skipped``.
    """
    pairs = sorted(p for p in folder.glob("*.txt") if p.with_suffix(".ann").is_file())
    if not pairs:
        raise ValidationError(f"{folder.name}: no .txt file with a sibling .ann file (not a brat folder)")
    aset = AnnotationSet(folder.name, "brat")
    for ann in sorted(folder.glob("*.ann")):
        if not ann.with_suffix(".txt").is_file():
            aset.skipped.append((readable_name(str(ann)), "a brat .ann file without its .txt: not imported"))
    for txt in sorted(folder.glob("*.txt")):
        if not txt.with_suffix(".ann").is_file():
            aset.skipped.append((readable_name(str(txt)), "no .ann file beside it: not read as part of the brat set"))
    for txt in pairs:
        why = link_leaving(txt, folder) or link_leaving(txt.with_suffix(".ann"), folder)
        if why is not None:  # a planted link to the analyst's own files is never read
            aset.warnings.append(f"{txt.name}: {why}")
            continue
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

# What each kind of line the model cannot hold is called in a warning (singular, plural).
_LEFT_OUT = {"*": ("equivalence (*) line", "equivalence (*) lines")}


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def _read_metadata(path: Path, document: SetDocument, warnings: list[str]) -> None:
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


def read_pair(txt: Path, ann: Path, warnings: list[str]) -> SetDocument:
    """One brat document: its text and the spans, links, attributes, entities and notes of its ``.ann``.

    Events are held as what the model has: the trigger is a span, each argument a link from the trigger
    (role without its number: ``Theme2`` is ``Theme``); an argument that is itself an event links to that
    event's trigger; an attribute or a note on an event goes to its trigger span, a note on an event with
    arguments or on a relation to its links. What cannot be held is counted in one warning per kind.
    """
    text = _read_text(txt)
    if not text:
        raise ValidationError(f"{txt.name}: the text is empty")
    # The file name is the title as it stands ("name-1" and "name-2" are two documents); the .txt file is
    # the document's source, so a brat folder imported again after a change is recognised by its path.
    document = SetDocument(
        where=ann.name, title=readable_name(txt.stem), text=text, source_path=readable_name(str(txt.resolve()))
    )
    _read_metadata(txt.with_name(txt.stem + METADATA_SUFFIX), document, warnings)
    parsed = _AnnFile(text, warnings)
    parsed.read(ann)
    document.spans = list(parsed.spans.values())
    link_notes, nested = parsed.links(document.links)
    event_attributes, clashes = parsed.put_attributes()
    parsed.put_notes(link_notes)
    counted = []
    if nested:
        counted.append(
            _count(nested, "event argument that is an event", "event arguments that are events")
            + " linked to the trigger span"
        )
    kept = sum(1 for key in event_attributes if key not in clashes)
    if kept:
        counted.append(_count(kept, "attribute of an event", "attributes of events") + " kept on the trigger span")
    if clashes:
        counted.append(
            _count(len(clashes), "attribute", "attributes") + " left out where events sharing a trigger disagree"
        )
    counted += [_count(n, *names) + " left out (not held by annotator)" for names, n in sorted(parsed.left_out.items())]
    if counted:
        warnings.append(f"{ann.name}: " + "; ".join(counted))
    return document


class _AnnFile:
    """The lines of one ``.ann`` file as read, before events and relations become links."""

    def __init__(self, text: str, warnings: list[str]) -> None:
        self.text = text
        self.warnings = warnings
        self.spans: dict[str, SetSpan] = {}
        self.triggers: dict[str, str] = {}  # event id -> trigger span id
        self.arguments: dict[str, list[tuple[str, str, str]]] = {}  # event id -> (role, target id, where)
        self.relations: dict[str, tuple[str, str, str, str]] = {}  # relation id -> (role, from, to, where)
        self.attributes: list[tuple[str, str, str, str]] = []  # (name, target id, value, where)
        self.notes: list[tuple[str, str, str]] = []  # (target id, note, where)
        self.left_out: dict[tuple[str, str], int] = {}

    def read(self, ann: Path) -> None:
        """Read every line of ``ann``, the T lines first (the lines that point at a span may come before it in
        a hand-written file)."""
        numbered = list(enumerate(_read_text(ann).split("\n"), start=1))
        numbered.sort(key=lambda pair: not pair[1].startswith("T"))
        for number, raw in numbered:
            line = raw.rstrip("\r")
            if line.strip():
                self.read_line(line, f"{ann.name} line {number}")

    def read_line(self, line: str, where: str) -> None:
        """One line, by the kind its id starts with."""
        fields = line.split("\t")
        ident = fields[0]
        kind = ident[:1]
        # brat writes a space after the last argument of some lines (an event without arguments): split on runs.
        args = fields[1].split() if len(fields) > 1 else []
        if kind == "T":
            self.read_span(ident, fields, where)
        elif kind == "R":
            if len(args) != 3 or not args[1].startswith("Arg1:") or not args[2].startswith("Arg2:"):
                raise ValidationError(f"{where}: an R line reads 'R1<TAB>role Arg1:T1 Arg2:T2'")
            self.relations[ident] = (args[0], args[1][5:], args[2][5:], where)
        elif kind == "E":
            self.read_event(ident, args, where)
        elif kind in ("A", "M"):
            if len(args) not in (2, 3):
                raise ValidationError(f"{where}: an A line reads 'A1<TAB>name T1 [value]'")
            self.attributes.append((args[0], args[1], args[2] if len(args) == 3 else "true", where))
        elif kind == "N":
            if len(args) != 3 or len(fields) < 3:
                raise ValidationError(f"{where}: an N line reads 'N1<TAB>Reference T1 db:id<TAB>name'")
            normalised = self.spans.get(args[1])
            if normalised is None:
                self.warnings.append(f"{where}: normalisation of {args[1]}, which was not imported")
                return
            normalised.entity = "\t".join(fields[2:]).strip() or None
        elif kind == "#":
            if len(args) >= 2 and args[0] == "AnnotatorNotes" and len(fields) >= 3:
                self.notes.append((args[1], "\t".join(fields[2:]), where))  # a tab written by another tool stays in
            else:
                self.left_out[("# line", "# lines")] = self.left_out.get(("# line", "# lines"), 0) + 1
        else:
            names = _LEFT_OUT.get(kind, (f"{kind} line", f"{kind} lines"))
            self.left_out[names] = self.left_out.get(names, 0) + 1

    def read_span(self, ident: str, fields: list[str], where: str) -> None:
        """A T line: a span, placed by its text when its offsets cover another one."""
        text = self.text
        if len(fields) < 2:
            raise ValidationError(f"{where}: a T line needs an id, a label with offsets and a text")
        label, _, offsets = fields[1].partition(" ")
        offsets = offsets.strip()
        if not _OFFSETS.match(offsets):
            raise ValidationError(f"{where}: offsets {offsets!r} are not 'start end' pairs")
        pieces = [tuple(int(x) for x in part.split(" ")) for part in offsets.split(";")]
        for s, e in pieces:
            if e <= s or e > len(text):
                raise ValidationError(f"{where}: fragment {s}–{e} lies outside the text or is empty")
        pieces.sort()
        if any(text[a_end:b_start].strip() for (_, a_end), (b_start, _) in itertools.pairwise(pieces)):
            self.warnings.append(f"{where}: {ident} ({label}) has {len(pieces)} discontinuous fragments: not imported")
            return
        start, end = pieces[0][0], pieces[-1][1]
        span = SetSpan(key=ident, start=start, end=end, label=label, where=where)
        claimed = "\t".join(fields[2:])
        covered = " ".join(text[a:b] for a, b in pieces)
        if len(fields) > 2 and " ".join(claimed.split()) != " ".join(covered.split()):
            # Offsets counted another way (UTF-16 or bytes, by another tool) or a stale .ann: the
            # span is placed by the text it names, or reported orphaned, never kept where it points.
            self.warnings.append(
                f"{where}: {ident} names “{claimed}” but its offsets cover “{covered}”: placed by its text"
            )
            span.quote = claimed
        self.spans[ident] = span
        if label and not re.match(r"^[^\W\d][\w\-]*$", label):
            raise ValidationError(f"{where}: invalid label {label!r}")

    def read_event(self, ident: str, args: list[str], where: str) -> None:
        """An E line: the event's trigger and its arguments (roles without their numbers)."""
        if not args or ":" not in args[0]:
            raise ValidationError(f"{where}: an E line reads 'E1<TAB>type:T1 role:T2 …'")
        self.triggers[ident] = args[0].split(":", 1)[1]
        self.arguments[ident] = []
        for arg in args[1:]:
            if ":" not in arg:
                raise ValidationError(f"{where}: event argument {arg!r} is not role:id")
            role, target = arg.split(":", 1)
            self.arguments[ident].append((re.sub(r"\d+$", "", role), target, where))

    def span_of(self, ident: str) -> str | None:
        """The span an id stands for: a T line, or an event's trigger (followed through nested events)."""
        seen = set()
        while ident in self.triggers and ident not in seen:
            seen.add(ident)
            ident = self.triggers[ident]
        return ident if ident in self.spans else None

    def links(self, into: list[SetLink]) -> tuple[dict[str, list[SetLink]], int]:
        """The events' arguments and the relations as links, appended to ``into``; returns the links made
        for each event or relation id (where their notes go) and how many arguments were events."""
        link_notes: dict[str, list[SetLink]] = {}
        nested = 0
        for event, event_arguments in self.arguments.items():
            trigger = self.span_of(event)
            made = link_notes.setdefault(event, [])
            for role, target, where in event_arguments:
                to = self.span_of(target)
                if trigger is None or to is None:
                    self.warnings.append(f"{where}: {role} argument of {event} ({target}): a span was not imported")
                    continue
                nested += target in self.triggers
                link = SetLink(trigger, to, role, where=where)
                into.append(link)
                made.append(link)
        for ident, (role, frm, to, where) in self.relations.items():
            source, goal = self.span_of(frm), self.span_of(to)
            if source is None or goal is None:
                self.warnings.append(f"{where}: {role} link between {frm} and {to}: a span was not imported")
                continue
            link = SetLink(source, goal, role, where=where)
            into.append(link)
            link_notes[ident] = [link]
        return link_notes, nested

    def put_attributes(self) -> tuple[dict[tuple[str, str], set[str]], list[tuple[str, str]]]:
        """Set the attributes on their spans (an event's on its trigger); returns the events' attributes by
        (span, name) and those left out because events sharing a trigger disagree."""
        event_attributes: dict[tuple[str, str], set[str]] = {}
        for name, ident, value, where in self.attributes:
            target_id = self.span_of(ident)
            if target_id is None:
                self.warnings.append(f"{where}: attribute {name} of {ident}, which was not imported")
                continue
            if ident in self.triggers:
                event_attributes.setdefault((target_id, name), set()).add(value)
            self.spans[target_id].attributes[name] = value
        clashes = [key for key, values in event_attributes.items() if len(values) > 1]
        for target_id, name in clashes:
            # Two events on one trigger with different values: the model has one value per span.
            del self.spans[target_id].attributes[name]
        return event_attributes, clashes

    def put_notes(self, link_notes: dict[str, list[SetLink]]) -> None:
        """Put each note on the links made for its id, else on its span."""
        for ident, note, where in self.notes:
            if link_notes.get(ident):
                for link in link_notes[ident]:
                    link.note = note
            elif self.span_of(ident) is not None:
                span = self.spans[self.span_of(ident) or ""]
                span.note = f"{span.note}\n{note}" if span.note and span.note != note else note
            else:
                self.warnings.append(f"{where}: note on {ident}, which was not imported")
