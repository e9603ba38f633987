"""WebAnno / INCEpTION TSV 3 import: INCEpTION's own test files, each span checked against the UIMA XMI
document INCEpTION wrote the file from (offsets in UTF-16 units there too)."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from annotator.core.model import ValidationError
from annotator.core.offsets import Utf16Map
from annotator.formats import webanno_tsv
from annotator.services.importing import import_paths
from annotator.store.project import Project
from tests.processes import run_cli

DATA = Path(__file__).parent / "data" / "webanno_tsv"
SPAN_TYPES = {
    "{http:///webanno/custom.ecore}Span": "Span",
    "{http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore}NamedEntity": "NamedEntity",
}


def xmi_spans(path: Path) -> list[tuple[str, str]]:
    """(label, covered text with white space runs as one space) of every non-empty span in an XMI file; a span
    with no value is labelled ``*`` (some of these XMI files hold a NamedEntity where the TSV has a Span)."""
    root = ET.parse(path).getroot()
    sofa = next(e for e in root if e.tag == "{http:///uima/cas.ecore}Sofa").get("sofaString")
    table = Utf16Map(sofa)
    found = []
    for element in root:
        if element.tag not in SPAN_TYPES:
            continue
        begin, end = table.to_codepoint(int(element.get("begin"))), table.to_codepoint(int(element.get("end")))
        covered = re.sub(r"\s+", " ", sofa[begin:end]).strip()
        if covered:
            found.append((element.get("value") or "*", covered))
    return sorted(found)


def spans_of(project: Project, null: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(label, covered text) of the project's spans; labels in ``null`` (a layer's name: no value) as ``*``."""
    [doc_id] = project.document_ids()
    return sorted(("*" if s.label in null else s.label, re.sub(r"\s+", " ", s.text)) for s in project.spans(doc_id))


@pytest.mark.parametrize(
    "case",
    [
        "testSentenceWithEmoji",
        "testCrossSentenceSpanWithoutFeatureValue",
        "testSingleNonMultiTokenRelationWithMultipleFeatureValues",
        "testSentenceWithLineBreak",
        "testAnnotationWithLeadingWhitespace",
        "testSubTokenPrefix",
        "testSentenceWithTab",
        "testMultiTokenStackedSpanWithFeatureValue",
        "testZeroLengthSpansWithoutFeatureValues",
    ],
)
def test_inception_files_import_as_inception_wrote_them(project: Project, tmp_path: Path, case: str) -> None:
    path = tmp_path / f"{case}.tsv"
    shutil.copy(DATA / case / "reference.tsv", path)
    report = import_paths(project, [path], unknown_labels="add")
    assert report.skipped == [] and report.new_documents == 1
    assert spans_of(project, null=tuple(SPAN_TYPES.values())) == xmi_spans(DATA / case / "reference.xmi")
    [doc_id] = project.document_ids()
    text = project.document_text(doc_id)
    for line in (DATA / case / "reference.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#Text="):
            assert webanno_tsv.unescape_text(line[6:], 3) in text  # every sentence is in the text as written


def test_utf16_offsets_become_code_points(project: Project) -> None:
    import_paths(project, [DATA / "testSentenceWithEmoji" / "reference.tsv"], unknown_labels="add")
    [doc_id] = project.document_ids()
    assert project.document_text(doc_id) == "I like it 😊 .\n"
    [span] = project.spans(doc_id)
    assert (span.start, span.end, span.text) == (10, 11, "😊")  # 10-12 in UTF-16 units in the file


