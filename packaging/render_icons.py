"""Renders resources/icons/assistant.svg to the PNGs and the Windows .ico the app ships.

    QT_QPA_PLATFORM=offscreen python3 packaging/render_icons.py

The SVG is the source (drawn by hand); run this after editing it and commit the outputs.
The .ico holds PNG-compressed images (Windows Vista and later read those at every size).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (48, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(images: list[bytes], sizes: tuple[int, ...]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in zip(sizes, images):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(ICONS / "assistant.svg"))
    if not renderer.isValid():
        print(f"cannot read {ICONS / 'assistant.svg'}", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        render(renderer, size).save(str(ICONS / f"assistant-{size}.png"))
    ico = ico_bytes([png_bytes(render(renderer, s)) for s in ICO_SIZES], ICO_SIZES)
    (ICONS / "assistant.ico").write_bytes(ico)
    print(f"wrote {len(PNG_SIZES)} PNGs and assistant.ico to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
