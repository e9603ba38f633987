"""Saved web pages: the article's text without the page around it, and its metadata, from real page files."""

from __future__ import annotations

import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from annotator.formats.documents import DocumentError, read_document
from annotator.services.importing import import_paths
from annotator.services.transfers import transfer_rows
from annotator.store.project import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NEWS_PAGE = FIXTURES / "news_page.html"
URL = "https://www.lemonde.fr/international/article/2024/10/30/coree-du-nord-obus-russie_6363000_3210.html"
HEADLINE = "La Corée du Nord a livré plus d’un million d’obus à la Russie, selon Séoul"
ARTICLE = [
    HEADLINE,
    "Les services sud-coréens estiment que Pyongyang a expédié des munitions par conteneurs depuis l’été 2023.",
    "Selon le service national de renseignement sud-coréen, la Corée du Nord a fourni à la Russie plus d’un "
    "million d’obus d’artillerie depuis août 2023. Les munitions auraient été acheminées par navire jusqu’au "
    "port de Vostotchny, puis par train vers le front ukrainien.",
    "Plus de 10\u00a0000 soldats nord-coréens seraient par ailleurs déployés dans la région de Koursk\u202f; les "
    "experts estiment que ce chiffre pourrait doubler d’ici à la fin de l’année.",
    "«\u00a0C’est un tournant pour la sécurité de la péninsule\u00a0», a déclaré un responsable à Séoul, qui "
    "n’exclut plus de livrer des armes à l’Ukraine.",
    "En échange, Moscou fournirait à Pyongyang du pétrole, des devises et une aide technologique pour ses "
    "programmes spatiaux et balistiques, selon les mêmes sources.",
]
METADATA = {
    "title": HEADLINE,
    "author": "Philippe Mesmer",
    "date": "2024-10-30",
    "source": "Le Monde.fr",
    "url": URL,
}


def test_a_saved_news_page_gives_the_article_alone_and_its_metadata(no_network: list[object]) -> None:
    document = read_document(NEWS_PAGE)
    assert document.text.split("\n") == ARTICLE
    for furniture in (
        "cookies",
        "S’abonner",
        "Asie et Pacifique",
        "Lire aussi",
        "Kim Jong-un",
        "Sur le même sujet",
        "Donbass",
        "Commentaires",
        "sanctions ne servent",
        "Mentions légales",
        "dataLayer",
        "Publié le",
    ):
        assert furniture not in document.text, furniture
    assert document.title == HEADLINE
    assert document.metadata == {"encoding": "utf-8", **METADATA}
    assert document.language == "fr"
    assert no_network == []


def test_the_page_s_metadata_feeds_the_transfers_table(project: Project, no_network: list[object]) -> None:
    [(doc_id, title)] = import_paths(project, [NEWS_PAGE]).documents
    assert title == HEADLINE
    text = project.document_text(doc_id)
    phrase = "a fourni à la Russie plus d’un million d’obus"
    start = text.index(phrase)
    project.add_span(doc_id, start, start + len(phrase), "transfer", annotator="ana")
    [row] = transfer_rows(project)
    assert (row.date, row.source, row.document) == ("2024-10-30", "Le Monde.fr", HEADLINE)
    assert no_network == []


def mhtml(html: str, location: str | None, subject: str = "Page sauvegardée") -> bytes:
    """A page saved the way browsers write MHTML: a multipart/related MIME message, the page quoted-printable."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "<Saved by Blink>"
    if location:
        message["Snapshot-Content-Location"] = location
    message["Subject"] = subject
    message["MIME-Version"] = "1.0"
    message.make_related()
    page = EmailMessage(policy=email.policy.SMTP)
    page.set_content(html, subtype="html", charset="utf-8", cte="quoted-printable")
    if location:
        page["Content-Location"] = location
    message.attach(page)
    image = EmailMessage(policy=email.policy.SMTP)
    image.set_content(b"\x89PNG\r\n\x1a\nfake", maintype="image", subtype="png")
    image["Content-Location"] = "https://www.lemonde.fr/logo.png"
    message.attach(image)
    return message.as_bytes()


def test_an_mhtml_page_is_read_from_its_html_part(tmp_path: Path, no_network: list[object]) -> None:
    html = NEWS_PAGE.read_text(encoding="utf-8").replace('<link rel="canonical"', '<link rel="ignored"')
    html = html.replace('<meta property="og:url"', '<meta property="og:ignored"')
    path = tmp_path / "article.mhtml"
    path.write_bytes(mhtml(html, "https://www.lemonde.fr/saved-here.html"))
    document = read_document(path)
    assert document.text.split("\n") == ARTICLE
    assert document.metadata["url"] == "https://www.lemonde.fr/saved-here.html"  # the page names none itself
    assert document.metadata["date"] == "2024-10-30" and document.metadata["author"] == "Philippe Mesmer"
    assert no_network == []


def test_a_fragment_is_kept_whole_and_a_page_of_menus_refused(tmp_path: Path) -> None:
    path = tmp_path / "fragment.html"
    path.write_text("<p>Texte C 🚀 : 10&nbsp;000 obus.</p>", encoding="utf-8")
    assert read_document(path).text == "Texte C 🚀 : 10\u00a0000 obus."
    menus = tmp_path / "menus.htm"
    menus.write_text("<html><body><nav><a href='/'>Accueil</a></nav><footer>© 2024</footer></body></html>")
    with pytest.raises(DocumentError, match="no text"):
        read_document(menus)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n"
            b"--x\nContent-Type: image/png\n\nxx\n--x--\n",
            "no HTML part",
        ),
        (b"MIME-Version: 1.0\nContent-Type: text/plain\n\nbonjour\n", "not an MHTML page"),
    ],
)
def test_an_mhtml_file_without_a_page_is_refused(project: Project, tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "broken.mhtml"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=message):
        read_document(path)
    report = import_paths(project, [path])
    assert report.new_documents == 0 and message in report.skipped[0][1]
    assert project.document_ids() == []
