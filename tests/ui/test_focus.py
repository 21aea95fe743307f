"""The overlay never takes keyboard focus from the softphone/CRM the agent is typing in."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from assistant.overlay.closing import Item
from tests.ui.calls import closing_call

ROOT = Path(__file__).resolve().parents[2]


def softphone(qtbot) -> tuple[QWidget, QLineEdit]:
    window = QWidget()
    window.setWindowTitle("softphone")
    line = QLineEdit(window)
    QVBoxLayout(window).addWidget(line)
    qtbot.addWidget(window)
    window.show()
    return window, line


def focus_softphone(qtbot, window: QWidget, line: QLineEdit) -> None:
    window.activateWindow()
    line.setFocus()
    qtbot.waitUntil(lambda: line.hasFocus() and QApplication.activeWindow() is window)


def test_updates_clicks_and_activation_requests_leave_focus_in_the_softphone(live, qtbot):
    overlay = live(closing_call())  # shown first: the offscreen platform focuses what it shows
    phone, line = softphone(qtbot)
    focus_softphone(qtbot, phone, line)
    for t in (0.5, 8.0, 15.5, 22.5, 23.1):
        overlay.play_to(t)
        qtbot.wait(5)
        assert QApplication.focusWidget() is line, t
        assert QApplication.activeWindow() is phone, t
    window = overlay.window
    qtbot.mouseClick(window.checklist.rows[Item.RECAP], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.header.mode, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.prompt.why, Qt.MouseButton.LeftButton)
    window.raise_()
    window.activateWindow()  # refused by Qt: the window does not accept focus
    qtbot.wait(5)
    assert QApplication.focusWidget() is line
    assert QApplication.activeWindow() is phone
    qtbot.keyClicks(QApplication.focusWidget(), "order 1234")
    assert line.text() == "order 1234"


def test_the_window_and_every_child_refuse_focus(live):
    window = live(closing_call()).play_to(23.1)
    flags = window.windowFlags()
    for flag in (Qt.WindowType.WindowDoesNotAcceptFocus, Qt.WindowType.WindowStaysOnTopHint,
                 Qt.WindowType.FramelessWindowHint, Qt.WindowType.Tool):
        assert flags & flag, flag
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert window.testAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
    children = window.findChildren(QWidget)
    assert len(children) > 20
    assert [c for c in children if c.focusPolicy() != Qt.FocusPolicy.NoFocus] == []


@pytest.fixture(scope="module")
def x_display():
    """A private Xvfb server for the real-window-system check; skipped where none exists."""
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def test_showing_and_updating_the_overlay_on_a_real_x_server_keeps_focus(x_display):
    env = dict(os.environ, DISPLAY=x_display, QT_QPA_PLATFORM="xcb",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    run = subprocess.run([sys.executable, "-m", "tests.ui.focus_probe"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    steps = json.loads(run.stdout.strip().splitlines()[-1])
    for step in ("before", "shown", "updated", "clicked", "asked_to_activate"):
        assert steps[step] == {"phone_active": True, "line_focused": True}, step
    # the probe is able to see a focus theft: an ordinary window does take focus
    assert steps["control_plain_window"] == {"phone_active": False, "line_focused": False}
