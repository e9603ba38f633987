"""Build ``sample_docs/gold.jsonl``: the gold annotation set of the sample articles.

The gold set is written here as readable tables (document, label, exact phrase, occurrence),
applied to a temporary project that imports the articles, and exported in the native jsonl
format. Span and link ids are UUID5 of their content and every timestamp is fixed, so running
the script again gives the same bytes. Usage: ``python scripts/build_gold.py [OUT.jsonl]``.

Annotation conventions of the gold set:
- actor: states, organisations and people taking part in the events. French country names keep
  their article ("la Russie", "le Japon") unless it is fused with a preposition ("du Japon" →
  "Japon", "des États-Unis" → "États-Unis"); media quoted as sources are not actors.
- transfer: the verb (or noun) phrase with what moves, up to the end of the list of goods.
- quantity: the amount with its approximation word and its counted noun ("plus de 10 000 soldats").
- assessment: the attribution with the judgement it introduces, up to the end of that clause.
"""

from __future__ import annotations

import re
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_docs"
GOLD_FILE = SAMPLES / "gold.jsonl"
ANNOTATOR = "gold"
TIMESTAMP = "2025-01-15T09:00:00.000Z"
NAMESPACE = uuid.UUID("6f1c2a52-0d7e-4c1b-9a8e-2b9f6b0e7c41")
ALL = "*"  # every whole-word occurrence not yet covered by a span of the same label

SEED = "coree-russie-industrie-defense.txt"
EN_SHELLS = "en-shells-for-oil.txt"
EN_TROOPS = "en-troops-kursk.txt"
FR_OIL = "fr-petrole-sanctions.txt"
FR_TROOPS = "fr-soldats-koursk.txt"
DOCUMENTS = (SEED, EN_SHELLS, EN_TROOPS, FR_OIL, FR_TROOPS)

NBSP, NNBSP = "\u00a0", "\u202f"

