"""Real-time factor, CPU share and peak memory of `assistant analyze` on a long call.

    python3 bench/analyze_speed.py [--minutes 10] [--scenario tests/scenarios/zh_polite_call.toml]

Synthesises the scenario's call once, tiles it to ``--minutes``, and runs the same
pipeline as `assistant analyze` over it three ways: acoustic only (no recogniser), and
with the real vosk decoder in grammar mode on both channels (the Korean model the test
extra installs, with the Korean pack's phrase lists: the decoder's cost hardly depends on
the language). Prints seconds of audio per CPU second, the real-time factor, the CPU share
of one core that live processing of two channels at 1x would take, and peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import assistant  # noqa: E402,F401  (the app's process settings, made before numpy loads)
import numpy as np  # noqa: E402
import soundfile as sf  # noqa: E402

from assistant.audio.file import open_call_file
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.engine.calls import Call, hear
from assistant.scenario.scenario_file import load_scenario
from assistant.scenario.synth import synthesize


def long_call(scenario: Path, minutes: float, work: Path) -> Path:
    call = synthesize(load_scenario(scenario), work / "one.wav", cache_dir=work / "tts")
    audio, rate = sf.read(call.path, dtype="float32", always_2d=True)
    reps = int(np.ceil(minutes * 60 * rate / len(audio)))
    tiled = np.tile(audio, (reps, 1))[: int(minutes * 60 * rate)]
    out = work / "long.flac"
    sf.write(out, tiled, rate)
    return out


def run(path: Path, lang: str, mode: str) -> dict:
    pack = load_pack(default_pack_path(lang))
    source = open_call_file(path)
    t0 = time.perf_counter()
    hearing = hear(pack, mode=mode, has_caller=source.has_caller)  # type: ignore[arg-type]
    load_s = time.perf_counter() - t0
    if mode != "off" and not hearing.recognisers:
        return {"mode": mode, "skipped": "; ".join(hearing.notes)}
    call = Call(pack, hearing, has_caller=source.has_caller)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    summary = call.run(source.blocks())
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return {
        "mode": mode,
        "audio_s": summary.duration_s,
        "wall_s": wall,
        "cpu_s": cpu,
        "rtf": wall / summary.duration_s,
        "speedup": summary.duration_s / wall,
        "cpu_share_pct": 100 * cpu / summary.duration_s,
        "model_load_s": load_s,
        "prompts": len(summary.prompts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--scenario", type=Path,
                        default=ROOT / "tests" / "scenarios" / "zh_polite_call.toml")
    parser.add_argument("--ko-scenario", type=Path,
                        default=ROOT / "tests" / "scenarios" / "ko_polite_call.toml")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        zh = long_call(args.scenario, args.minutes, work / "zh")
        rows = [run(zh, "zh", "off")]
        if args.ko_scenario.exists():
            ko = long_call(args.ko_scenario, args.minutes, work / "ko")
            rows += [run(ko, "ko", "off"), run(ko, "ko", "grammar"), run(ko, "ko", "free")]
    print(f"{'mode':<10}{'audio s':>9}{'wall s':>9}{'x real time':>13}{'RTF':>8}"
          f"{'CPU % of 1 core (live, 2 ch)':>31}")
    for row in rows:
        if "skipped" in row:
            print(f"{row['mode']:<10} skipped: {row['skipped']}")
            continue
        print(f"{row['mode']:<10}{row['audio_s']:>9.0f}{row['wall_s']:>9.1f}{row['speedup']:>13.1f}"
              f"{row['rtf']:>8.4f}{row['cpu_share_pct']:>31.2f}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (model loaded included): {peak_mb:.0f} MB")
    print("targets: acoustic-only <= 3% of one core; grammar recognisers on both channels <= 25%")


if __name__ == "__main__":
    main()
