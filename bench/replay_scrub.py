"""Replay scrubbing on a 60-minute call: load time, seek latency, timeline repaint, memory.

    python3 bench/replay_scrub.py [--minutes 60] [--keep DIR]

The call is the long-lookup scenario (espeak-ng speech, 74 s) tiled to the length asked
for, run through the real pipeline (VAD, level, pace, rules; recogniser scripted from the
scenario's words, shifted per tile) and recorded by the real ``Recorder`` with its audio.
Then, offscreen:

- load: store.load + ReplayModel.build (audio envelope included) + the overlay checkpoints;
- seek: the model's overlay state at 300 random times, and the whole window's seek
  (overlay panel, timeline, transcript highlight) at 100 random times;
- repaint: the timeline at full zoom (the whole hour) and zoomed to 30 s, after a view
  change (lanes redrawn) and after a playhead move (lanes from the cached picture);
- compare: the hour re-run through another pack;
- memory: RSS before and after opening the session;
- sound: on a private PulseAudio server (when there is one), how long "play" on an open
  stream takes until the device takes frames, at 1x and 2x (``--sound-only``: just this).

Figures only; nothing here fails on noise. ``--keep DIR`` reuses a recorded store.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import assistant  # noqa: E402,F401  (the app's process settings, made before numpy loads)
import numpy as np  # noqa: E402
import soundfile as sf  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCENARIO = ROOT / "tests" / "scenarios" / "zh_long_hold_no_updates.toml"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def record_long_call(root: Path, work: Path, minutes: float) -> str:
    from assistant.audio.file import open_call_file
    from assistant.conduct.pack import default_pack_path, load_pack
    from assistant.engine.calls import Call, Hearing
    from assistant.ground.events import Channel
    from assistant.scenario.scenario_file import load_scenario
    from assistant.scenario.scripted import ScriptedRecogniser
    from assistant.scenario.synth import synthesize
    from assistant.sessions.recording.recorder import Recorder, new_session

    scenario = load_scenario(SCENARIO)
    call = synthesize(scenario, work / "tile.wav", cache_dir=work / "tts")
    audio, rate = sf.read(call.path, dtype="int16")
    tiles = int(np.ceil(minutes * 60 / call.duration_s))
    long_path = work / "long.wav"
    sf.write(long_path, np.tile(audio, (tiles, 1))[: int(minutes * 60 * rate)], rate)
    turns = [replace(t, t0=t.t0 + k * call.duration_s, t1=t.t1 + k * call.duration_s)
             for k in range(tiles) for t in call.turns]
    pack_path = default_pack_path("zh")
    pack = load_pack(pack_path)
    recorder = Recorder(new_session(pack, source="file", has_caller=True,
                                    pack_text=pack_path.read_text(encoding="utf-8"),
                                    recogniser="grammar", call_time=scenario.call_time),
                        audio=True, root=root)
    hearing = Hearing({ch: ScriptedRecogniser(turns, ch) for ch in Channel}, mode="scripted")
    call = Call(pack, hearing, has_caller=True, call_time=scenario.call_time, recorder=recorder)
    started = time.perf_counter()
    for block in open_call_file(long_path).blocks():
        call.feed(block)
    call.finish_recording(call.finish())
    print(f"recorded {minutes:g} min through the pipeline in {time.perf_counter() - started:.1f} s")
    return recorder.session_id


def figures(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"p50 {statistics.median(ms):6.2f} ms   p95 {p95:6.2f} ms   max {ms[-1]:6.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--keep", type=Path, default=None,
                        help="store folder to reuse (recorded there the first time)")
    parser.add_argument("--sound-only", action="store_true",
                        help="only how soon play is heard on an open stream")
    args = parser.parse_args()
    if args.sound_only:
        return play_latency()
    tmp = tempfile.TemporaryDirectory()
    work = Path(tmp.name)
    root = args.keep or work / "store"

    from assistant.sessions.store.database import SessionStore

    with SessionStore(root) as store:
        existing = store.list()
    session_id = existing[0].id if existing else record_long_call(root, work, args.minutes)

    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    import assistant.ui.qt_guard  # noqa: F401
    from assistant.conduct.pack import default_pack_path, parse_pack
    from assistant.sessions.replay.rerun import compare
    from assistant.sessions.replay.timeline import ReplayModel

    app = QApplication.instance() or QApplication([])
    before = rss_mb()
    with SessionStore(root) as store:
        t0 = time.perf_counter()
        session = store.load(session_id)
        t1 = time.perf_counter()
        model = ReplayModel.build(session, store.audio_path(session.info))
        t2 = time.perf_counter()
        model.overlay_at(0.0)
        t3 = time.perf_counter()
    duration = model.duration
    print(f"session: {duration / 60:.1f} min, {len(session.events)} events, "
          f"{len(model.prompts)} prompts, {len(model.transcript)} transcript lines, "
          f"loudness from {model.level_source}")
    print(f"load: store {t1 - t0:.2f} s + lanes {t2 - t1:.2f} s + overlay checkpoints "
          f"{t3 - t2:.2f} s = {t3 - t0:.2f} s")
    print(f"memory: RSS {before:.0f} MB before, {rss_mb():.0f} MB with the session open "
          f"(+{rss_mb() - before:.0f} MB)")

    rng = random.Random(4)
    times = []
    for _ in range(300):
        t = rng.uniform(0, duration)
        start = time.perf_counter()
        model.overlay_at(t)
        times.append(time.perf_counter() - start)
    print(f"seek, overlay state at a random time:   {figures(times)}")
    steps = []
    t = rng.uniform(0, duration - 60)
    for _ in range(300):
        t += 0.033
        start = time.perf_counter()
        model.overlay_at(t)
        steps.append(time.perf_counter() - start)
    print(f"playing, overlay state every 33 ms:     {figures(steps)}")

    from assistant.ui.replay.window import ReplayWindow

    with SessionStore(root) as store:
        window = ReplayWindow(store, lang="zh", sound=False)
        window.resize(1500, 920)
        window.show()
        app.processEvents()
        window.show_model(model)
        app.processEvents()
        seeks = []
        for _ in range(100):
            t = rng.uniform(0, duration)
            start = time.perf_counter()
            window.seek(t)
            app.processEvents()
            seeks.append(time.perf_counter() - start)
        print(f"seek, whole window (panel + timeline):  {figures(seeks)}")
        timeline = window.ui.timeline
        image = QImage(timeline.size(), QImage.Format.Format_ARGB32)
        for label, span in (("full call", duration), ("zoomed to 30 s", 30.0)):
            paints = []
            for _ in range(30):
                start_t = rng.uniform(0, max(0.0, duration - span))
                timeline.set_view(start_t, start_t + span)
                timeline.redraw()
                start = time.perf_counter()
                timeline.render(image)
                paints.append(time.perf_counter() - start)
            print(f"timeline repaint, {label:<15} {timeline.width()} px: {figures(paints)}")
            moves = []
            for _ in range(30):
                timeline.set_playhead(rng.uniform(timeline.t0, timeline.t1))
                start = time.perf_counter()
                timeline.render(image)
                moves.append(time.perf_counter() - start)
            print(f"  playhead move only (cached lanes):      {figures(moves)}")
        window.close()

    text = session.pack_text.replace("interval_s = 15.0", "interval_s = 10.0")
    start = time.perf_counter()
    diff = compare(session, parse_pack(text))
    print(f"compare with another pack (re-run the hour): {time.perf_counter() - start:.1f} s, "
          f"{len(diff.prompts)} prompt changes")
    del default_pack_path
    tmp.cleanup()
    return play_latency()


def play_latency(tries: int = 10) -> int:
    """Seconds from ``Player.play()`` on an open stream until its playhead (the frames the
    device took) moves, and until it is 0.2 s in: what a trainer waits after pressing play."""
    from tests.integration.pulse import pulse_server, pulse_skip_reason

    if why := pulse_skip_reason():
        print(f"sound: skipped ({why})")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        rate = 16000
        tone = 0.3 * np.sin(2 * np.pi * 440 * np.arange(4 * rate) / rate).astype(np.float32)
        sf.write(work / "call.flac", np.stack([tone, tone], axis=1), rate)
        with pulse_server(work) as pulse, pulse.in_this_process():
            from assistant.audio.playback import Player

            for speed in (1.0, 2.0):
                player = Player(work / "call.flac", 4.0, device="pulse")
                if not player.audible:
                    print(f"sound: no stream ({player.problem})")
                    return 0
                player.set_speed(speed)
                time.sleep(2.0)  # the server opens the stream
                moved, in_02 = [], []
                for _ in range(tries):
                    player.pause(0.0)
                    time.sleep(0.2)
                    start = time.perf_counter()
                    player.play()
                    first = None
                    while player.position() < 0.2 and time.perf_counter() - start < 5:
                        if first is None and player.position() > 0.0:
                            first = time.perf_counter() - start
                        time.sleep(0.002)
                    moved.append(first if first is not None else float("nan"))
                    in_02.append(time.perf_counter() - start)
                player.close()
                print(f"sound at {speed:g}x, play → playhead moves: {figures(moved)}")
                print(f"sound at {speed:g}x, play → 0.2 s in:       {figures(in_02)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