# -- spans ---------------------------------------------------------------------------------
# (document, label, phrase, occurrence): occurrence counts whole-word matches of the phrase in
# the text, from 1; ALL takes every match that no earlier row of the same label covers, so a
# longer name ("la Russie") listed first wins over a shorter one ("Russie") listed after it.
SPANS: list[tuple[str, str, str, int | str]] = [
    # seed article: actors
    (SEED, "actor", "La Corée du Nord", ALL),
    (SEED, "actor", "la Corée du Nord", ALL),
    (SEED, "actor", "la Russie", ALL),
    (SEED, "actor", "Russie", ALL),
    (SEED, "actor", "Pyongyang", ALL),
    (SEED, "actor", "Moscou", ALL),
    (SEED, "actor", "Kim Jong Un", ALL),
    (SEED, "actor", "Kim", ALL),
    (SEED, "actor", "Poutine", ALL),
    (SEED, "actor", "ONU", ALL),
    (SEED, "actor", "Ukraine", ALL),
    (SEED, "actor", "les États-Unis", ALL),
    (SEED, "actor", "États-Unis", ALL),
    (SEED, "actor", "Etats-Unis", ALL),
    (SEED, "actor", "Le Japon", ALL),
    (SEED, "actor", "le Japon", ALL),
    (SEED, "actor", "Japon", ALL),
    (SEED, "actor", "L’administration Biden", ALL),
    # seed article: transfers
    (SEED, "transfer", "reçoit une aide financière et des technologies de pointe", 1),
    (
        SEED,
        "transfer",
        "fourniture à la Russie de munitions d’artillerie, de missiles balistiques et de systèmes de fusées",
        1,
    ),
    (SEED, "transfer", "déploiement de plus de 10 000 soldats nord-coréens en Russie", 1),
    (
        SEED,
        "transfer",
        "fourni à la Russie des munitions d’artillerie, des missiles balistiques et des systèmes de roquettes",
        1,
    ),
    (
        SEED,
        "transfer",
        "reçu une aide financière, des denrées alimentaires et des technologies militaires russes de pointe",
        1,
    ),
    (
        SEED,
        "transfer",
        "acquis d’importantes quantités de produits pétroliers russes, dépassant le million de barils",
        1,
    ),
    # seed article: quantities
    (SEED, "quantity", "plus de 10 000 soldats", 1),
    (SEED, "quantity", "dépassant le million de barils", 1),
    # seed article: assessments
    (
        SEED,
        "assessment",
        "Cette revitalisation de la base industrielle de défense nord-coréenne représente un risque important "
        "pour la stabilité régionale, selon les experts",
        1,
    ),
    (
        SEED,
        "assessment",
        "les experts soulignent la nécessité d’une action rapide de la part du Japon pour traduire les intentions "
        "en actions concrètes",
        1,
    ),
    (
        SEED,
        "assessment",
        "les experts estiment que la véritable préoccupation réside dans la modernisation potentielle de "
        "l’industrie de la défense de Pyongyang grâce à une coopération renforcée entre la Russie et la Corée du Nord",
        1,
    ),
    (
        SEED,
        "assessment",
        "les analystes estiment qu’il est peu probable que ces soldats aient un impact significatif sur le champ "
        "de bataille à court ou à long terme",
        1,
    ),
    (
        SEED,
        "assessment",
        "Les experts craignent que la demande croissante d’armement de la Corée du Nord par la Russie ne "
        "revitalise la base industrielle de défense vieillissante de Pyongyang",
        1,
    ),
    (SEED, "assessment", "cette évolution représente un risque important, selon les experts", 1),
    (
        SEED,
        "assessment",
        "les experts soulignent la nécessité pour le Japon de traduire rapidement ces intentions en actions concrètes",
        1,
    ),
    # English: shells for oil
    (EN_SHELLS, "actor", "North Korea", ALL),
    (EN_SHELLS, "actor", "Russia", ALL),
    (EN_SHELLS, "actor", "Pyongyang", ALL),
    (EN_SHELLS, "actor", "Moscow", ALL),
    (EN_SHELLS, "actor", "The Kremlin", ALL),
    (EN_SHELLS, "actor", "Seoul", ALL),
    (EN_SHELLS, "actor", "the UN Security Council", ALL),
    (EN_SHELLS, "actor", "the UN panel", ALL),
    (EN_SHELLS, "actor", "Kim Jong Un", ALL),
    (EN_SHELLS, "actor", "Ukraine", ALL),
    (EN_SHELLS, "transfer", "ships shells to Russia", 1),
    (EN_SHELLS, "transfer", "oil flows back to Pyongyang", 1),
    (EN_SHELLS, "transfer", "shipped artillery shells to Russia", 1),
    (EN_SHELLS, "transfer", "sent more than 6,000 containers of munitions across the border", 1),
    (EN_SHELLS, "transfer", "delivered more than 1 million barrels of oil to North Korea", 1),
    (EN_SHELLS, "transfer", "transferred ballistic missiles to Russia", 1),
    (EN_SHELLS, "transfer", "paid the equivalent of up to $5.5 billion for the shells", 1),
    (EN_SHELLS, "quantity", "more than 6,000 containers", 1),
    (EN_SHELLS, "quantity", "several million rounds", 1),
    (EN_SHELLS, "quantity", "more than 1 million barrels", 1),
    (EN_SHELLS, "quantity", "500,000 barrels", 1),
    (EN_SHELLS, "quantity", "at least 43 tanker voyages", 1),
    (EN_SHELLS, "quantity", "roughly 30,000 barrels", 1),
    (EN_SHELLS, "quantity", "up to $5.5 billion", 1),
    (
        EN_SHELLS,
        "assessment",
        "Analysts judge that Pyongyang has sent more than 6,000 containers of munitions across the border by rail "
        "and through the port of Rajin",
        1,
    ),
    (
        EN_SHELLS,
        "assessment",
        "Analysts judge that the barter has changed the economics of the North Korean arms industry",
        1,
    ),
    (
        EN_SHELLS,
        "assessment",
        "Researchers at several think tanks assess that the flow of munitions is likely to continue for as long "
        "as the war in Ukraine lasts",
        1,
    ),
    (
        EN_SHELLS,
        "assessment",
        "They estimate that Russia has paid the equivalent of up to $5.5 billion for the shells",
        1,
    ),
    (
        EN_SHELLS,
        "assessment",
        "Sanctions experts warn that the UN panel that monitored North Korea was disbanded in 2024 after a Russian "
        "veto, which leaves the oil deliveries largely unchecked",
        1,
    ),
    # English: troops in Kursk
    (EN_TROOPS, "actor", "North Korea", ALL),
    (EN_TROOPS, "actor", "Russia", ALL),
    (EN_TROOPS, "actor", "Pyongyang", ALL),
    (EN_TROOPS, "actor", "Moscow", ALL),
    (EN_TROOPS, "actor", "the Kremlin", ALL),
    (EN_TROOPS, "actor", "Seoul", ALL),
    (EN_TROOPS, "actor", "the United Nations", ALL),
    (EN_TROOPS, "transfer", "More than 10,000 troops from North Korea were sent to Russia", 1),
    (
        EN_TROOPS,
        "transfer",
        "supplied Russia with about 200 long-range artillery pieces, including self-propelled howitzers and "
        "multiple rocket launchers",
        1,
    ),
    (EN_TROOPS, "transfer", "shipping artillery shells to Russia", 1),
    (EN_TROOPS, "transfer", "provided air-defence systems and electronic-warfare equipment to Pyongyang", 1),
    (EN_TROOPS, "transfer", "shipped 1.2 million barrels of oil products to North Korea", 1),
    (EN_TROOPS, "quantity", "More than 10,000 troops", 1),
    (EN_TROOPS, "quantity", "about 200 long-range artillery pieces", 1),
    (EN_TROOPS, "quantity", "nearly 4,000 North Korean soldiers", 1),
    (EN_TROOPS, "quantity", "1.2 million barrels", 1),
    (
        EN_TROOPS,
        "assessment",
        "Analysts judge that the deployment marked a new stage in the alliance between Pyongyang and Moscow",
        1,
    ),
    (
        EN_TROOPS,
        "assessment",
        "Intelligence officials estimate that nearly 4,000 North Korean soldiers were killed or wounded in the "
        "first months of fighting",
        1,
    ),
    (
        EN_TROOPS,
        "assessment",
        "Experts assess that the real gain for Pyongyang is the modernisation of its own forces",
        1,
    ),
    (
        EN_TROOPS,
        "assessment",
        "Sanctions specialists judge that enforcement has all but collapsed since Russia vetoed the renewal of "
        "the UN monitoring panel",
        1,
    ),
    (EN_TROOPS, "assessment", "Most analysts judge it unlikely that the troops will change the course of the war", 1),
    (
        EN_TROOPS,
        "assessment",
        "They warn, however, that a battle-tested North Korean army equipped with Russian technology would remain "
        "a lasting threat in East Asia",
        1,
    ),
    # French: oil and sanctions
    (FR_OIL, "actor", "Pyongyang", ALL),
    (FR_OIL, "actor", "ONU", ALL),
    (FR_OIL, "actor", "la Russie", ALL),
    (FR_OIL, "actor", "la Corée du Nord", ALL),
    (FR_OIL, "actor", "le Conseil de sécurité", ALL),
    (FR_OIL, "actor", "Moscou", ALL),
    (FR_OIL, "actor", "le Kremlin", ALL),
    (FR_OIL, "actor", "Ukraine", ALL),
    (FR_OIL, "transfer", "livré à la Corée du Nord plus d’un million de barils de produits pétroliers", 1),
    (FR_OIL, "transfer", "fourni à la Russie des munitions d’artillerie", 1),
    (FR_OIL, "transfer", "expédié à Moscou plusieurs millions d’obus", 1),
    (
        FR_OIL,
        "transfer",
        "transféré à Pyongyang des technologies de défense antiaérienne et une aide financière estimée à plusieurs "
        "centaines de millions de dollars",
        1,
    ),
    (FR_OIL, "quantity", "plus d’un million de barils", 1),
    (FR_OIL, "quantity", f"500{NNBSP}000 barils", 1),
    (FR_OIL, "quantity", "au moins 43 rotations", 1),
    (FR_OIL, "quantity", f"environ 30{NNBSP}000 barils", 1),
    (FR_OIL, "quantity", f"près de 6{NNBSP}000 conteneurs", 1),
    (FR_OIL, "quantity", "plusieurs millions d’obus", 1),
    (FR_OIL, "quantity", "plusieurs centaines de millions de dollars", 1),
    (
        FR_OIL,
        "assessment",
        "Les experts estiment que Pyongyang a expédié à Moscou plusieurs millions d’obus depuis l’été 2023, ainsi "
        "que des missiles balistiques de courte portée",
        1,
    ),
    (
        FR_OIL,
        "assessment",
        "Les analystes jugent que la Corée du Nord dispose désormais d’assez de carburant pour entraîner son armée "
        "et faire tourner ses usines d’armement",
        1,
    ),
    (
        FR_OIL,
        "assessment",
        "Les experts estiment que cette coopération pourrait durer bien au-delà de la guerre en Ukraine",
        1,
    ),
    (FR_OIL, "assessment", "Pour les spécialistes des sanctions, la situation est inédite", 1),
    # French: soldiers in Kursk
    (FR_TROOPS, "actor", "Moscou", ALL),
    (FR_TROOPS, "actor", "la Corée du Nord", ALL),
    (FR_TROOPS, "actor", "la Russie", ALL),
    (FR_TROOPS, "actor", "Russie", ALL),
    (FR_TROOPS, "actor", "Vladimir Poutine", ALL),
    (FR_TROOPS, "actor", "Kim Jong Un", ALL),
    (FR_TROOPS, "actor", "Pyongyang", ALL),
    (FR_TROOPS, "actor", "Le Kremlin", ALL),
    (FR_TROOPS, "actor", "la Corée du Sud", ALL),
    (FR_TROOPS, "actor", "le Japon", ALL),
    (FR_TROOPS, "transfer", f"Plus de 10{NBSP}000 soldats nord-coréens ont été envoyés en Russie", 1),
    (FR_TROOPS, "transfer", "livré à la Russie environ 200 pièces d’artillerie à longue portée", 1),
    (
        FR_TROOPS,
        "transfer",
        "fourni en retour des systèmes de défense antiaérienne et des équipements de guerre électronique",
        1,
    ),
    (FR_TROOPS, "transfer", "reçu jusqu’à 1,2 million de barils de pétrole", 1),
    (FR_TROOPS, "quantity", f"Plus de 10{NBSP}000 soldats", 1),
    (FR_TROOPS, "quantity", "des milliers de fantassins", 1),
    (FR_TROOPS, "quantity", f"près de 4{NBSP}000 soldats", 1),
    (FR_TROOPS, "quantity", "environ 200 pièces d’artillerie", 1),
    (FR_TROOPS, "quantity", "jusqu’à 1,2 million de barils", 1),
    (FR_TROOPS, "assessment", "Les analystes estiment que les unités envoyées ont subi de lourdes pertes", 1),
    (FR_TROOPS, "assessment", "Les experts jugent que le principal bénéfice pour la Corée du Nord est ailleurs", 1),
    (FR_TROOPS, "assessment", "Les observateurs doutent toutefois que ces troupes changent l’issue de la guerre", 1),
    (
        FR_TROOPS,
        "assessment",
        "selon les experts, une armée nord-coréenne aguerrie et mieux équipée représenterait une menace durable "
        "pour la Corée du Sud et le Japon",
        1,
    ),
]

