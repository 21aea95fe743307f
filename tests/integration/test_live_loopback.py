"""The caller by loopback on a real audio server: soundcard records the softphone's
output device (a PulseAudio null sink's monitor), chosen by its name, as on an agent's
desktop; the agent's microphone stays on PortAudio.

Two null sinks stand in for the headset's two directions: ``agentsink`` (its monitor is
the agent's "microphone", through PortAudio's ``pulse`` device) and the softphone's
output ``Softphone`` (recorded by loopback as ``Monitor of Softphone``). A call's agent
side is played into the first and its caller side into the second. `assistant listen`
must give the prompts `assistant analyze` gives on the file — overtalk needs the caller
channel, so it is there only if the loopback delivered. A second test unloads the
softphone's sink mid-call and loads it again: the caller channel is reported lost and
re-acquired while the agent's keeps flowing.
"""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.scenario.scenario_file import load_scenario
from assistant.scenario.synth import synthesize
from tests.integration.pulse import OpenStream, pulse_server, pulse_skip_reason

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(pulse_skip_reason() is not None, reason=pulse_skip_reason() or ""),
]

SCENARIO = """
[scenario]
name = "loopback: a loud answer, the agent talking over the caller"
lang = "zh"
call_time = 2026-11-25T10:00:00
rate = 210

[[turn]]
who = "caller"
at = 0.3
text = "我查一下订单。"

[[turn]]
who = "agent"
gain_db = 15.0
text = "好的，您的订单已经发货了，预计明天上午送到。"

[[turn]]
who = "caller"
text = "可是你们昨天说今天就能送到，为什么又变成明天了，我还特意请了假。"

[[turn]]
who = "agent"
after = -3.5
text = "这个情况我理解，显示确实是明天上午。"
"""
SOFTPHONE = "Monitor of Softphone"
TOLERANCE_S = 0.35


class Listen:
    """`assistant listen --json` in a child process, its lines read as they come."""

    def __init__(self, server, *args: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "assistant", "listen", "--json", "--recogniser", "off",
             "--agent-device", "pulse", "--caller-device", SOFTPHONE, *args],
            env={**server.env, "PULSE_SOURCE": "agentsink.monitor"},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[dict] = []
        self._queue: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._queue.put(line)
        self._queue.put(None)

    def wait_for(self, state: str, count: int = 1, timeout: float = 60.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while sum(o.get("state") == state for o in self.lines) < count:
            try:
                line = self._queue.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(json.loads(line))
        found = [o for o in self.lines if o.get("state") == state]
        if len(found) < count:
            self.process.kill()
            pytest.fail(f"no {count}× '{state}': {self.lines}\n{self.process.stderr.read()}")
        return found

    def interrupt(self) -> None:
        """Ctrl+C: the call ends there and its summary is printed (``--seconds`` is only a
        safety net, so a slow start cannot cut the call short)."""
        self.process.send_signal(signal.SIGINT)

    def finish(self, timeout: float) -> list[dict]:
        """Every line, once the child has ended (interrupted, or at ``--seconds``)."""
        deadline = time.monotonic() + timeout
        while (line := self._queue.get(timeout=max(0.01, deadline - time.monotonic()))):
            self.lines.append(json.loads(line))
        assert self.process.wait(timeout=10) == 0, self.process.stderr.read()
        return self.lines


@pytest.fixture
def audio_server(tmp_path):
    with pulse_server(tmp_path, sink="agentsink") as server:
        server.softphone_module = load_softphone_sink(server)
        yield server


def load_softphone_sink(server) -> str:
    return server.pactl("load-module", "module-null-sink", "sink_name=softphone",
                        "rate=16000", "channels=2",
                        "sink_properties=device.description=Softphone").strip()


def open_sides(server, call_path: Path) -> list[tuple[OpenStream, np.ndarray]]:
    """One stream per sink, connected before the capture starts and fed together later:
    the sides start together, as on a real call, however busy the machine (two paplay
    starts do not), and the call starts as soon as the capture listens."""
    samples, rate = sf.read(str(call_path), dtype="float32")
    return [(server.open_stream(sink, channels=1, rate=rate), samples[:, column])
            for column, sink in ((0, "agentsink"), (1, "softphone"))]


def prompts(lines: list[dict]) -> list[tuple[str, float]]:
    return [(o["rule"], o["t"]) for o in lines if o.get("type") == "prompt"]


def test_loopback_of_the_softphone_output_gives_the_prompts_of_the_file(audio_server,
                                                                        tmp_path):
    scenario = tmp_path / "call.toml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    call = synthesize(load_scenario(scenario), tmp_path / "call.wav")
    analysed = subprocess.run(
        [sys.executable, "-m", "assistant", "analyze", str(call.path), "--json",
         "--recogniser", "off"], capture_output=True, text=True, check=True)
    expected = prompts([json.loads(line) for line in analysed.stdout.splitlines()])
    assert {rule for rule, _ in expected} >= {"volume", "overtalk"}

    sides = open_sides(audio_server, call.path)
    listen = Listen(audio_server, "--seconds", str(call.duration_s + 120.0))
    started = listen.wait_for("listening", 2)
    assert any(SOFTPHONE in s["detail"] and "caller" in s["detail"] for s in started), started
    for stream, samples in sides:
        stream.play(samples)
    assert all(stream.wait(timeout=call.duration_s + 60) == 0 for stream, _ in sides)
    time.sleep(1.0)  # the last block reaches the pipeline
    listen.interrupt()
    lines = listen.finish(timeout=60)

    live = prompts(lines)
    assert [rule for rule, _ in live] == [rule for rule, _ in expected], (live, expected)
    offsets = [t_live - t_file for (_, t_live), (_, t_file) in zip(live, expected)]
    head_start = sorted(offsets)[len(offsets) // 2]
    print(f"loopback vs file: {len(live)} prompts, head start {head_start:.2f} s, "
          f"deviations {[round(o - head_start, 3) for o in offsets]}")
    assert 0.0 <= head_start < 8.0
    assert all(abs(o - head_start) <= TOLERANCE_S for o in offsets), offsets
    assert not [o for o in lines if o.get("state") == "device_lost"]


def test_the_softphone_output_lost_and_back_is_reported_and_reacquired(audio_server):
    """First the softphone's sink goes (a headset unplugged), then the whole audio server
    restarts (soundcard's connection to it is dead and must be made anew)."""
    listen = Listen(audio_server, "--seconds", "300")
    listen.wait_for("listening", 2)
    audio_server.pactl("unload-module", audio_server.softphone_module)
    lost = listen.wait_for("device_lost")[0]
    assert "caller" in lost["detail"] and SOFTPHONE in lost["detail"], lost
    time.sleep(1.0)
    load_softphone_sink(audio_server)
    back = listen.wait_for("reacquired")[0]
    assert "caller" in back["detail"] and SOFTPHONE in back["detail"], back

    audio_server.stop()
    time.sleep(1.0)
    audio_server.start()
    load_softphone_sink(audio_server)
    backs = listen.wait_for("reacquired", 3)
    assert any("caller" in b["detail"] for b in backs[1:]), backs
    assert any("agent" in b["detail"] for b in backs[1:]), backs
    listen.interrupt()
    lines = listen.finish(timeout=60)
    summary = [o for o in lines if o.get("type") == "summary"]
    assert summary, lines[-3:]
