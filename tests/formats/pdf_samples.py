"""Real PDF files for the PDF reader's tests, written by reportlab (an independent PDF writer and typesetter).

``two_column_report`` sets a French report as a word processor would: reportlab's own line breaker
justifies the text in two columns, indents the first line of each paragraph, hyphenates long words at
their soft hyphens when a line ends inside them, and flows paragraphs from one column to the next and
from one page to the next. Every page has a running header and a footer with the page number; the
title spans both columns on the first page; a section heading stands on its own; a word is drawn with
the "fi" ligature glyph; the last page holds a figure and no text.
"""

from __future__ import annotations

from pathlib import Path

FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT = "DejaVuSans"
PAGE_W, PAGE_H = 420.0, 595.0  # A5
MARGIN = 42.0
GUTTER = 16.0
HEADER_Y = PAGE_H - 24.0
FOOTER_Y = 20.0

TITLE = "Les transferts d’armes entre la Corée du Nord et la Russie"
HEADER = "Institut d’études stratégiques · Note n° 12"
FOOTER = "Rapport annuel 2024"
AUTHOR = "Élise Martin"
SHY = "\u00ad"

# The report: (kind, text); soft hyphens mark where a long word may be cut at a line end.
BODY: list[tuple[str, str]] = [
    ("title", TITLE),
    (
        "p",
        f"Depuis l’été 2023, la Corée du Nord a fourni à la Russie des millions d’obus d’ar{SHY}til{SHY}le{SHY}rie, "
        f"selon les services de ren{SHY}sei{SHY}gne{SHY}ment sud-coréens, qui s’appuient sur des images "
        f"sa{SHY}tel{SHY}li{SHY}taires et sur le suivi des navires entre le port de Rajin et celui de Vostotchny.",
    ),
    (
        "p",
        f"Ces livraisons con\ufb01rment une coopération militaire que Moscou et Pyongyang niaient encore au "
        f"prin{SHY}temps. Elles sou{SHY}tien{SHY}nent l’in{SHY}dus{SHY}trie de défense russe, dont les usines "
        f"peinent à produire assez de mu{SHY}ni{SHY}tions pour le front ukrainien, et elles apportent au régime "
        f"nord-coréen des devises dont il manque cruellement.",
    ),
    ("h", "Les quantités en jeu"),
    (
        "p",
        f"Le porte-parole du ministère sud-coréen de la Défense a évoqué plus de 13 000 conteneurs expédiés "
        f"depuis août 2023, soit l’équivalent de plusieurs millions d’obus de 152 mil{SHY}li{SHY}mè{SHY}tres et "
        f"de roquettes de 122 mil{SHY}li{SHY}mè{SHY}tres. Plus de 10\u00a0000 soldats nord-coréens seraient en "
        f"outre déployés dans la région de Koursk, où ils suivraient un en{SHY}traî{SHY}ne{SHY}ment avant d’être "
        f"engagés au combat.",
    ),
    (
        "p",
        f"En échange, la Russie livrerait du pétrole au-delà du plafond fixé par les Nations unies, des denrées "
        f"ali{SHY}men{SHY}taires et une aide tech{SHY}no{SHY}lo{SHY}gique aux programmes spatiaux et "
        f"ba{SHY}lis{SHY}ti{SHY}ques de Pyongyang, ce que les experts jugent très préoccupant pour la sécurité "
        f"de la péninsule coréenne et pour celle du Japon.",
    ),
    ("h", "Une coopération appelée à durer"),
    (
        "p",
        f"Le traité de partenariat stratégique signé en juin 2024 prévoit une assistance militaire mutuelle en "
        f"cas d’agression. Pour Jean-Pierre Dumont, chercheur associé à l’institut, il donne un cadre durable à "
        f"des échanges qui, jusque-là, restaient officieux et dé{SHY}men{SHY}tis par les deux capitales.",
    ),
    (
        "p",
        f"Les sanctions internationales restent largement contournées : les navires éteignent leurs "
        f"trans{SHY}pon{SHY}deurs, les car{SHY}gai{SHY}sons sont trans{SHY}bor{SHY}dées en mer et les paiements "
        f"passent par des sociétés écrans établies en Asie centrale. Le groupe d’experts chargé de surveiller "
        f"l’em{SHY}bar{SHY}go a d’ailleurs vu son mandat expirer au printemps 2024, faute d’accord au Conseil de "
        f"sécurité.",
    ),
    (
        "p",
        f"Les livraisons pourraient encore croître en 2025 si la guerre se prolonge. Le porte-parole du "
        f"gouver{SHY}ne{SHY}ment japonais a demandé un renforcement des contrôles maritimes, tandis que "
        f"Washington envisage de nouvelles sanctions visant les banques qui financent ce commerce.",
    ),
    (
        "p",
        f"À plus long terme, l’expérience acquise sur le front ukrainien pourrait moderniser une armée "
        f"nord-coréenne qui n’avait plus combattu depuis 1953, et les transferts de tech{SHY}no{SHY}lo{SHY}gie "
        f"russe pourraient accélérer ses programmes de missiles, au risque de déstabiliser durablement la région.",
    ),
    (
        "p",
        f"Les auteurs recommandent de suivre de près les mouvements portuaires, de partager les ren{SHY}sei{SHY}"
        f"gne{SHY}ments entre alliés et de documenter chaque livraison, afin que les res{SHY}pon{SHY}sa{SHY}bi{SHY}"
        f"li{SHY}tés puissent un jour être établies devant les juridictions compétentes.",
    ),
]