# -- links ---------------------------------------------------------------------------------
# A span is named by (label, phrase, n): the n-th span (from 1, in text order) with that label
# whose text is the phrase. Links go from a transfer to its supplier, recipient and amount, and
# from an assessment to what it is about.
T_AID = ("transfer", "reçoit une aide financière et des technologies de pointe", 1)
T_SUPPLY_1 = (
    "transfer",
    "fourniture à la Russie de munitions d’artillerie, de missiles balistiques et de systèmes de fusées",
    1,
)
T_TROOPS = ("transfer", "déploiement de plus de 10 000 soldats nord-coréens en Russie", 1)
T_SUPPLY_2 = (
    "transfer",
    "fourni à la Russie des munitions d’artillerie, des missiles balistiques et des systèmes de roquettes",
    1,
)
T_RETURN = (
    "transfer",
    "reçu une aide financière, des denrées alimentaires et des technologies militaires russes de pointe",
    1,
)
T_OIL = ("transfer", "acquis d’importantes quantités de produits pétroliers russes, dépassant le million de barils", 1)
A_RISK = (
    "assessment",
    "Cette revitalisation de la base industrielle de défense nord-coréenne représente un risque important "
    "pour la stabilité régionale, selon les experts",
    1,
)
A_JAPAN_1 = (
    "assessment",
    "les experts soulignent la nécessité d’une action rapide de la part du Japon pour traduire les intentions "
    "en actions concrètes",
    1,
)
A_CONCERN = (
    "assessment",
    "les experts estiment que la véritable préoccupation réside dans la modernisation potentielle de "
    "l’industrie de la défense de Pyongyang grâce à une coopération renforcée entre la Russie et la Corée du Nord",
    1,
)
A_IMPACT = (
    "assessment",
    "les analystes estiment qu’il est peu probable que ces soldats aient un impact significatif sur le champ "
    "de bataille à court ou à long terme",
    1,
)
A_FEAR = (
    "assessment",
    "Les experts craignent que la demande croissante d’armement de la Corée du Nord par la Russie ne "
    "revitalise la base industrielle de défense vieillissante de Pyongyang",
    1,
)
A_JAPAN_2 = (
    "assessment",
    "les experts soulignent la nécessité pour le Japon de traduire rapidement ces intentions en actions concrètes",
    1,
)

