"""The project a random run starts from, and the files it imports: French news prose full of the characters
that break offset arithmetic (surrogate pairs, flags, ZWJ sequences, combining marks, no-break spaces).

Everything is drawn from a seeded ``random.Random``: one seed, one project, byte for byte.
"""

from __future__ import annotations

import random
from pathlib import Path

from annotator.core.offsets import snap_to_words
from annotator.store.project import Project

# Characters a selection must never split, each as the user sees one character.
HAZARDS = (
    "🇰🇵",  # a flag: two regional indicators, four UTF-16 units
    "🇷🇺",
    "👩‍👩‍👧",  # a ZWJ family: five code points
    "👨🏽‍🚀",  # skin tone and ZWJ
    "😀",
    "🚀",
    "𝔘𝔑",  # mathematical letters outside the BMP
    "é",  # e + combining acute
    "ñ",
    "10\u00a0000",  # digits joined by a no-break space
    "1\u202f000",  # narrow no-break space
    "l’ONU",
    "«\u00a0Pyongyang\u00a0»",
)

ACTORS = (
    "la Corée du Nord",
    "la Russie",
    "Moscou",
    "Pyongyang",
    "l’Iran",
    "la Chine",
    "Séoul",
    "Washington",
    "Kim Jong-un",
    "le Kremlin",
    "l’ONU",
    "Téhéran",
)
AMOUNTS = (
    "10\u00a0000 soldats",
    "1\u202f000 conteneurs",
    "200 wagons",
    "3 millions d’obus",
    "plus de 50 drones",
    "12 navires",
)
TEMPLATES = (
    "Selon {a}, {b} a fourni à {c} des munitions d’artillerie.",
    "Plus de {n} sont déployés ; les experts estiment que c’est un risque pour {a}.",
    "{A} et {b} ont signé un accord de défense mutuelle en juin.",
    "Le ministère de {a} évoque {n} livrés par le port de Rajin.",
    "D’après les services de renseignement, {a} surveille l’arsenal de {b}.",
    "Les analystes jugent « très probable » une nouvelle livraison de {n} avant l’hiver.",
    "{A} a démenti toute participation à ces transferts d’armes vers {b}.",
    "Des images satellites montrent {n} près de la frontière de {a}.",
    "L’Union européenne prépare des sanctions contre trois sociétés écrans liées à {a}.",
    "{A} estime que {b} a aussi envoyé {n} à {c}.",
    "Un porte-parole de {a} a qualifié ces informations de « pure invention ».",
    "{A} a convoqué l’ambassadeur de {b} mardi.",
)


def sentence(rng: random.Random) -> str:
    """One sentence of news prose about arms transfers, names and amounts drawn at random."""
    a, b, c = rng.sample(ACTORS, 3)
    return rng.choice(TEMPLATES).format(a=a, b=b, c=c, A=a[0].upper() + a[1:], n=rng.choice(AMOUNTS))


def paragraph(rng: random.Random, sentences: int) -> str:
    """A paragraph of ``sentences`` sentences, hazards sprinkled between and inside words."""
    out = []
    for _ in range(sentences):
        words = sentence(rng).split(" ")
        for _ in range(rng.randint(0, 3)):
            at = rng.randrange(len(words) + 1)
            hazard = rng.choice(HAZARDS)
            if rng.random() < 0.3 and words:  # glued to a word: "Séoul🇰🇵"
                at = min(at, len(words) - 1)
                words[at] = words[at] + hazard
            else:
                words.insert(at, hazard)
        out.append(" ".join(words))
    return " ".join(out)


def document_text(rng: random.Random, paragraphs: int) -> str:
    """A document: paragraphs separated by line breaks, ending with one."""
    return "\n".join(paragraph(rng, rng.randint(2, 5)) for _ in range(paragraphs)) + "\n"


def word_spans(text: str, rng: random.Random, count: int) -> list[tuple[int, int]]:
    """``count`` word-snapped ranges of ``text`` (code points), distinct, in no order."""
    found: set[tuple[int, int]] = set()
    for _ in range(count * 3):
        if len(found) >= count:
            break
        at = rng.randrange(len(text))
        start, end = snap_to_words(text, at, min(len(text), at + rng.randint(1, 18)))
        if end > start and text[start:end].strip():
            found.add((start, end))
    return sorted(found)


def build_start_project(path: Path, seed: int, *, long_document: bool = True) -> None:
    """Write the starting project of ``seed`` at ``path``: four documents (with ``long_document`` a fifth, long
    enough for the reader to read it by range), gold spans, a few suggestions, links, attributes and an entity."""
    rng = random.Random(f"corpus-{seed}")
    with Project(path) as project:
        sizes = [3, 6, 2, 8] + ([150] if long_document else [])  # paragraphs; 150 is past the first chunks
        labels = ["actor", "transfer", "quantity", "assessment"]
        entity = project.add_entity("Corée du Nord")
        for number, size in enumerate(sizes):
            text = document_text(rng, size)
            document, _ = project.add_document(f"Dépêche {number + 1} 🇰🇵", text, source_path=None)
            gold = []
            for start, end in word_spans(text, rng, 6 + size // 3):
                label = rng.choice(labels)
                status = "suggested" if rng.random() < 0.2 else "accepted"
                annotator = "gold" if status == "accepted" else "monkey"
                source = "manual" if status == "accepted" else rng.choice(["quantity", "propagation"])
                span = project.add_span(
                    document.id, start, end, label, annotator=annotator, status=status, source=source
                )
                gold.append(span)
            transfers = [s for s in gold if s.label == "transfer" and s.status == "accepted"]
            actors = [s for s in gold if s.label == "actor" and s.status == "accepted"]
            for transfer in transfers[:2]:
                if actors:
                    project.add_link(transfer.id, rng.choice(actors).id, "recipient", annotator="gold")
                project.set_attribute(transfer.id, "status", "reported")
            if actors:
                project.update_span(actors[0].id, entity_id=entity.id)


def import_file(folder: Path, rng: random.Random, serial: int) -> Path:
    """A new plain-text file to import (its own text, so a new document)."""
    path = folder / f"import-{serial:04d}.txt"
    path.write_text(f"Dépêche importée nº {serial}\n" + document_text(rng, rng.randint(1, 4)), encoding="utf-8")
    return path
