"""The running app with a fake source: device states reach the overlay and the tray, call
events from the control channel and the tray reach the pipeline, pause stops the analysis."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from assistant.control import send_command
from assistant.control.unix import UnixTransport
from assistant.ground.events import CallAction, CallControl, Channel, Phase
from assistant.ground.notices import DeviceChange, DeviceChangeKind, LossCause
from assistant.ground.status import Listening
from assistant.ui.app import App
from assistant.ui.preferences import AppSettings
from assistant.ui.tray import DEVICE_LOST, LISTENING, PAUSED
from tests.ui.apps import FakeSource, headless_app


@pytest.fixture
def make_app(qtbot, tmp_path):
    apps: list[App] = []
    sources: list[FakeSource] = []

    def make(transport=None) -> tuple[App, list[FakeSource]]:
        app = headless_app(tmp_path, AppSettings(recogniser="off"), sources,
                           transport=transport)
        apps.append(app)
        qtbot.addWidget(app.window)
        app.start_listening()
        return app, sources

    yield make
    for app in apps:
        app.shutdown()


def _settle(qtbot, app: App) -> None:
    qtbot.waitUntil(lambda: app.bridge.pending == 0, timeout=3000)
    app.window.refresh()


def test_device_lost_then_reacquired_shows_on_the_overlay_and_tray(qtbot, make_app):
    app, sources = make_app()
    source = sources[0]
    source.steps.put(5)
    lost = DeviceChange(DeviceChangeKind.LOST, Channel.AGENT, "'Fake Mic' (#1, ALSA)",
                        "Fake Mic", cause=LossCause.SILENT, seconds=1.0, retry_s=2.0)
    source.steps.put(lost)
    qtbot.waitUntil(lambda: bool(app.state.listening.lost), timeout=3000)
    assert list(app.state.listening.lost.values()) == ["Fake Mic"]
    assert app.tray.state == DEVICE_LOST
    _settle(qtbot, app)
    shown = " ".join(line.text() for line in app.window.banner.lines if not line.isHidden())
    assert "Fake Mic" in shown

    source.steps.put(DeviceChange(DeviceChangeKind.BACK, Channel.AGENT, "'Fake Mic' (#1, ALSA)",
                                  "Fake Mic", 16000.0, seconds=3.0))
    qtbot.waitUntil(lambda: not app.state.listening.lost, timeout=3000)
    assert app.tray.state == LISTENING


def test_tray_actions_call_the_right_handlers(qtbot, make_app):
    app, sources = make_app()
    events: list[object] = []
    app.bridge.event.connect(events.append)
    app.tray.calls[CallAction.START].trigger()
    sources[0].steps.put(3)
    qtbot.waitUntil(lambda: app.state.phase is Phase.GREETING, timeout=3000)
    app.tray.calls[CallAction.HOLD].trigger()
    sources[0].steps.put(2)
    qtbot.waitUntil(lambda: app.state.phase is Phase.HOLD, timeout=3000)
    actions = [e.action for e in events if isinstance(e, CallControl)]
    assert actions == [CallAction.START, CallAction.HOLD]

    app.tray.pause.trigger()
    qtbot.waitUntil(lambda: app.state.listening.listening is Listening.PAUSED, timeout=3000)
    assert app.tray.state == PAUSED and app.live.paused
    before = app.live.now
    sources[0].steps.put(10)
    qtbot.wait(200)
    assert app.live.now == before, "nothing is analysed while paused"
    app.tray.pause.trigger()  # now reads "resume listening"
    qtbot.waitUntil(lambda: app.state.listening.listening is Listening.LISTENING, timeout=3000)
    assert app.tray.state == LISTENING

    app.tray.overlay.trigger()
    assert not app.window.isVisible()
    app.tray.overlay.trigger()
    assert app.window.isVisible()


def test_control_channel_drives_the_running_app(qtbot, make_app):
    with tempfile.TemporaryDirectory(prefix="ea-", dir="/tmp") as tmp:
        transport = UnixTransport(Path(tmp) / "control.sock")
        app, sources = make_app(transport)
        app.start_control()
        assert send_command("start", transport=transport).ok
        sources[0].steps.put(2)
        qtbot.waitUntil(lambda: app.state.phase is Phase.GREETING, timeout=3000)
        assert send_command("end", "caller", transport=transport).ok
        sources[0].steps.put(2)
        qtbot.waitUntil(lambda: app.state.phase is Phase.ENDED, timeout=3000)
        # the worker sets up the next call's pipeline just after it reports the end
        qtbot.waitUntil(lambda: app.live.calls == 2, timeout=3000)
        assert send_command("start", transport=transport).ok
        sources[0].steps.put(2)
        qtbot.waitUntil(lambda: app.state.phase is Phase.GREETING, timeout=3000)


def test_without_devices_plain_assistant_says_so(monkeypatch, capsys):
    from assistant.audio import devices
    from assistant.cli import main

    monkeypatch.setattr(devices, "no_devices_problem", lambda: "no audio input devices found")
    assert main(["--no-demo"]) == 0
    err = capsys.readouterr().err
    assert "assistant: no audio input devices found" in err and "Traceback" not in err
