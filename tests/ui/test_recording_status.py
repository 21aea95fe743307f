"""Live calls become sessions; when recording fails the overlay says so and keeps prompting."""

from __future__ import annotations

import queue
import threading

import pytest

from assistant.audio.block import Block
from assistant.control.protocol import Command
from assistant.ground.events import CallAction, Phase
from assistant.ground.notices import RecordingStop, RecordingStopKind
from assistant.ground.status import RecordingChanged
from assistant.overlay.state import OverlayState
from assistant.sessions.session import AudioState, SessionState
from assistant.sessions.store.database import SessionStore
from assistant.ui.app import App
from assistant.ui.preferences import AppSettings
from tests.ui.apps import headless_app
from tests.unit.sessions.recorded_call import blocks, call_audio


class CallSource:
    """Ten seconds of a two-sided call per request, then silence until stopped."""

    has_caller = True

    def __init__(self, settings, on_state):
        self.on_state = on_state
        self.calls: queue.Queue = queue.Queue()
        self.stopped = threading.Event()
        self.fed = 0

    def blocks(self):
        while not self.stopped.is_set():
            try:
                seconds = self.calls.get(timeout=0.05)
            except queue.Empty:
                continue
            for block in blocks(*call_audio(seconds)):
                yield Block(0, block.agent, block.caller)
                self.fed += 1

    def stop(self):
        self.stopped.set()


@pytest.fixture
def run_app(qtbot, tmp_path):
    apps = []

    def make(settings: AppSettings) -> tuple[App, list[CallSource]]:
        sources: list[CallSource] = []
        app = headless_app(tmp_path, settings, sources, source=CallSource)
        apps.append(app)
        qtbot.addWidget(app.window)
        app.start_listening()
        return app, sources
    yield make
    for app in apps:
        app.shutdown()


def _banner(app: App) -> str:
    app.window.refresh()
    return " ".join(line.text() for line in app.window.banner.lines if not line.isHidden())


def recording_pack(tmp_path):
    from assistant.conduct.pack import default_pack_path

    text = default_pack_path("zh").read_text(encoding="utf-8")
    path = tmp_path / "records.toml"
    path.write_text(text.replace("[recording]\nenabled = false", "[recording]\nenabled = true"),
                    encoding="utf-8")
    return path


def test_each_live_call_becomes_a_session_with_audio(qtbot, run_app, tmp_path):
    app, sources = run_app(AppSettings(recogniser="off", agent_name="小王", agent_id="1024",
                                       pack_path=str(recording_pack(tmp_path))))
    assert app.pack.recording.enabled
    source = sources[0]
    for n in range(2):
        app.post_command(Command(CallAction.START))
        source.calls.put(6.0)
        qtbot.waitUntil(lambda n=n: source.fed == 60 * (n + 1) + 2 * n, timeout=5000)
        app.post_command(Command(CallAction.END))
        source.calls.put(0.2)
        qtbot.waitUntil(lambda n=n: app.live.calls == n + 2, timeout=5000)
    app.live.stop()
    with SessionStore() as store:
        infos = sorted(store.list(), key=lambda i: i.id)
        qtbot.waitUntil(lambda: all(store.info(i.id).audio_state is AudioState.COMPLETE
                                    for i in infos), timeout=5000)
        second = store.load(infos[-1].id)
    assert len(infos) == 2
    assert all(i.source == "live" and i.state is SessionState.COMPLETE for i in infos)
    assert infos[0].agent_name == "小王" and infos[0].agent_id == "1024"
    assert 5.5 <= infos[1].duration_s <= 7.0
    assert min(e.t for e in second.events) >= 0 and second.summary is not None


def test_an_unwritable_session_folder_shows_on_the_overlay_and_prompts_go_on(
        qtbot, run_app, tmp_path, monkeypatch):
    blocker = tmp_path / "data-is-a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(blocker))
    app, sources = run_app(AppSettings(recogniser="off"))
    app.post_command(Command(CallAction.START))
    sources[0].calls.put(8.0)
    qtbot.waitUntil(lambda: bool(app.state.listening.recording_problem), timeout=5000)
    qtbot.waitUntil(lambda: sources[0].fed >= 80, timeout=5000)
    qtbot.waitUntil(lambda: app.bridge.pending == 0, timeout=3000)
    shown = _banner(app)
    assert "录音已停止" in shown and "data-is-a-file" in shown
    assert app.state.phase is Phase.CONVERSATION  # the call is still followed
    assert app.live.running and app.live.error is None


def test_the_banner_clears_when_recording_works_again(qtbot, settings):
    from assistant.conduct.pack import default_pack_path, load_pack
    from assistant.ui.overlay import OverlayWindow

    state = OverlayState(load_pack(default_pack_path("zh")), lang="en")
    window = OverlayWindow(state, settings=settings)
    qtbot.addWidget(window)
    state(RecordingChanged(1.0, RecordingStop(RecordingStopKind.DISK_FULL, "/data/sessions")))
    window.refresh()
    lines = [line.text() for line in window.banner.lines if not line.isHidden()]
    recording = [t for t in lines if "ecording" in t]
    assert len(recording) == 1 and "Recording stopped (prompts go on): the disk is full" \
        in recording[0]
    state(RecordingChanged(2.0, None))
    window.refresh()
    assert not any("Recording stopped" in line.text() for line in window.banner.lines
                   if not line.isHidden())


def test_the_tray_opens_the_agents_own_calls_in_the_replay_window(qtbot, run_app, tmp_path):
    app, sources = run_app(AppSettings(recogniser="off"))
    source = sources[0]
    app.post_command(Command(CallAction.START))
    source.calls.put(4.0)
    qtbot.waitUntil(lambda: source.fed >= 40, timeout=5000)
    app.post_command(Command(CallAction.END))
    source.calls.put(0.2)
    qtbot.waitUntil(lambda: app.live.calls == 2, timeout=5000)
    with SessionStore() as store:
        qtbot.waitUntil(lambda: [i.state for i in store.list()] == [SessionState.COMPLETE],
                        timeout=5000)
        (info,) = store.list()
    app.tray.replay.trigger()
    window = app.replay_window
    assert window is not None and window.isVisible()
    picker = window.ui.picker
    assert picker.count() == 1
    assert f"{info.started_at:%Y-%m-%d %H:%M}" in picker.item(0).text()
    app.shutdown()
    assert not window.isVisible()
