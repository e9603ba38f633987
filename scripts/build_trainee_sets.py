"""Build ``sample_docs/trainees.jsonl``: two trainees' annotations of two sample articles.

So that a trainer sees agreement, review and adjudication work on the first start, the sample project
carries, beside the gold layer, the work of two trainees (``camille`` and ``sam``) on one English and one
French article. Their spans were chosen by hand, span by span, the way real trainees disagree with each
other and with the gold layer:

- camille reads carefully but draws wide boundaries: quantities with what follows the counted noun,
  assessments up to the end of the sentence, transfers without their leading words; she skips vague
  amounts ("des milliers de fantassins") and a few repeated actors;
- sam keeps the guideline's boundaries but confuses labels (a reported claim tagged as an assessment),
  adds actors the guideline leaves out ("l’armée ukrainienne", "UN"), drops articles ("Corée du Nord",
  "Poutine") and misses some assessments.

The tables below are the annotations (annotator, document, label, exact phrase, occurrence); ids are
UUID5 of their content and timestamps fixed, so running the script again gives the same bytes.
Usage: ``python scripts/build_trainee_sets.py [OUT.jsonl]``.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_docs"
OUT_FILE = SAMPLES / "trainees.jsonl"
TIMESTAMP = "2025-01-20T14:00:00.000Z"
NAMESPACE = uuid.UUID("0b9e3c1e-5a43-4c55-8d36-7f2f1f0c9a10")

EN_TROOPS = "en-troops-kursk.txt"
FR_TROOPS = "fr-soldats-koursk.txt"
DOCUMENTS = (EN_TROOPS, FR_TROOPS)
NBSP = "\u00a0"

# (annotator, document, label, phrase, occurrence among whole-word matches, from 1)
SPANS: list[tuple[str, str, str, str, int]] = [
    # -- camille, English article ------------------------------------------------------------
    ("camille", EN_TROOPS, "quantity", "More than 10,000 troops", 1),
    ("camille", EN_TROOPS, "transfer", "troops from North Korea were sent to Russia", 1),
    ("camille", EN_TROOPS, "actor", "North Korea", 1),
    ("camille", EN_TROOPS, "actor", "Russia", 1),
    (
        "camille",
        EN_TROOPS,
        "assessment",
        "Analysts judge that the deployment marked a new stage in the alliance between Pyongyang and Moscow, "
        "which signed a mutual defence treaty in June 2024",
        1,
    ),
    ("camille", EN_TROOPS, "actor", "Pyongyang", 1),
    ("camille", EN_TROOPS, "actor", "Moscow", 1),
    ("camille", EN_TROOPS, "actor", "Seoul", 1),
    ("camille", EN_TROOPS, "actor", "North Korea", 2),
    ("camille", EN_TROOPS, "transfer", "supplied Russia with about 200 long-range artillery pieces", 1),
    ("camille", EN_TROOPS, "actor", "Russia", 2),
    ("camille", EN_TROOPS, "quantity", "about 200 long-range artillery pieces", 1),
    ("camille", EN_TROOPS, "transfer", "kept shipping artillery shells to Russia", 1),
    ("camille", EN_TROOPS, "actor", "Russia", 3),
    ("camille", EN_TROOPS, "actor", "the Kremlin", 1),
    (
        "camille",
        EN_TROOPS,
        "transfer",
        "provided air-defence systems and electronic-warfare equipment to Pyongyang",
        1,
    ),
    ("camille", EN_TROOPS, "actor", "Pyongyang", 2),
    (
        "camille",
        EN_TROOPS,
        "assessment",
        "Intelligence officials estimate that nearly 4,000 North Korean soldiers were killed or wounded in the "
        "first months of fighting",
        1,
    ),
    ("camille", EN_TROOPS, "quantity", "nearly 4,000 North Korean soldiers", 1),
    (
        "camille",
        EN_TROOPS,
        "assessment",
        "Experts assess that the real gain for Pyongyang is the modernisation of its own forces",
        1,
    ),
    ("camille", EN_TROOPS, "actor", "Pyongyang", 3),
    ("camille", EN_TROOPS, "actor", "Russia", 4),
    ("camille", EN_TROOPS, "transfer", "shipped 1.2 million barrels of oil products to North Korea", 1),
    ("camille", EN_TROOPS, "quantity", "1.2 million barrels of oil products", 1),
    ("camille", EN_TROOPS, "actor", "North Korea", 4),
    ("camille", EN_TROOPS, "actor", "the United Nations", 1),
    (
        "camille",
        EN_TROOPS,
        "assessment",
        "Sanctions specialists judge that enforcement has all but collapsed since Russia vetoed the renewal of "
        "the UN monitoring panel",
        1,
    ),
    ("camille", EN_TROOPS, "actor", "Russia", 5),
    (
        "camille",
        EN_TROOPS,
        "assessment",
        "Most analysts judge it unlikely that the troops will change the course of the war",
        1,
    ),
    # -- sam, English article ----------------------------------------------------------------
    ("sam", EN_TROOPS, "quantity", "More than 10,000 troops", 1),
    ("sam", EN_TROOPS, "transfer", "More than 10,000 troops from North Korea were sent to Russia", 1),
    ("sam", EN_TROOPS, "actor", "North Korea", 1),
    ("sam", EN_TROOPS, "actor", "Russia", 1),
    (
        "sam",
        EN_TROOPS,
        "assessment",
        "Analysts judge that the deployment marked a new stage in the alliance between Pyongyang and Moscow",
        1,
    ),
    ("sam", EN_TROOPS, "actor", "Pyongyang", 1),
    ("sam", EN_TROOPS, "actor", "Moscow", 1),
    ("sam", EN_TROOPS, "actor", "Officials in Seoul", 1),
    ("sam", EN_TROOPS, "actor", "North Korea", 2),
    (
        "sam",
        EN_TROOPS,
        "transfer",
        "supplied Russia with about 200 long-range artillery pieces, including self-propelled howitzers and "
        "multiple rocket launchers",
        1,
    ),
    ("sam", EN_TROOPS, "quantity", "200 long-range artillery pieces", 1),
    ("sam", EN_TROOPS, "transfer", "shipping artillery shells to Russia", 1),
    ("sam", EN_TROOPS, "actor", "Russia", 3),
    ("sam", EN_TROOPS, "actor", "the Kremlin", 1),
    ("sam", EN_TROOPS, "transfer", "provided air-defence systems and electronic-warfare equipment", 1),
    ("sam", EN_TROOPS, "actor", "Pyongyang", 2),
    ("sam", EN_TROOPS, "assessment", "Losses were heavy", 1),
    ("sam", EN_TROOPS, "quantity", "nearly 4,000 North Korean soldiers", 1),
    ("sam", EN_TROOPS, "actor", "the Kremlin", 2),
    ("sam", EN_TROOPS, "actor", "North Korea", 3),
    (
        "sam",
        EN_TROOPS,
        "assessment",
        "Experts assess that the real gain for Pyongyang is the modernisation of its own forces",
        1,
    ),
    ("sam", EN_TROOPS, "actor", "Pyongyang", 3),
    ("sam", EN_TROOPS, "actor", "Russia", 4),
    ("sam", EN_TROOPS, "transfer", "shipped 1.2 million barrels of oil products to North Korea", 1),
    ("sam", EN_TROOPS, "quantity", "1.2 million barrels", 1),
    ("sam", EN_TROOPS, "actor", "North Korea", 4),
    ("sam", EN_TROOPS, "actor", "the United Nations", 1),
    (
        "sam",
        EN_TROOPS,
        "assessment",
        "Sanctions specialists judge that enforcement has all but collapsed since Russia vetoed the renewal of "
        "the UN monitoring panel",
        1,
    ),
    ("sam", EN_TROOPS, "actor", "Russia", 5),
    ("sam", EN_TROOPS, "actor", "UN", 1),
    (
        "sam",
        EN_TROOPS,
        "assessment",
        "Most analysts judge it unlikely that the troops will change the course of the war",
        1,
    ),
    (
        "sam",
        EN_TROOPS,
        "assessment",
        "They warn, however, that a battle-tested North Korean army equipped with Russian technology would "
        "remain a lasting threat in East Asia",
        1,
    ),
    # -- camille, French article -------------------------------------------------------------
    ("camille", FR_TROOPS, "quantity", f"Plus de 10{NBSP}000 soldats nord-coréens", 1),
    ("camille", FR_TROOPS, "transfer", f"Plus de 10{NBSP}000 soldats nord-coréens ont été envoyés en Russie", 1),
    ("camille", FR_TROOPS, "actor", "Russie", 1),
    ("camille", FR_TROOPS, "actor", "Moscou", 1),
    ("camille", FR_TROOPS, "actor", "la Corée du Nord", 1),
    (
        "camille",
        FR_TROOPS,
        "assessment",
        f"Les analystes estiment que les unités envoyées ont subi de lourdes pertes{NBSP}: près de 4{NBSP}000 "
        "soldats auraient été tués ou blessés en quelques mois",
        1,
    ),
    ("camille", FR_TROOPS, "quantity", f"près de 4{NBSP}000 soldats", 1),
    ("camille", FR_TROOPS, "actor", "Vladimir Poutine", 1),
    ("camille", FR_TROOPS, "actor", "Kim Jong Un", 1),
    ("camille", FR_TROOPS, "actor", "Pyongyang", 1),
    (
        "camille",
        FR_TROOPS,
        "transfer",
        "livré à la Russie environ 200 pièces d’artillerie à longue portée, dont des obusiers automoteurs et "
        "des lance-roquettes multiples, en plus des munitions",
        1,
    ),
    ("camille", FR_TROOPS, "actor", "la Russie", 1),
    ("camille", FR_TROOPS, "quantity", "environ 200 pièces d’artillerie", 1),
    ("camille", FR_TROOPS, "actor", "Le Kremlin", 1),
    (
        "camille",
        FR_TROOPS,
        "transfer",
        "fourni en retour des systèmes de défense antiaérienne et des équipements de guerre électronique",
        1,
    ),
    (
        "camille",
        FR_TROOPS,
        "assessment",
        "Les experts jugent que le principal bénéfice pour la Corée du Nord est ailleurs",
        1,
    ),
    ("camille", FR_TROOPS, "actor", "la Corée du Nord", 2),
    ("camille", FR_TROOPS, "actor", "Pyongyang", 2),
    ("camille", FR_TROOPS, "transfer", "reçu jusqu’à 1,2 million de barils de pétrole", 1),
    ("camille", FR_TROOPS, "quantity", "1,2 million de barils de pétrole", 1),
    (
        "camille",
        FR_TROOPS,
        "assessment",
        "Les observateurs doutent toutefois que ces troupes changent l’issue de la guerre",
        1,
    ),
    (
        "camille",
        FR_TROOPS,
        "assessment",
        "selon les experts, une armée nord-coréenne aguerrie et mieux équipée représenterait une menace durable "
        "pour la Corée du Sud et le Japon",
        1,
    ),
    ("camille", FR_TROOPS, "actor", "la Corée du Sud", 1),
    ("camille", FR_TROOPS, "actor", "le Japon", 1),
    # -- sam, French article -----------------------------------------------------------------
    ("sam", FR_TROOPS, "quantity", f"Plus de 10{NBSP}000 soldats", 1),
    ("sam", FR_TROOPS, "transfer", f"Plus de 10{NBSP}000 soldats nord-coréens ont été envoyés en Russie", 1),
    ("sam", FR_TROOPS, "actor", "Russie", 1),
    ("sam", FR_TROOPS, "actor", "l’armée ukrainienne", 1),
    ("sam", FR_TROOPS, "actor", "Moscou", 1),
    ("sam", FR_TROOPS, "quantity", "des milliers de fantassins", 1),
    ("sam", FR_TROOPS, "actor", "Corée du Nord", 1),
    (
        "sam",
        FR_TROOPS,
        "assessment",
        "Les analystes estiment que les unités envoyées ont subi de lourdes pertes",
        1,
    ),
    ("sam", FR_TROOPS, "quantity", f"près de 4{NBSP}000 soldats", 1),
    ("sam", FR_TROOPS, "actor", "Poutine", 1),
    ("sam", FR_TROOPS, "actor", "Kim Jong Un", 1),
    ("sam", FR_TROOPS, "actor", "Pyongyang", 1),
    ("sam", FR_TROOPS, "transfer", "livré à la Russie environ 200 pièces d’artillerie à longue portée", 1),
    ("sam", FR_TROOPS, "actor", "la Russie", 1),
    ("sam", FR_TROOPS, "quantity", "200 pièces d’artillerie", 1),
    ("sam", FR_TROOPS, "actor", "Le Kremlin", 1),
    (
        "sam",
        FR_TROOPS,
        "transfer",
        "fourni en retour des systèmes de défense antiaérienne et des équipements de guerre électronique",
        1,
    ),
    (
        "sam",
        FR_TROOPS,
        "assessment",
        "Selon un rapport sud-coréen, Pyongyang aurait aussi reçu jusqu’à 1,2 million de barils de pétrole en "
        "contrepartie",
        1,
    ),
    ("sam", FR_TROOPS, "actor", "Pyongyang", 2),
    ("sam", FR_TROOPS, "transfer", "reçu jusqu’à 1,2 million de barils de pétrole", 1),
    ("sam", FR_TROOPS, "quantity", "jusqu’à 1,2 million de barils", 1),
    (
        "sam",
        FR_TROOPS,
        "assessment",
        "Les observateurs doutent toutefois que ces troupes changent l’issue de la guerre",
        1,
    ),
    (
        "sam",
        FR_TROOPS,
        "assessment",
        "selon les experts, une armée nord-coréenne aguerrie et mieux équipée représenterait une menace durable "
        "pour la Corée du Sud et le Japon",
        1,
    ),
    ("sam", FR_TROOPS, "actor", "la Corée du Sud", 1),
    ("sam", FR_TROOPS, "actor", "le Japon", 1),
]


def _build_gold_module():
    spec = importlib.util.spec_from_file_location("build_gold", ROOT / "scripts" / "build_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def build(out: Path) -> None:
    """Import the two articles into a temporary project, add the trainees' spans, export them to ``out``."""
    from annotator.services.exporting import export_project
    from annotator.services.importing import import_paths
    from annotator.store.project import Project

    occurrences = _build_gold_module().occurrences
    with tempfile.TemporaryDirectory() as folder, Project(Path(folder) / "trainees.db") as project:
        doc_ids: dict[str, int] = {}
        for name in DOCUMENTS:
            report = import_paths(project, [SAMPLES / name])
            if report.skipped:
                raise SystemExit(f"{name}: {report.skipped[0][1]}")
            doc_ids[name] = report.documents[0][0]
        with project.transaction() as db:  # fixed import times and file names without folders, as in gold
            for name, doc_id in doc_ids.items():
                db.execute("UPDATE documents SET added_at = ?, source_path = ? WHERE id = ?", [TIMESTAMP, name, doc_id])
        spans = []
        for annotator, document, label, phrase, occurrence in SPANS:
            starts = occurrences(project.document_text(doc_ids[document]), phrase)
            if not 1 <= occurrence <= len(starts):
                raise SystemExit(f"{document}: {phrase!r} occurs {len(starts)} times, not {occurrence}")
            start = starts[occurrence - 1]
            key = f"{annotator}|{document}|{start}|{start + len(phrase)}|{label}"
            spans.append(
                project.make_span(
                    doc_ids[document],
                    start,
                    start + len(phrase),
                    label,
                    annotator=annotator,
                    status="accepted",
                    source="manual",
                    span_id=str(uuid.uuid5(NAMESPACE, key)),
                    created=TIMESTAMP,
                    updated=TIMESTAMP,
                    expected_text=phrase,
                )
            )
        project.add_spans(spans)
        export_project(project, "jsonl", out, statuses=None)
        print(f"{out.name}: {len(doc_ids)} documents, {len(spans)} spans by camille and sam")


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT_FILE
    sys.path.insert(0, str(ROOT / "src"))
    build(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