LINKS: list[tuple[str, tuple[str, str, int], str, tuple[str, str, int]]] = [
    (SEED, T_AID, "supplier", ("actor", "la Russie", 1)),
    (SEED, T_AID, "recipient", ("actor", "La Corée du Nord", 1)),
    (SEED, T_SUPPLY_1, "supplier", ("actor", "La Corée du Nord", 1)),
    (SEED, T_SUPPLY_1, "recipient", ("actor", "la Russie", 2)),
    (SEED, T_TROOPS, "supplier", ("actor", "Pyongyang", 1)),
    (SEED, T_TROOPS, "recipient", ("actor", "Russie", 1)),
    (SEED, T_TROOPS, "amount", ("quantity", "plus de 10 000 soldats", 1)),
    (SEED, T_SUPPLY_2, "supplier", ("actor", "la Corée du Nord", 3)),
    (SEED, T_SUPPLY_2, "recipient", ("actor", "la Russie", 5)),
    (SEED, T_RETURN, "supplier", ("actor", "la Russie", 5)),
    (SEED, T_RETURN, "recipient", ("actor", "Pyongyang", 2)),
    (SEED, T_OIL, "supplier", ("actor", "la Russie", 6)),
    (SEED, T_OIL, "recipient", ("actor", "la Corée du Nord", 4)),
    (SEED, T_OIL, "amount", ("quantity", "dépassant le million de barils", 1)),
    (SEED, A_RISK, "about", ("actor", "La Corée du Nord", 1)),
    (SEED, A_JAPAN_1, "about", ("actor", "Japon", 1)),
    (SEED, A_CONCERN, "about", ("actor", "Pyongyang", 1)),
    (SEED, A_IMPACT, "about", ("quantity", "plus de 10 000 soldats", 1)),
    (SEED, A_FEAR, "about", T_SUPPLY_2),
    (SEED, A_JAPAN_2, "about", ("actor", "le Japon", 3)),
]

