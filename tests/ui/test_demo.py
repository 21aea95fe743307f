"""`assistant demo` in the overlay: the recording through the real pipeline into the window."""

from __future__ import annotations

import threading
from argparse import Namespace

import numpy as np
import pytest
import soundfile as sf
from PySide6.QtGui import QImage

from assistant.ground.events import CallAction, Phase, PhaseChanged, PromptRaised
from assistant.ground.resources import resources_dir
from assistant.ground.status import CallSetup
from assistant.ui.bridge import EventBridge
from assistant.ui.demo import play, prepare, render_screenshot, run_demo

RATE = 16_000


def stereo_call(path, seconds: float = 30.0):
    """Agent speaks 0.5–3 s, then both sides are silent (the softphone's hold at 3.5 s:
    with no model nothing else says who is waiting): update due at 18.5 s."""
    t = np.arange(int(seconds * RATE)) / RATE
    voice = 0.3 * np.sin(2 * np.pi * 180 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t))
    agent = np.where((t > 0.5) & (t < 3.0), voice, 0.0)
    caller = np.zeros_like(t)
    sf.write(path, np.stack([agent, caller], axis=1).astype(np.float32), RATE)
    return path


def test_play_feeds_the_pipelines_events_and_the_hold_prompt(tmp_path):
    call = prepare(path=stereo_call(tmp_path / "call.wav"), lang="zh", recogniser="off")
    call.controls = [(3.5, CallAction.HOLD, None)]
    events = []
    summary = play(call, events.append)
    assert isinstance(events[0], CallSetup) and events[0].recognising == frozenset()
    assert any(isinstance(e, PhaseChanged) and e.phase is Phase.HOLD for e in events)
    holds = [e for e in events if isinstance(e, PromptRaised) and e.prompt.rule == "hold_update"]
    assert holds and 17.0 <= holds[0].t <= 19.5
    assert summary is not None and summary.duration_s == pytest.approx(30.0, abs=0.2)


def test_play_stops_at_until_and_when_asked(tmp_path):
    call = prepare(path=stereo_call(tmp_path / "call.wav"), lang="zh", recogniser="off")
    events = []
    assert play(call, events.append, until=5.0) is None
    assert max(getattr(e, "t", 0.0) for e in events) <= 5.0
    stop = threading.Event()
    stop.set()
    assert play(call, [].append, stop=stop) is None


def test_play_on_a_worker_thread_through_the_bridge(qtbot, tmp_path):
    call = prepare(path=stereo_call(tmp_path / "call.wav", 20.0), lang="zh", recogniser="off")
    call.controls = [(3.5, CallAction.HOLD, None)]
    bridge = EventBridge()
    got = []
    bridge.event.connect(got.append)
    worker = threading.Thread(target=play, args=(call, bridge), kwargs={"speed": 200.0})
    worker.start()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=10_000)
    qtbot.waitUntil(lambda: bridge.pending == 0)
    assert any(isinstance(e, PromptRaised) for e in got)


@pytest.mark.skipif(not (resources_dir() / "demo" / "demo_call.flac").exists(),
                    reason="the bundled demo call is not there")
def test_screenshot_of_the_bundled_demo_at_a_moment(tmp_path):
    out = render_screenshot(tmp_path / "hold.png", 44.0, recogniser="off")
    image = QImage(str(out))
    assert not image.isNull() and image.width() > 200 and image.height() > 100


def test_run_demo_screenshot_option(tmp_path, capsys):
    args = Namespace(screenshot=tmp_path / "shot.png", at=4.0, lang="zh", ui_lang="en",
                     pack=None, model=None, recogniser="off", agent_channel="left",
                     agent_name="", agent_id="", speed=None, mode="expanded")
    if not (resources_dir() / "demo" / "demo_call.flac").exists():
        pytest.skip("the bundled demo call is not there")
    assert run_demo(args) == 0
    assert (tmp_path / "shot.png").stat().st_size > 1000
    assert "shot.png" in capsys.readouterr().out
