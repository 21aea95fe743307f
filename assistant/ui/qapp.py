"""The one QApplication every window of the assistant runs in, named and branded once."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)


def application(*, offscreen: bool = False, quit_on_last_window: bool = True) -> QApplication:
    """The running QApplication, made if there is none.

    ``offscreen`` renders without a display (screenshots, headless runs) unless the
    environment already chose a platform; the tray app passes ``quit_on_last_window=False``
    because it lives on with every window hidden.
    """
    if offscreen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance()
    if app is None:
        from assistant.ui.icons import brand

        app = QApplication([sys.argv[0] if sys.argv else "assistant"])
        app.setOrganizationName("etiquette-assistant")
        app.setApplicationName("assistant")
        brand(app)
    app.setQuitOnLastWindowClosed(quit_on_last_window)
    return app  # type: ignore[return-value]
