"""Write the README's keys table from the action table (``annotator.ui.actions``).

    python scripts/keys_table.py          print the table
    python scripts/keys_table.py --write  replace the table in README.md between its markers
"""

from __future__ import annotations

import sys
from pathlib import Path

from annotator.ui.actions import markdown_keys_table

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN = "<!-- keys: generated from src/annotator/ui/actions.py by scripts/keys_table.py -->\n"
END = "<!-- end of keys -->\n"


def readme_with_table(text: str) -> str:
    """``text`` (the README) with the generated keys table between the markers."""
    start = text.index(BEGIN) + len(BEGIN)
    end = text.index(END, start)
    return text[:start] + markdown_keys_table() + text[end:]


def main(argv: list[str]) -> int:
    """Print the table, or write it into the README (``--write``)."""
    if "--write" in argv:
        README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        sys.stdout.write(markdown_keys_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
