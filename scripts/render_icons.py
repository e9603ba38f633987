"""Render ``resources/annotator.svg`` to the PNG sizes desktops look for (``resources/icons/NxN.png``).

The PNGs are committed, so installing the desktop entry needs no Qt and no SVG renderer. Run again after
changing the SVG: ``QT_QPA_PLATFORM=offscreen python scripts/render_icons.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ROOT / "resources" / "annotator.svg"))
    if not renderer.isValid():
        raise SystemExit("resources/annotator.svg cannot be read")
    out = ROOT / "resources" / "icons"
    out.mkdir(exist_ok=True)
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(out / f"{size}x{size}.png"))
    del app
    print(f"rendered {len(SIZES)} sizes into {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
