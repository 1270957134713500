"""`python packaging/icons.py`: the Windows .ico and macOS .icns, drawn from resources/icons/victim-desk.svg.

Installers need bitmap icons in their platforms' formats; the SVG stays the one source. Qt (the developers'
venv has it) renders the SVG at each size and Pillow writes the containers. Run after changing the SVG and
commit the results (packaging/windows/victim-desk.ico, packaging/macos/victim-desk.icns).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SVG = HERE.parent / "resources" / "icons" / "victim-desk.svg"


def render(size: int) -> Image.Image:
    renderer = QSvgRenderer(QByteArray(SVG.read_bytes()))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication([])
    big = render(1024)
    ico = HERE / "windows" / "victim-desk.ico"
    render(256).save(ico, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    icns = HERE / "macos" / "victim-desk.icns"
    icns.parent.mkdir(exist_ok=True)
    big.save(icns)
    print(f"{ico.relative_to(HERE.parent)}, {icns.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