# The text the reader should give: one paragraph per line, soft hyphens and ligatures gone (reportlab writes
# the no-break space's glyph as a space: the file itself says U+0020 there).
PARAGRAPHS = [text.replace(SHY, "").replace("\ufb01", "fi").replace("\u00a0", " ") for _, text in BODY]
EXPECTED_TEXT = "\n".join(PARAGRAPHS)


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))


def _header(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 7)
    canvas.drawString(MARGIN, HEADER_Y, HEADER)
    canvas.restoreState()


def _footer(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 7)
    canvas.drawString(MARGIN, FOOTER_Y, FOOTER)
    canvas.drawRightString(PAGE_W - MARGIN, FOOTER_Y, str(doc.page))
    canvas.restoreState()


def two_column_report(path: Path, *, body: list[tuple[str, str]] | None = None, figure_page: bool = True) -> Path:
    """Write the sample report (or ``body``) to ``path`` and return it."""
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph

    _register_font()
    text_style = ParagraphStyle(
        "body", fontName=FONT, fontSize=9, leading=11.5, alignment=TA_JUSTIFY, firstLineIndent=10, spaceAfter=3
    )
    heading_style = ParagraphStyle("heading", fontName=FONT, fontSize=11, leading=14, spaceBefore=6, spaceAfter=4)
    title_style = ParagraphStyle("title", fontName=FONT, fontSize=15, leading=19, alignment=TA_LEFT)
    column_w = (PAGE_W - 2 * MARGIN - GUTTER) / 2
    top, bottom = PAGE_H - 40, 36
    title_h = 56
    first = [
        Frame(MARGIN, top - title_h, PAGE_W - 2 * MARGIN, title_h, id="title"),
        Frame(MARGIN, bottom, column_w, top - title_h - bottom, id="left1"),
        Frame(MARGIN + column_w + GUTTER, bottom, column_w, top - title_h - bottom, id="right1"),
    ]
    later = [
        Frame(MARGIN, bottom, column_w, top - bottom, id="left"),
        Frame(MARGIN + column_w + GUTTER, bottom, column_w, top - bottom, id="right"),
    ]
    doc = BaseDocTemplate(
        str(path),
        pagesize=(PAGE_W, PAGE_H),
        title=TITLE,
        author=AUTHOR,
        creator="reportlab",
        invariant=1,
    )
    doc.addPageTemplates(
        [
            PageTemplate("first", frames=first, onPage=_header, onPageEnd=_footer),
            PageTemplate("later", frames=later, onPage=_header, onPageEnd=_footer),
        ]
    )
    story = []
    for kind, text in body or BODY:
        if kind == "title":
            story += [Paragraph(text, title_style), NextPageTemplate("later")]
        elif kind == "h":
            story.append(Paragraph(text, heading_style))
        else:
            story.append(Paragraph(text, text_style))
    if figure_page:
        chart = Drawing(column_w, 160)
        for n, height in enumerate((60, 120, 90, 150)):
            chart.add(Rect(10 + 36 * n, 0, 24, height, fillColor=None))
        story += [PageBreak(), chart]
    doc.build(story)
    return path


FOOTNOTE = "Sources : service national de renseignement sud-coréen, rapport du 30 octobre 2024 ; images satellitaires."
# The brief: one page of three columns on A4 and a footnote across the page that the file draws before the
# columns (the order some producers write), read after them. On a single page the header cannot be told
# from the text (it comes back on no other page) and stays; the lone page number goes.
BRIEF_TEXT = "\n".join(
    [HEADER] + [text for (kind, _), text in zip(BODY, PARAGRAPHS, strict=True) if kind == "p"] + [FOOTNOTE]
)


def three_column_brief(path: Path) -> Path:
    """Write the three-column brief to ``path`` and return it."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    _register_font()
    width, height, margin, gutter = 595.0, 842.0, 40.0, 14.0
    column_w = (width - 2 * margin - 2 * gutter) / 3
    style = ParagraphStyle(
        "brief", fontName=FONT, fontSize=8.5, leading=11, alignment=TA_JUSTIFY, firstLineIndent=9, spaceAfter=3
    )

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawString(margin, 60, FOOTNOTE)  # drawn before the columns
        canvas.setFont(FONT, 7)
        canvas.drawString(margin, height - 28, HEADER)
        canvas.drawRightString(width - margin, 24, str(doc.page))
        canvas.restoreState()

    frames = [Frame(margin + n * (column_w + gutter), 80, column_w, height - 120, id=f"column{n}") for n in range(3)]
    doc = BaseDocTemplate(str(path), pagesize=(width, height), title="Brief", author=AUTHOR, invariant=1)
    doc.addPageTemplates([PageTemplate("brief", frames=frames, onPage=furniture)])
    story = [Paragraph(text, style) for kind, text in BODY if kind == "p"]
    doc.build(story)
    return path
