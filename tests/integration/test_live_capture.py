"""Live capture from a real audio server: PortAudio ← PulseAudio null sink ← paplay.

A stereo call with speech-like bursts at known times (agent left, caller right) is
played into a private PulseAudio server's null sink; ``LiveSource`` captures the sink's
monitor through PortAudio's ``pulse`` device with one stream per side, exactly as it
would capture a microphone and a softphone loopback. The captured audio must match the
source and the bursts must land at their times on the call's audio-time axis, on both
sides, so agent and caller stay aligned although they come from separate streams.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from scipy import signal

from assistant.ground.events import SAMPLE_RATE
from tests.integration.pulse import pulse_server, pulse_skip_reason

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(pulse_skip_reason() is not None, reason=pulse_skip_reason() or ""),
]

CALL_S = 7.0
AGENT_BURSTS = [0.6, 2.4, 4.2]  # on-times (s) in the played file, each 0.7 s long
CALLER_BURSTS = [1.4, 3.2, 5.0]  # each 0.5 s long
CAPTURE_S = 9.0

# Runs in a child process: PortAudio must start after PULSE_SERVER is set. Captures
# until the call reaches ``seconds`` of audio time, or "stop" arrives on stdin.
CAPTURE = r"""
import json, sys, threading, time
import numpy as np, soundfile as sf
from assistant.audio.live import LiveSource

out, seconds, with_caller = sys.argv[1], float(sys.argv[2]), sys.argv[3] == "stereo"

def on_state(change):
    print(json.dumps({"state": change.kind.value, "detail": str(change),
                      "at": time.monotonic()}), flush=True)

source = LiveSource("pulse", "pulse" if with_caller else None, agent_channel=0,
                    caller_channel=1, on_state=on_state)
threading.Thread(target=lambda: sys.stdin.readline() and source.stop(), daemon=True).start()
agent, caller, starts = [], [], []
for block in source.blocks():
    starts.append(block.start)
    agent.append(block.agent)
    caller.append(block.caller if with_caller else block.agent)
    if seconds and block.end >= seconds * 16000:
        source.stop()
sf.write(out, np.stack([np.concatenate(agent), np.concatenate(caller)], 1), 16000,
         subtype="FLOAT")
status = source.status
print(json.dumps({"state": "done", "contiguous": starts == [i * 1600 for i in range(len(starts))],
                  "overflows": {c.value: s.overflows for c, s in status.channels.items()},
                  "losses": {c.value: s.losses for c, s in status.channels.items()},
                  "silence_s": {c.value: s.silence_s for c, s in status.channels.items()},
                  "rates": {c.value: s.samplerate for c, s in status.channels.items()}}),
      flush=True)
