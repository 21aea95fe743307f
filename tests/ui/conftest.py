"""Qt tests run offscreen, with settings in a temporary folder (never the user's)."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from assistant.ui.bridge import EventBridge
from assistant.ui.overlay import OverlayWindow
from tests.unit.overlay.overlay_call import OverlayCall


@pytest.fixture(autouse=True, scope="session")
def _private_settings(tmp_path_factory):
    QStandardPaths.setTestModeEnabled(True)
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, folder)
        QSettings.setPath(QSettings.Format.NativeFormat, scope, folder)


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "overlay.ini"), QSettings.Format.IniFormat)


class LiveOverlay:
    """A scripted call whose core talks to the overlay through the bridge, as live."""

    def __init__(self, qtbot, settings: QSettings, call: OverlayCall):
        self.qtbot = qtbot
        self.call = call
        self.bridge = EventBridge()
        call.begin(sink=self.bridge)
        self.state = call.state
        self.window = OverlayWindow(self.state, settings=settings)
        self.window.attach(self.bridge)
        qtbot.addWidget(self.window)
        self.window.show()

    def play_to(self, t: float) -> OverlayWindow:
        """Run the core to audio time ``t``, then let Qt deliver and repaint (no sleeping)."""
        self.call.play_to(t)
        self.qtbot.waitUntil(lambda: self.bridge.pending == 0, timeout=2000)
        self.window.refresh()
        return self.window


@pytest.fixture
def live(qtbot, settings):
    def make(call: OverlayCall) -> LiveOverlay:
        return LiveOverlay(qtbot, settings, call)
    return make
