"""PDF text extraction: reading order and speed of annotator's PDF reader against the extractors it could use.

    python benchmarks/pdf_reading.py [PDF…]

It measures two reports typeset by reportlab whose text is known exactly (the test suite's samples: two
columns with running headers over three pages; three columns with a footnote the file draws first) and, for
each PDF named, speed and text length only (no ground truth). Extractors, each
where installed: annotator (PDFium characters through pypdfium2, laid out by ``annotator.formats.pdf``),
pypdfium2's own text (content-stream order), QtPdf (``QPdfDocument.getAllText``, also PDFium), pdfminer.six
with its layout analysis (``LAParams``), and pdfplumber's ``extract_text``.

Reading order is the share of the true text's words that the extractor gives in the same order (longest
common subsequence of words, after joining words hyphenated at line ends and dropping punctuation); 1.000 is
the text in its order, missing or misplaced words lower it.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def annotator_reader(path: Path) -> str:
    from annotator.formats.pdf import read_pdf

    return read_pdf(path.read_bytes(), path.name).text


def pdfium_text(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    return "\n".join(document[i].get_textpage().get_text_bounded() for i in range(len(document)))


def qtpdf_text(path: Path) -> str:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtPdf import QPdfDocument

    _app = QCoreApplication.instance() or QCoreApplication([])
    document = QPdfDocument()
    document.load(str(path))
    return "\n".join(document.getAllText(i).text() for i in range(document.pageCount()))


def pdfminer_layout(path: Path) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    return extract_text(str(path), laparams=LAParams())


def pdfplumber_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


EXTRACTORS: list[tuple[str, Callable[[Path], str]]] = [
    ("annotator (pypdfium2 + layout)", annotator_reader),
    ("pypdfium2 text", pdfium_text),
    ("QtPdf getAllText", qtpdf_text),
    ("pdfminer.six LAParams", pdfminer_layout),
    ("pdfplumber extract_text", pdfplumber_text),
]


def words(text: str) -> list[str]:
    text = re.sub(r"[-\u00ad\ufffe\u0002]\s*\r?\n\s*", "", text)  # a word cut at a line end, made whole
    return re.findall(r"\w+", text.casefold())


def in_order(truth: list[str], got: list[str]) -> float:
    """Longest common subsequence of words over the true word count."""
    previous = [0] * (len(got) + 1)
    for word in truth:
        current = [0]
        for j, other in enumerate(got, start=1):
            current.append(previous[j - 1] + 1 if word == other else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1] / max(1, len(truth))


def measure(path: Path, truth: str | None, runs: int = 3) -> None:
    print(f"\n{path.name} ({path.stat().st_size // 1024} KB)")
    print(f"  {'extractor':34} {'seconds':>8} {'chars':>8} {'in order':>9}")
    for name, extract in EXTRACTORS:
        try:
            best = float("inf")
            text = ""
            for _ in range(runs):
                start = time.perf_counter()
                text = extract(path)
                best = min(best, time.perf_counter() - start)
        except ImportError:
            print(f"  {name:34} {'not installed':>8}")
            continue
        except Exception as exc:  # an extractor that fails on a file is a result too
            print(f"  {name:34} failed: {type(exc).__name__}: {str(exc)[:60]}")
            continue
        score = f"{in_order(words(truth), words(text)):.3f}" if truth is not None else "–"
        print(f"  {name:34} {best:8.3f} {len(text):8d} {score:>9}")


def main(argv: list[str]) -> int:
    try:
        from tests.formats.pdf_samples import BRIEF_TEXT, EXPECTED_TEXT, three_column_brief, two_column_report
    except ImportError as exc:
        print(f"the sample reports need reportlab ({exc}); measuring the files given only")
    else:
        with tempfile.TemporaryDirectory() as folder:
            measure(two_column_report(Path(folder) / "two-column-report.pdf"), EXPECTED_TEXT)
            measure(three_column_brief(Path(folder) / "three-column-brief.pdf"), BRIEF_TEXT)
    for name in argv:
        measure(Path(name), None, runs=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
