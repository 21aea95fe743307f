"""Run in a subprocess on a real X server (Xvfb, xcb): does the overlay take focus?

The offscreen platform used by the other UI tests activates every window it shows,
whatever its flags (a limit of that test platform, not of X11, Windows or macOS), so
the "shown without taking focus" half of the check needs a real window system. Prints
one JSON object describing who had focus after each step.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget


def main() -> int:
    app = QApplication(sys.argv[:1])
    from assistant.overlay.closing import Item
    from assistant.ui.overlay import OverlayWindow
    from tests.ui.calls import closing_call

    phone = QWidget()
    line = QLineEdit(phone)
    QVBoxLayout(phone).addWidget(line)
    phone.show()
    phone.activateWindow()
    line.setFocus()
    _settle(app)
    steps = {"before": _who(app, phone, line)}
    call = closing_call()
    state = call.begin()
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "overlay.ini"),
                         QSettings.Format.IniFormat)
    overlay = OverlayWindow(state, settings=settings)
    overlay.show()
    _settle(app)
    steps["shown"] = _who(app, phone, line)
    for t in (8.0, 15.5, 23.1):
        call.play_to(t)
        overlay.refresh()
        _settle(app)
    steps["updated"] = _who(app, phone, line)
    QTest.mouseClick(overlay.checklist.rows[Item.RECAP], Qt.MouseButton.LeftButton)
    QTest.mouseClick(overlay.header.mode, Qt.MouseButton.LeftButton)
    _settle(app)
    steps["clicked"] = _who(app, phone, line)
    overlay.raise_()
    overlay.activateWindow()
    _settle(app)
    steps["asked_to_activate"] = _who(app, phone, line)
    plain = QWidget()
    plain.show()
    plain.activateWindow()
    _settle(app)
    steps["control_plain_window"] = _who(app, phone, line)
    print(json.dumps(steps))
    return 0


def _settle(app: QApplication) -> None:
    for _ in range(30):
        app.processEvents()
        QTest.qWait(10)


def _who(app: QApplication, phone: QWidget, line: QLineEdit) -> dict[str, bool]:
    return {"phone_active": app.activeWindow() is phone, "line_focused": app.focusWidget() is line}


if __name__ == "__main__":
    raise SystemExit(main())
