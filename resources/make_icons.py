#!/usr/bin/env python3
"""Render the app icon (drawn with QPainter in ``kcroster.gui.icons``) to PNG files and an .ico
for packaging: ``resources/icons/kcroster_<size>.png`` and ``resources/icons/kcroster.ico``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OUT = Path(__file__).resolve().parent / "icons"


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter

    from kcroster.gui.icons import paint_app_icon

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    for size in (16, 32, 48, 64, 128, 256, 512):
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        paint_app_icon(p, size)
        p.end()
        path = OUT / f"kcroster_{size}.png"
        img.save(str(path))
        written.append(path)
        if size == 256:
            img.save(str(OUT / "kcroster.ico"))  # Qt writes .ico when the format plugin is present
    print("\n".join(str(p) for p in written))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
