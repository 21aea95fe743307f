"""The whole app on a real audio server: `assistant` opens the default input through
PortAudio from a private PulseAudio server, a softphone hook (`assistant call …`) starts and
holds and ends the call over the control socket, the overlay runs offscreen, and the call is kept as
a session with the prompts the rules gave. SIGINT ends the app cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import soundfile as sf

from assistant.scenario.scenario_file import load_scenario
from assistant.scenario.synth import synthesize
from tests.integration.pulse import pulse_server, pulse_skip_reason
from tests.integration.test_live_listen import SCENARIO

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(pulse_skip_reason() is not None, reason=pulse_skip_reason() or ""),
]


def call(env: dict, action: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", "call", action], env=env,
                          capture_output=True, text=True, timeout=20)


def ended(data: Path, deadline: float) -> None:
    """Wait until the call is kept as a complete session (the app ends it on its worker)."""
    from assistant.sessions.session import SessionState
    from assistant.sessions.store.database import SessionStore

    while time.monotonic() < deadline:
        if (data / "sessions" / "sessions.db").exists():
            with SessionStore(data / "sessions", repair=False) as store:
                if any(s.state is SessionState.COMPLETE for s in store.list()):
                    return
        time.sleep(0.3)


def test_the_app_follows_a_live_call_and_keeps_it_as_a_session(tmp_path: Path):
    scenario = tmp_path / "live.toml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    played = synthesize(load_scenario(scenario), tmp_path / "live.wav")
    # the call up to 2 s into the agent's update after the 19-s lookup: the update prompt is
    # due 15 s into the hold, and the rest of the call (a complaint) proves nothing here
    heard_s = played.turns[3].t0 + 2.0
    assert heard_s < played.duration_s
    data = tmp_path / "data"
    with pulse_server(tmp_path) as server:
        env = {**server.env, "ASSISTANT_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
        app = subprocess.Popen([sys.executable, "-m", "assistant", "--no-demo"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 120  # a start-up, however busy the machine
            while (started := call(env, "start")).returncode != 0:
                assert app.poll() is None, app.communicate()[1]
                assert time.monotonic() < deadline, started.stderr
                time.sleep(0.3)
            playing = server.open_stream()
            playing.play(sf.read(str(played.path), dtype="float32")[0][:round(heard_s * 16_000)])
            begun = time.monotonic()
            lookup_end = played.turns[2].t1  # "请您稍等，我帮您查一下": the agent presses hold
            time.sleep(max(0.0, lookup_end + 0.3 - (time.monotonic() - begun)))
            assert call(env, "hold").returncode == 0  # with no model, only the softphone
            playing.wait(timeout=heard_s + 30)  # can say who is waiting
            time.sleep(1.0)
            assert call(env, "end").returncode == 0
            ended(data, deadline=time.monotonic() + 60)  # applied at the worker's next block
        finally:
            app.send_signal(signal.SIGINT)
            try:
                out, err = app.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                app.kill()
                out, err = app.communicate()
    assert app.returncode == 0, err

    from assistant.ground.events import CallAction, CallControl, PromptRaised
    from assistant.sessions.session import SessionState
    from assistant.sessions.store.database import SessionStore

    with SessionStore(data / "sessions") as store:
        sessions = store.list()
        assert [s.source for s in sessions] == ["live"], err
        session = store.load(sessions[0].id)
    assert session.info.state is SessionState.COMPLETE and session.summary is not None
    rules = [e.prompt.rule for e in session.events if isinstance(e, PromptRaised)]
    assert "hold_update" in rules, (rules, err)
    ends = [e for e in session.events if isinstance(e, CallControl) and e.action is CallAction.END]
    assert len(ends) == 1
    assert heard_s - 1 <= session.info.duration_s <= heard_s + 15