# -- attributes ----------------------------------------------------------------------------
ATTRIBUTES: list[tuple[str, tuple[str, str, int], str, str]] = [
    (SEED, T_AID, "status", "reported"),
    (SEED, T_SUPPLY_1, "status", "reported"),
    (SEED, T_TROOPS, "status", "confirmed"),
    (SEED, T_SUPPLY_2, "status", "confirmed"),
    (SEED, T_RETURN, "status", "reported"),
    (SEED, T_OIL, "status", "confirmed"),
    (SEED, A_RISK, "confidence", "medium"),
    (SEED, A_CONCERN, "confidence", "medium"),
    (SEED, A_IMPACT, "confidence", "high"),
    (SEED, A_FEAR, "confidence", "low"),
]

# -- canonical entities of actor mentions --------------------------------------------------
ENTITIES: dict[str, tuple[str, ...]] = {
    "North Korea": ("La Corée du Nord", "la Corée du Nord", "Pyongyang", "North Korea"),
    "Russia": (
        "la Russie",
        "Russie",
        "Moscou",
        "Moscow",
        "Russia",
        "The Kremlin",
        "the Kremlin",
        "le Kremlin",
        "Le Kremlin",
    ),
    "Kim Jong Un": ("Kim Jong Un", "Kim"),
    "Vladimir Putin": ("Poutine", "Vladimir Poutine"),
    "United States": ("les États-Unis", "États-Unis", "Etats-Unis"),
    "Japan": ("Le Japon", "le Japon", "Japon"),
    "United Nations": (
        "ONU",
        "the United Nations",
        "the UN Security Council",
        "le Conseil de sécurité",
        "the UN panel",
    ),
    "South Korea": ("Seoul", "la Corée du Sud"),
}


