"""The app's own icon (a headset around a speech bubble), for windows, the task bar and menus.

Drawn by hand as ``resources/icons/assistant.svg`` and shipped as PNG renders
(``packaging/render_icons.py``), so no SVG plugin is needed at run time. The tray keeps its
own drawn icon, whose colour tells the listening state.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QIcon

import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)
from assistant.ground.resources import resources_dir

SIZES = (48, 128, 256)
DESKTOP_FILE = "etiquette-assistant"
"""The desktop entry's name (packaging/linux/), so Wayland and X11 docks match windows to it."""


def app_icon() -> QIcon:
    icon = QIcon()
    for size in SIZES:
        path = resources_dir() / "icons" / f"assistant-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


def brand(app: QGuiApplication) -> None:
    """Give a new application its icon and desktop-entry name."""
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(DESKTOP_FILE)
