"""Soak: a very long recorded call keeps memory flat, and ``kill -9`` loses at most 1 s.

    python3 bench/soak_recording.py [--hours 8] [--kills 10] [--seed 1]

1. **Memory.** The bundled demo call (real speech on both channels) tiled to ``--hours``
   is fed block by block, as fast as the CPU allows (audio time, not wall time), through
   the real pipeline and a real recorder with audio recording on, into a fresh data dir.
   Resident memory is printed every simulated hour and after the session is finished and
   its audio compressed.
2. **Crashes.** ``--kills`` times, a child process records the tiled call and is killed
   with SIGKILL at a random audio time; the next start recovers the session, and the bench
   prints how far the recovered session reaches against what the child had fed.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import assistant  # noqa: E402,F401  (the app's process settings, made before numpy loads)
import numpy as np  # noqa: E402
import soundfile as sf  # noqa: E402

from assistant.audio.block import BLOCK_SAMPLES, Block  # noqa: E402
from assistant.conduct.pack import default_pack_path, parse_pack  # noqa: E402
from assistant.engine.calls import Call  # noqa: E402
from assistant.ground.resources import resources_dir  # noqa: E402
from assistant.sessions.recording.start import start_recorder  # noqa: E402
from assistant.sessions.session import Source  # noqa: E402

DEMO = resources_dir() / "demo" / "demo_call.flac"


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def recording_pack():
    text = default_pack_path("zh").read_text(encoding="utf-8")
    return parse_pack(text.replace("[recording]\nenabled = false", "[recording]\nenabled = true"))


def tiled_blocks(seconds: float):
    audio, rate = sf.read(DEMO, dtype="float32", always_2d=True)
    assert rate == 16000
    total = int(seconds * rate)
    start = 0
    while start < total:
        offset = start % len(audio)
        n = min(BLOCK_SAMPLES, len(audio) - offset, total - start)
        piece = audio[offset:offset + n]
        yield Block(start, np.ascontiguousarray(piece[:, 0]), np.ascontiguousarray(piece[:, 1]))
        start += n


def record(seconds: float, on_block=None):
    pack = recording_pack()
    assert pack.recording.enabled
    recorder = start_recorder(pack, source=Source.FILE, has_caller=True, pack_path=None)
    call = Call(pack, has_caller=True, recorder=recorder)
    for block in tiled_blocks(seconds):
        call.feed(block)  # the recorder takes the audio first
        if on_block is not None:
            on_block(call.now)
    summary = call.finish()
    call.finish_recording(summary)
    return recorder


def soak(hours: float) -> None:
    marks: list[tuple[float, float, float]] = []
    began = time.monotonic()
    next_mark = [0.0]

    def on_block(t: float) -> None:
        if t >= next_mark[0]:
            marks.append((t / 3600, rss_mb(), time.monotonic() - began))
            print(f"  {t / 3600:5.2f} h of audio  RSS {marks[-1][1]:7.1f} MB  "
                  f"({marks[-1][2]:6.0f} s wall)", flush=True)
            next_mark[0] += 1800.0

    print(f"memory, {hours:g} h recorded call (audio on):", flush=True)
    recorder = record(hours * 3600, on_block)
    print(f"  finished and compressed   RSS {rss_mb():7.1f} MB, peak {rss_mb('VmHWM'):.1f} MB "
          f"({time.monotonic() - began:6.0f} s wall; session {recorder.session_id})")
    first = next(m for m in marks if m[0] >= 0.5)
    last = marks[-1]
    print(f"  growth from 0.5 h to {last[0]:.1f} h: {last[1] - first[1]:+.1f} MB "
          f"({(last[1] - first[1]) / max(last[0] - first[0], 1e-9):+.2f} MB per hour)")
    print(f"  speed: {hours * 3600 / (time.monotonic() - began):.0f}x real time")


def child(seconds: float) -> None:
    print(f"pid {os.getpid()}", flush=True)
    record(seconds, lambda t: print(f"reached {t:.3f}", flush=True))
    print("done", flush=True)


def kills(count: int, seed: int, seconds: float = 600.0) -> None:
    from assistant.sessions.session import SessionState
    from assistant.sessions.store.database import SessionStore
    from assistant.sessions.store.housekeeping import start_up

    rng = random.Random(seed)
    print(f"kill -9 at random points ({count} runs, seed {seed}):", flush=True)
    gaps = []
    for run in range(count):
        target = rng.uniform(2.0, seconds - 10.0)
        with tempfile.TemporaryDirectory() as data:
            env = {**os.environ, "ASSISTANT_DATA_DIR": data}
            proc = subprocess.Popen([sys.executable, __file__, "--child", str(seconds)],
                                    cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
            reached = 0.0
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith("reached"):
                    reached = float(line.split()[1])
                    if reached >= target:
                        break
            os.kill(proc.pid, signal.SIGKILL)
            for line in proc.stdout.read().splitlines():
                if line.startswith("reached"):
                    reached = float(line.split()[1])
            proc.wait()
            os.environ["ASSISTANT_DATA_DIR"] = data
            done = start_up(retention_days=None, expire_old=False)
            with SessionStore() as store:
                (info,) = store.list()
            del os.environ["ASSISTANT_DATA_DIR"]
            gap = reached - info.duration_s
            gaps.append(gap)
            audio = done.audio_saved.get(info.id)
            ok = info.state is SessionState.RECOVERED and gap <= 1.0
            print(f"  run {run + 1:2d}: killed at {reached:7.2f} s  recovered to "
                  f"{info.duration_s:7.2f} s (lost {gap:4.2f} s)  audio "
                  f"{'%.1f s' % audio if audio is not None else '—'}  "
                  f"{'ok' if ok else 'FAILED'}", flush=True)
    print(f"  worst loss {max(gaps):.2f} s, mean {sum(gaps) / len(gaps):.2f} s; "
          f"{sum(g <= 1.0 for g in gaps)} of {len(gaps)} within 1 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as data:
        os.environ["ASSISTANT_DATA_DIR"] = data
        if args.hours > 0:
            soak(args.hours)
        del os.environ["ASSISTANT_DATA_DIR"]
    if args.kills > 0:
        kills(args.kills, args.seed)


if __name__ == "__main__":
    main()