@dataclass(frozen=True)
class GoldSpan:
    document: str
    start: int
    end: int
    label: str
    text: str


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def occurrences(text: str, phrase: str) -> list[int]:
    """Start offsets of the whole-word matches of ``phrase`` in ``text``."""
    found = []
    for match in re.finditer(re.escape(phrase), text):
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if (not before or not _is_word(before) or not _is_word(phrase[0])) and (
            not after or not _is_word(after) or not _is_word(phrase[-1])
        ):
            found.append(start)
    return found


def resolve_spans(texts: dict[str, str]) -> list[GoldSpan]:
    """The gold spans of every document, from the SPANS table; raises on a phrase that is not there."""
    spans: list[GoldSpan] = []
    for document, label, phrase, occurrence in SPANS:
        text = texts[document]
        starts = occurrences(text, phrase)
        if not starts:
            raise SystemExit(f"{document}: {phrase!r} is not in the text")
        if occurrence == ALL:
            for start in starts:
                end = start + len(phrase)
                taken = any(
                    s.document == document and s.label == label and s.start < end and start < s.end for s in spans
                )
                if not taken:
                    spans.append(GoldSpan(document, start, end, label, phrase))
        else:
            if not isinstance(occurrence, int) or not 1 <= occurrence <= len(starts):
                raise SystemExit(f"{document}: {phrase!r} occurs {len(starts)} times, not {occurrence}")
            start = starts[occurrence - 1]
            if any(
                s.document == document and (s.start, s.end, s.label) == (start, start + len(phrase), label)
                for s in spans
            ):
                raise SystemExit(f"{document}: {label} {phrase!r} is listed twice")
            spans.append(GoldSpan(document, start, start + len(phrase), label, phrase))
    return sorted(spans, key=lambda s: (DOCUMENTS.index(s.document), s.start, s.end, s.label))


