"""Render the overlay to a PNG without a desktop: for the README, docs and checking the look.

The overlay is translucent, so on its own it would come out over black or transparent
depending on the viewer; it is drawn over a plain desktop-like backdrop (light, as a
CRM usually is) with a margin, which is how an agent sees it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QApplication, QWidget

BACKDROP_TOP = QColor(226, 231, 237)
BACKDROP_BOTTOM = QColor(204, 211, 220)


def settle(window: QWidget) -> None:
    """Show the window (offscreen is fine), let layouts and pending repaints run."""
    if not window.isVisible():
        window.show()
    for _ in range(3):
        QApplication.processEvents()
    refresh = getattr(window, "refresh", None)
    if refresh is not None:
        refresh()
    QApplication.processEvents()


def render_image(window: QWidget, *, backdrop: bool = True) -> QImage:
    settle(window)
    pixmap = window.grab()
    if not backdrop:
        return pixmap.toImage()
    ratio = pixmap.devicePixelRatio()
    margin = round(window.fontMetrics().height() * 1.5)
    size = pixmap.deviceIndependentSize().toSize()
    image = QImage(round((size.width() + 2 * margin) * ratio),
                   round((size.height() + 2 * margin) * ratio), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 0, size.height() + 2 * margin)
    gradient.setColorAt(0, BACKDROP_TOP)
    gradient.setColorAt(1, BACKDROP_BOTTOM)
    painter.fillRect(QRect(0, 0, size.width() + 2 * margin, size.height() + 2 * margin),
                     gradient)
    painter.drawPixmap(QPoint(margin, margin), pixmap)
    painter.end()
    return image


def render_png(window: QWidget, path: Path | str, *, backdrop: bool = True) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    image = render_image(window, backdrop=backdrop)
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write the screenshot to {path}")
    return path


__all__ = ["Qt", "render_image", "render_png", "settle"]