"""


class Capture:
    """The capture child and the states it reports, each stamped with the wall clock."""

    def __init__(self, pulse, out: Path, seconds: float = 0.0, *, stereo: bool = True):
        self.process = subprocess.Popen(
            [sys.executable, "-c", CAPTURE, str(out), str(seconds),
             "stereo" if stereo else "mono"],
            env=pulse.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        self.states: list[dict] = []
        self._lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def wait_for(self, state: str, count: int = 1, timeout: float = 20.0) -> dict:
        deadline = time.monotonic() + timeout
        while sum(s["state"] == state for s in self.states) < count:
            try:
                line = self._lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no '{state}' within {timeout:g} s: {self.states}") from None
            if line is None:
                raise AssertionError(f"capture ended before '{state}': {self.states}\n"
                                     + self.process.stderr.read())
            if line.startswith("{"):
                self.states.append(json.loads(line))
        return [s for s in self.states if s["state"] == state][count - 1]

    def stop(self) -> dict:
        self.process.stdin.write("stop\n")
        self.process.stdin.flush()
        return self.wait_for("done", timeout=30)

    def names(self) -> list[str]:
        return [s["state"] for s in self.states]

    def first_data_at(self) -> float:
        """Wall time of the call's audio time zero: the first block's capture start."""
        return self.wait_for("listening")["at"] - 0.1

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)


def speech_like(seconds: float, rng: np.random.Generator) -> np.ndarray:
    """Band-limited noise with a 4 Hz syllable envelope: as irregular as speech, easy to
    correlate, unlike a pure tone whose correlation peak repeats every period."""
    n = round(seconds * SAMPLE_RATE)
    sos = signal.butter(4, [300, 3000], btype="bandpass", fs=SAMPLE_RATE, output="sos")
    noise = signal.sosfilt(sos, rng.standard_normal(n))
    t = np.arange(n) / SAMPLE_RATE
    envelope = 0.55 - 0.45 * np.cos(2 * np.pi * 4 * t)
    ramp = np.minimum(1, np.minimum(t, t[::-1]) / 0.01)
    x = noise * envelope * ramp
    return (0.3 * x / np.max(np.abs(x))).astype(np.float32)


def make_call(path: Path) -> np.ndarray:
    rng = np.random.default_rng(2024)
    call = np.zeros((round(CALL_S * SAMPLE_RATE), 2), np.float32)
    for column, starts, length in ((0, AGENT_BURSTS, 0.7), (1, CALLER_BURSTS, 0.5)):
        for start in starts:
            i = round(start * SAMPLE_RATE)
            call[i:i + round(length * SAMPLE_RATE), column] = speech_like(length, rng)
    sf.write(path, call, SAMPLE_RATE, subtype="PCM_16")
    return sf.read(path, dtype="float32")[0]


def align(captured: np.ndarray, source: np.ndarray) -> tuple[int, float]:
    """(lag in samples of the source within the capture, Pearson r once aligned)."""
    corr = signal.correlate(captured, source, mode="valid", method="fft")
    lag = int(np.argmax(corr))
    r = float(np.corrcoef(captured[lag:lag + len(source)], source)[0, 1])
    return lag, r


def onsets(x: np.ndarray, threshold: float = 0.02, quiet_s: float = 0.3) -> list[float]:
    """Audio times where a burst starts: a 10 ms envelope rising above ``threshold``
    after at least ``quiet_s`` below it (dips inside a burst are not new bursts)."""
    env = np.sqrt(np.convolve(x.astype(np.float64) ** 2, np.ones(160) / 160, "same"))
    above = env > threshold
    rising = np.flatnonzero(above[1:] & ~above[:-1]) + 1
    quiet = round(quiet_s * SAMPLE_RATE)
    return [i / SAMPLE_RATE for i in rising if not above[max(0, i - quiet):i].any()]


def errors_ms(found: list[float], expected: list[float]) -> list[int]:
    return [round((a - b) * 1000) for a, b in zip(found, expected, strict=False)]


@pytest.fixture
def pulse(tmp_path):
    with pulse_server(tmp_path) as server:
        yield server


@pytest.fixture
def capture():
    started: list[Capture] = []

    def start(*args, **kwargs) -> Capture:
        started.append(Capture(*args, **kwargs))
        return started[-1]

    yield start
    for child in started:
        child.close()


def test_live_capture_matches_the_source_in_audio_time(pulse, capture, tmp_path):
    source = make_call(tmp_path / "call.wav")
    out = tmp_path / "captured.wav"
    child = capture(pulse, out, CAPTURE_S)
    # Both streams deliver (opening takes ~1.6 s each) before anything is played.
    child.wait_for("listening", 2)
    player = pulse.open_stream()
    played_at = time.monotonic()
    player.play(source)
    assert player.wait(timeout=30) == 0, player.process.stderr.read()
    done = child.wait_for("done", timeout=30)
    assert child.process.wait(timeout=10) == 0, child.process.stderr.read()

    assert done["contiguous"]
    assert done["losses"] == {"agent": 0, "caller": 0}
    captured, rate = sf.read(out, dtype="float32")
    assert rate == SAMPLE_RATE and len(captured) >= CAPTURE_S * SAMPLE_RATE

    lag_agent, r_agent = align(captured[:, 0], source[:, 0])
    lag_caller, r_caller = align(captured[:, 1], source[:, 1])
    offset = lag_agent / SAMPLE_RATE  # where the file's time zero fell in call audio time
    agent_on = [t - offset for t in onsets(captured[:, 0])]
    caller_on = [t - offset for t in onsets(captured[:, 1])]
    wall_offset = played_at - child.first_data_at()
    figures = {
        "r_agent": round(r_agent, 6), "r_caller": round(r_caller, 6),
        "caller_vs_agent_ms": round((lag_caller - lag_agent) / SAMPLE_RATE * 1000, 1),
        "agent_on_error_ms": errors_ms(agent_on, AGENT_BURSTS),
        "caller_on_error_ms": errors_ms(caller_on, CALLER_BURSTS),
        "play_start_audio_s": round(offset, 3),
        "play_start_wall_s": round(wall_offset, 3),
        "overflows": done["overflows"], "rates": done["rates"],
    }
    print("live capture:", json.dumps(figures))

    assert r_agent > 0.9 and r_caller > 0.9, figures
    assert abs(lag_caller - lag_agent) / SAMPLE_RATE < 0.2, figures
    assert agent_on == pytest.approx(AGENT_BURSTS, abs=0.2), figures
    assert caller_on == pytest.approx(CALLER_BURSTS, abs=0.2), figures
    # Audio time follows the call: the file is heard in audio time when the wall clock
    # says it was played. Lost audio would put it early; a busy machine only makes it
    # look late (the child stamps its first block late), so the late side is generous.
    assert -0.2 < offset - wall_offset < 2.0, figures


def test_audio_server_lost_and_back_is_reported_and_keeps_audio_time(pulse, capture, tmp_path):
    """The real thing behind the unit tests' fake device loss: the server goes away."""
    rng = np.random.default_rng(5)
    burst = np.zeros((round(1.5 * SAMPLE_RATE), 2), np.float32)
    burst[round(0.3 * SAMPLE_RATE):round(0.9 * SAMPLE_RATE), :] = speech_like(0.6, rng)[:, None]
    sf.write(tmp_path / "burst.wav", burst, SAMPLE_RATE, subtype="PCM_16")
    out = tmp_path / "captured.wav"
    child = capture(pulse, out, stereo=False)
    child.wait_for("listening")
    time.sleep(1.0)
    pulse.stop()
    lost = child.wait_for("device_lost", timeout=10)
    time.sleep(1.5)
    pulse.start()
    back = child.wait_for("reacquired", timeout=20)
    player = pulse.open_stream()
    time.sleep(0.3)
    played_at = time.monotonic()
    player.play(burst)
    assert player.wait(timeout=30) == 0
    time.sleep(0.5)
    done = child.stop()
    assert child.process.wait(timeout=10) == 0

    assert child.names() == ["no_caller_channel", "listening", "device_lost", "reacquired",
                             "stopped", "done"]
    assert "agent device 'pulse'" in lost["detail"] and "back after" in back["detail"]
    assert done["contiguous"] and done["losses"] == {"agent": 1}
    captured = sf.read(out, dtype="float32")[0][:, 0]
    heard = onsets(captured)
    expected = played_at - child.first_data_at() + 0.3
    gap = back["at"] - lost["at"]
    figures = {"burst_audio_s": heard, "burst_wall_s": round(expected, 3),
               "gap_wall_s": round(gap, 2), "silence_s": done["silence_s"]}
    print("device loss:", json.dumps(figures))
    # The gap was filled, not skipped: after it, audio time still equals call time. A
    # skipped gap puts the burst seconds early; a busy machine can only make it late.
    assert len(heard) == 1 and -0.2 <= heard[0] - expected <= 1.0, figures
    assert done["silence_s"]["agent"] == pytest.approx(gap, abs=1.0), figures
