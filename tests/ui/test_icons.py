"""The app icon: PNG renders of the hand-drawn SVG, current, and set on the application."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtSvg import QSvgRenderer

from assistant.ground.resources import resources_dir
from assistant.ui.icons import DESKTOP_FILE, SIZES, app_icon, brand

ICONS = resources_dir() / "icons"
PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The renderer that made the shipped PNGs (a script, not a module: ``packaging`` is
    also the name of a library)."""
    spec = importlib.util.spec_from_file_location("render_icons", PACKAGING / "render_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.render(renderer, size)


def test_pngs_are_current_renders_of_the_svg(qapp):
    renderer = QSvgRenderer(str(ICONS / "assistant.svg"))
    assert renderer.isValid()
    for size in SIZES:
        shipped = QImage(str(ICONS / f"assistant-{size}.png"))
        assert (shipped.width(), shipped.height()) == (size, size)
        fresh = render(renderer, size)
        # another Qt may anti-alias an edge differently; a changed drawing differs far more
        assert _difference(fresh, shipped) < 1.0, \
            f"assistant-{size}.png is stale: run packaging/render_icons.py"


def _difference(a: QImage, b: QImage) -> float:
    """Mean absolute difference per channel, 0–255."""
    def pixels(image: QImage) -> np.ndarray:
        image = image.convertToFormat(QImage.Format.Format_RGBA8888)
        return np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes()).astype(int)

    return float(np.abs(pixels(a) - pixels(b)).mean())


def test_the_application_carries_the_icon(qapp):
    icon = app_icon()
    assert sorted(s.width() for s in icon.availableSizes()) == sorted(SIZES)
    brand(qapp)
    assert not QGuiApplication.windowIcon().isNull()
    assert QGuiApplication.desktopFileName() == DESKTOP_FILE


def test_the_desktop_entry_names_the_icon_and_program():
    entry = (PACKAGING / "linux" / f"{DESKTOP_FILE}.desktop").read_text(encoding="utf-8")
    assert f"Icon={DESKTOP_FILE}\n" in entry and "Exec=assistant\n" in entry
