"""Time and peak memory of importing hostile files: small files built to cost a lot.

    python benchmarks/hostile_files.py [--quick]

Each file is generated in a temporary folder, then imported by the real command (``annotator import``)
in a child process; the table gives the file's size, the wall time, the child's peak resident memory and
what the import said. Every one of them is refused by a limit (see ``annotator.formats.limits``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = f'<w:document xmlns:w="{W}"><w:body>'.encode()
TAIL = b"</w:body></w:document>"
TEXT = "Selon l’ONU, la Corée du Nord a fourni à la Russie des munitions. "


def _docx(path: Path, first: bytes, middle: bytes, repeat: int, last: bytes) -> None:
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("word/document.xml", "w") as member,
    ):
        member.write(HEAD + first)
        for _ in range(repeat):
            member.write(middle)
        member.write(last + TAIL)


def nested_docx(path: Path, scale: int) -> None:
    depth = 2_000 * scale
    _docx(path, b"<w:p><w:r><w:t>a</w:t></w:r>" * depth, b"", 0, b"</w:p>" * depth)


def empty_paragraphs_docx(path: Path, scale: int) -> None:
    _docx(path, b"", b"<w:p/>" * 100_000, 30 * scale, b"")


def bomb_docx(path: Path, scale: int) -> None:
    _docx(path, b"<w:p><w:r><w:t>", b"a" * (1 << 20), 60 * scale, b"</w:t></w:r></w:p>")


def deep_json(path: Path, scale: int) -> None:
    path.write_text("[" * 10_000 * scale + "]" * 10_000 * scale, encoding="utf-8")


def crowded_doccano(path: Path, scale: int) -> None:
    # Written in pieces, so that this process stays small (a child's peak memory counts its parent's at fork).
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"text": TEXT})[:-1] + ', "label": [')
        for chunk in range(70 * scale):
            labels = ", ".join(
                f'[{i % 50}, {i % 50 + 5}, "actor"]' for i in range(chunk * 10_000, (chunk + 1) * 10_000)
            )
            out.write(("" if chunk == 0 else ", ") + labels)
        out.write("]}\n")


FILES: dict[str, Callable[[Path, int], None]] = {
    "nested.docx": nested_docx,
    "empty-paragraphs.docx": empty_paragraphs_docx,
    "zip-bomb.docx": bomb_docx,
    "deep.json": deep_json,
    "crowded-doccano.jsonl": crowded_doccano,
}


def run_import(db: Path, path: Path) -> tuple[float, int, str]:
    """Wall time (s), peak RSS (MB) and the last line of output of ``annotator import``."""
    env = {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "annotator", "import", "--db", str(db), "--unknown-labels", "add", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    assert child.stdout is not None
    output = child.stdout.read().decode("utf-8", "replace")
    _, _status, usage = os.wait4(child.pid, 0)
    child.returncode = 0
    elapsed = time.perf_counter() - started
    said = next((line for line in output.splitlines() if line.startswith("skipped")), output.strip()[-200:])
    return elapsed, usage.ru_maxrss // 1024, said.split("\t")[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small files (a smoke run, not a measurement)")
    args = parser.parse_args()
    scale = 1 if args.quick else 10
    print(f"{'file':<24} {'size':>10} {'time':>8} {'peak':>8}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in FILES.items():
            path = Path(folder) / name
            make(path, scale)
            elapsed, peak, said = run_import(Path(folder) / f"{name}.db", path)
            size = path.stat().st_size
            shown = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.1f} KB"
            print(f"{name:<24} {shown:>10} {elapsed:>7.2f}s {peak:>6} MB  {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