def span_uuid(span: GoldSpan) -> str:
    """A stable id from the document file, offsets and label."""
    return str(uuid.uuid5(NAMESPACE, f"{span.document}|{span.start}|{span.end}|{span.label}"))


def find_span(spans: list[GoldSpan], document: str, ref: tuple[str, str, int]) -> GoldSpan:
    """The n-th gold span of ``document`` with this label and text."""
    label, phrase, n = ref
    matching = [s for s in spans if s.document == document and s.label == label and s.text == phrase]
    if not 1 <= n <= len(matching):
        raise SystemExit(f"{document}: there are {len(matching)} {label} spans {phrase!r}, not {n}")
    return matching[n - 1]


def build(out: Path) -> None:
    """Import the articles into a temporary project, add the gold layer, export it to ``out``."""
    from annotator.services.exporting import export_project
    from annotator.services.importing import import_paths
    from annotator.store.project import Project

    with tempfile.TemporaryDirectory() as folder, Project(Path(folder) / "gold.db") as project:
        doc_ids: dict[str, int] = {}
        for name in DOCUMENTS:
            report = import_paths(project, [SAMPLES / name])
            if report.skipped:
                raise SystemExit(f"{name}: {report.skipped[0][1]}")
            doc_ids[name] = report.documents[0][0]
        with project.transaction() as db:
            # Fixed import times and file names without folders: the gold file must not depend on
            # when or where it was built.
            for name, doc_id in doc_ids.items():
                db.execute("UPDATE documents SET added_at = ?, source_path = ? WHERE id = ?", [TIMESTAMP, name, doc_id])
        texts = {name: project.document_text(doc_id) for name, doc_id in doc_ids.items()}
        spans = resolve_spans(texts)
        entity_ids = _add_entities(project)
        entity_of = {mention: entity_ids[name] for name, mentions in ENTITIES.items() for mention in mentions}
        stored = project.add_spans(
            project.make_span(
                doc_ids[s.document],
                s.start,
                s.end,
                s.label,
                annotator=ANNOTATOR,
                status="accepted",
                source="manual",
                span_id=span_uuid(s),
                created=TIMESTAMP,
                updated=TIMESTAMP,
                entity_id=entity_of.get(s.text) if s.label == "actor" else None,
                expected_text=s.text,
            )
            for s in spans
        )
        for document, source, role, target in LINKS:
            from_id = span_uuid(find_span(spans, document, source))
            to_id = span_uuid(find_span(spans, document, target))
            project.add_link(
                from_id,
                to_id,
                role,
                annotator=ANNOTATOR,
                link_id=str(uuid.uuid5(NAMESPACE, f"{from_id}|{role}|{to_id}")),
                created=TIMESTAMP,
                updated=TIMESTAMP,
            )
        for document, ref, name, value in ATTRIBUTES:
            project.set_attribute(span_uuid(find_span(spans, document, ref)), name, value)
        report = export_project(project, "jsonl", out, statuses=None)
        print(f"{out.name}: {len(doc_ids)} documents, {len(stored)} spans, {len(LINKS)} links")
        for warning in report.warnings:
            print(f"warning: {warning}")


def _add_entities(project) -> dict[str, int]:
    """Create the canonical entities with a fixed creation time; returns name → id."""
    ids = {}
    with project.transaction() as db:
        for name in ENTITIES:
            db.execute("INSERT INTO entities (name, label, created) VALUES (?, 'actor', ?)", [name, TIMESTAMP])
            ids[name] = db.execute("SELECT id FROM entities WHERE name = ?", [name]).fetchone()[0]
    return ids


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else GOLD_FILE
    sys.path.insert(0, str(ROOT / "src"))
    build(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
