"""The replay transport through a real audio server: PulseAudio null sink via PortAudio.

Plays a call at 1x and 2x into the sink, recording its monitor with ``parecord``, and
checks that the playhead follows the frames the device took and that sound arrived.
"""

from __future__ import annotations

import subprocess
import time

import numpy as np
import pytest
import soundfile as sf

from tests.integration.pulse import pulse_server, pulse_skip_reason

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(pulse_skip_reason() is not None,
                                 reason=pulse_skip_reason() or "")]


@pytest.fixture
def pulse(tmp_path):
    with pulse_server(tmp_path) as server:
        yield server


def _tone(path, seconds: float = 4.0, rate: int = 16000) -> None:
    t = np.arange(int(seconds * rate)) / rate
    tone = 0.3 * np.sin(2 * np.pi * 440 * t).astype(np.float32)
    sf.write(path, np.stack([tone, tone * 0.5], axis=1), rate)


@pytest.mark.parametrize("speed", [1.0, 2.0])
def test_the_playhead_follows_the_sound_the_device_takes(pulse, tmp_path, speed):
    from assistant.audio.playback import Player

    call = tmp_path / "call.flac"
    _tone(call)
    capture = tmp_path / "heard.wav"
    with pulse.in_this_process():
        recorder = subprocess.Popen(
            ["parecord", f"--device={pulse.monitor}", "--file-format=wav", str(capture)],
            env=pulse.env)
        player = Player(call, 4.0, device="pulse")
        try:
            assert player.audible, player.problem
            player.set_speed(speed)
            time.sleep(2.0)  # the server takes its time to open a stream
            stream = player._stream
            player.play()
            started = time.monotonic()
            while player.position() < 0.2 and time.monotonic() - started < 10:
                time.sleep(0.01)
            first, began = player.position(), time.monotonic()
            track = [(began, first)]  # (wall clock, playhead)
            while track[-1][1] < 3.5 and time.monotonic() - began < 10:
                time.sleep(0.01)
                track.append((time.monotonic(), player.position()))
            position = track[-1][1]
            reopened = player._stream is not stream
        finally:
            player.close()
            time.sleep(0.3)
            recorder.terminate()
            recorder.wait(timeout=5)
    # How soon play is heard is a figure of bench/replay_scrub.py, not a timed assertion here.
    assert first >= 0.2, "the playhead never moved"
    assert not reopened, "play reuses the open stream"
    assert position >= 3.5
    # The playhead is the device's count of frames taken, so it runs at the chosen speed
    # while the device takes frames. A busy machine can stall the device (an underrun, then
    # ALSA's recovery: the sound really stops for a while) and a late poll moves both the
    # playhead and the clock, so the speed is read where it ran: the fastest stretch of
    # 0.6 s of wall clock. A wrong speed is wrong in every stretch.
    rates = _rates(track)
    print("playhead rates:", [round(r, 2) for r in sorted(rates)[::max(1, len(rates) // 12)]])
    assert max(rates) == pytest.approx(speed, rel=0.15), (speed, sorted(rates)[-5:])
    heard, _ = sf.read(capture)
    assert np.abs(heard).max() > 0.05, "no sound reached the sink"


def _rates(track: list[tuple[float, float]], window_s: float = 0.6) -> list[float]:
    """The playhead's speed over each stretch of ``window_s`` of wall clock."""
    rates = []
    for i, (t0, p0) in enumerate(track):
        later = next(((t, p) for t, p in track[i + 1:] if t - t0 >= window_s), None)
        if later is not None:
            rates.append((later[1] - p0) / (later[0] - t0))
    return rates