def test_a_file_with_code_point_offsets_is_read_with_a_warning(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "codepoints.tsv"
    path.write_text(
        "#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value\n\n\n"
        "#Text=Le 🚀 de Paris .\n1-1\t0-2\tLe\t_\n1-2\t3-4\t🚀\t_\n1-3\t5-7\tde\t_\n1-4\t8-13\tParis\tLOC\n"
        "1-5\t14-15\t.\t_\n",
        encoding="utf-8",
    )
    report = import_paths(project, [path], unknown_labels="add")
    assert any("offsets count code points" in w for w in report.warnings)
    assert spans_of(project) == [("LOC", "Paris")]


def test_the_ner_layer_of_a_full_export(project: Project) -> None:
    report = import_paths(project, [DATA / "example2.tsv"], unknown_labels="add")
    assert report.skipped == []
    assert "example2.tsv: 86 layer POS not imported" in report.warnings
    assert any("relations of layer Dependency" in w for w in report.warnings)
    assert spans_of(project) == sorted(
        [
            ("PER", "Ms. Haag"),
            ("OTH", "Elianti"),
            ("ORG", "Rolls-Royce Motor"),
            ("LOC", "U.S."),
            ("LOC", "U.S."),
            ("ORG", "BELL INDUSTRIES Inc."),
            ("PER", "BELL"),  # stacked on the first token of the ORG
            ("ORG", "Bell"),
            ("LOC", "Los Angeles"),
        ]
    )
    [doc_id] = project.document_ids()
    text = project.document_text(doc_id)
    assert text.startswith("Ms. Haag plays Elianti .\nRolls-Royce Motor Cars Inc. said")
    for span in project.spans(doc_id):
        assert text[span.start : span.end] == span.text


def test_relations_become_links(project: Project) -> None:
    path = DATA / "testSingleNonMultiTokenRelationWithMultipleFeatureValues" / "reference.tsv"
    report = import_paths(project, [path], unknown_labels="add")
    assert report.links_added == 1
    assert any("2 relation feature values not imported" in w for w in report.warnings)
    [doc_id] = project.document_ids()
    [link] = project.links(doc_id)
    assert (project.span(link.from_span).text, project.span(link.to_span).text, link.role) == (
        "This is",
        "a test",
        "nsubj",
    )


def test_what_cannot_be_read_is_refused_clearly(project: Project, tmp_path: Path) -> None:
    bad_label = DATA / "testStackedSubMultiTokenSpanWithFeatureValue" / "reference.tsv"
    with pytest.raises(ValidationError, match=r"reference\.tsv line 6: invalid label name '2a'"):
        webanno_tsv.read(bad_label)
    path = tmp_path / "shifted.tsv"
    path.write_text(
        "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Span|value\n\n\n#Text=abc def\n"
        "1-1\t0-3\tabc\t_\n1-2\t5-8\tdef\tX\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="token offsets do not match the #Text= lines"):
        webanno_tsv.read(path)
    path.write_text("#FORMAT=WebAnno TSV 2\n\n\n#text=abc\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"expected '#FORMAT=WebAnno TSV 3\.x'"):
        webanno_tsv.read(path)
    path.write_text(
        "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Span|value\n\n\n#Text=abc\n1-1\t0-3\tabc\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError, match=r"shifted\.tsv line 6: expected 4 tab-separated fields"):
        webanno_tsv.read(path)
    report = import_paths(project, [bad_label], unknown_labels="add")
    assert len(report.skipped) == 1 and project.document_ids() == []


def test_escapes() -> None:
    assert webanno_tsv.unescape_value(r"a\|b\[1\]\_\*\->\\x\;\tq") == "a|b[1]_*->\\x;\tq"
    assert webanno_tsv.split_stack(r"A\|B[1]|C[2]") == [r"A\|B[1]", "C[2]"]
    assert webanno_tsv.split_id("PER[12]") == ("PER", "12")
    assert webanno_tsv.split_id(r"x\[3\]") == (r"x\[3\]", None)
    assert webanno_tsv.unescape_text(r"a\tb\\n\r", 3) == "a\tb\\n\r"


def test_tsv_is_told_from_iob_by_its_header_through_the_cli(tmp_path: Path) -> None:
    named = tmp_path / "export"  # no suffix: read by content
    shutil.copy(DATA / "example2.tsv", named)
    suffixed = tmp_path / "doc.tsv"
    shutil.copy(DATA / "testSentenceWithEmoji" / "reference.tsv", suffixed)
    db = tmp_path / "p.db"
    result = run_cli("import", "--db", str(db), "--unknown-labels", "add", "--json", str(named), str(suffixed))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["new_documents"], summary["spans_added"]) == (2, 10)
