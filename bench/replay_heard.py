"""How far the replay playhead is from the sound the audio server really plays.

    python3 bench/replay_heard.py [--plays 16]

On a private PulseAudio server (tests/integration/pulse.py) the replay ``Player`` plays a
6-s call of eleven numbered clicks (0.5 s apart, each at its own level) into a null sink,
while an input stream in the same process records the sink's monitor. Both streams stamp
their blocks on PortAudio's one stream clock, so each click heard in the monitor is set
against where the playhead was at that moment: a positive figure is a playhead (and so a
prompt on the timeline) ahead of the sound. Also counted: clicks never heard (audio the
device dropped in an underrun) and the longest gap between two output callbacks (a stalled
device). Figures only; nothing here fails on noise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import assistant  # noqa: E402,F401  (the app's process settings, made before numpy loads)
import numpy as np  # noqa: E402
import soundfile as sf  # noqa: E402

RATE = 16000
CLICKS = np.arange(0.5, 5.6, 0.5)
LEVEL0, STEP = 0.15, 0.06


def call(path: Path) -> None:
    x = np.zeros(6 * RATE, np.float32)
    for k, at in enumerate(CLICKS):
        x[int(at * RATE):int(at * RATE) + 320] = LEVEL0 + STEP * k
    sf.write(path, np.stack([x, x], 1), RATE)


def heard_clicks(blocks: list[tuple[float, np.ndarray]]) -> list[tuple[float, int]]:
    """(stream time, click number) of each click in the monitor's blocks."""
    if not blocks:
        return []
    sig = np.concatenate([b for _, b in blocks])
    times = np.concatenate([t + np.arange(len(b)) / RATE for t, b in blocks])
    above = np.abs(sig) > 0.08
    found: list[tuple[float, int]] = []
    for i in np.flatnonzero(above[1:] & ~above[:-1]) + 1:
        if found and times[i] - found[-1][0] < 0.2:
            continue
        k = int(round((np.median(np.abs(sig[i + 60:i + 260])) - LEVEL0) / STEP))
        if 0 <= k < len(CLICKS):
            found.append((float(times[i]), k))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plays", type=int, default=16)
    args = parser.parse_args()
    from tests.integration.pulse import pulse_server, pulse_skip_reason

    if why := pulse_skip_reason():
        print(f"skipped ({why})")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        call(work / "call.flac")
        with pulse_server(work) as pulse, pulse.in_this_process():
            import sounddevice as sd

            from assistant.audio.playback import Player

            os.environ["PULSE_SOURCE"] = pulse.monitor
            monitor: list[tuple[float, np.ndarray]] = []
            ins = sd.InputStream(samplerate=RATE, channels=1, dtype="float32", device="pulse",
                                 callback=lambda data, _n, t, _s: monitor.append(
                                     (t.inputBufferAdcTime, data[:, 0].copy())))
            ins.start()
            callbacks: list[float] = []
            counted = Player._callback

            def callback(self, out, frames, time_info, status):  # type: ignore[no-untyped-def]
                callbacks.append(time_info.currentTime)
                counted(self, out, frames, time_info, status)

            Player._callback = callback  # type: ignore[method-assign]
            player = Player(work / "call.flac", 6.0, device="pulse")
            if not player.audible:
                print(f"no stream ({player.problem})")
                return 0
            time.sleep(2.0)
            ahead, lost, stalls = [], 0, []
            for _ in range(args.plays):
                player.pause(0.0)
                time.sleep(0.3)
                monitor.clear()
                callbacks.clear()
                track = []
                player.play()
                began = time.monotonic()
                while player.position() < 5.8 and time.monotonic() - began < 15:
                    track.append((player._stream.time, player.position()))
                    time.sleep(0.003)
                time.sleep(0.5)
                player.pause(0.0)
                clicks = heard_clicks(list(monitor))
                path = np.array(track)
                ahead += [float(np.interp(t, path[:, 0], path[:, 1]) - CLICKS[k])
                          for t, k in clicks]
                lost += len(CLICKS) - len({k for _, k in clicks})
                stalls.append(float(np.diff(callbacks).max()) if len(callbacks) > 1 else 0.0)
            player.close()
            ins.close()
    ms = sorted(a * 1000 for a in ahead)
    print(f"{args.plays} plays, {len(ms)} clicks heard, {lost} never heard (dropped audio)")
    if ms:
        print(f"playhead ahead of the sound: p50 {statistics.median(ms):6.1f} ms   "
              f"p95 {ms[int(0.95 * (len(ms) - 1))]:6.1f} ms   min {ms[0]:6.1f}   max {ms[-1]:6.1f}")
    print(f"longest gap between output callbacks per play: median "
          f"{statistics.median(stalls) * 1000:.0f} ms, max {max(stalls) * 1000:.0f} ms, "
          f"plays with a gap over 0.5 s: {sum(s > 0.5 for s in stalls)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
