"""The rolling pace reading the pace-drift rule judges, against the true rolling pace.

    python3 bench/pace_rolling.py [--set tuning|held-out|both] [--conditions clean,babble10]

For every natural call (tests/scenarios/natural/{tuning,held-out}) in every floor condition,
every agent reading the rule uses (``usable_pace``: a rolling pace over at least the pack's
``min_speaking_s``) is compared with the true pace over the same stretch: the agent's last
``pace_window_s`` of speaking time before the reading, characters over the summed
utterance durations (a turn cut by the window or by the reading's time counts its share of
characters). Prints per set and condition the median error and the 90th and 95th
percentiles and worst of its size; the 90th percentile over the tuning calls is where the
pack's ``pace_drift.reading_margin`` comes from. Then the readings near the ceiling: how often
a true pace under ``max_spm`` reads over it, and over it by more than the margin.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import assistant  # noqa: E402,F401  (the app's process settings, made before numpy loads)
import numpy as np  # noqa: E402

from assistant.audio.file import open_call_file
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.conduct.rules.pace import usable_pace
from assistant.engine.pipeline import Pipeline
from assistant.ground.events import CallAction, Channel, Event, PaceReading
from assistant.scenario import truth
from assistant.scenario.scenario_file import load_scenario
from assistant.scenario.synth import SyntheticCall, synthesize

NATURAL = ROOT / "tests" / "scenarios" / "natural"
CONDITIONS = ("clean", "telephone", "babble20", "babble10", "echo20")
CONFIRM_S = 0.1
"""A reading counts the syllables up to this long before its time (the peaks it can see)."""


def true_rolling(call: SyntheticCall, t: float, window_s: float) -> float | None:
    """The agent's true pace over its last ``window_s`` of speaking time before ``t``."""
    remaining, syllables = window_s, 0.0
    for turn in reversed(truth.turns_of(call, Channel.AGENT)):
        if turn.t0 >= t:
            continue
        spoken = min(turn.t1, t) - turn.t0
        used = min(spoken, remaining)
        syllables += turn.syllables * used / turn.duration
        remaining -= used
        if remaining <= 0:
            break
    speaking = window_s - remaining
    return 60.0 * syllables / speaking if speaking > 0 else None


def readings(path: Path, condition: str, work: Path) -> list[tuple[float, float]]:
    """(reading, true pace) of every agent reading the rule uses in one call."""
    pack = load_pack(default_pack_path("zh"))
    scenario = load_scenario(path, conditions=condition)
    call = synthesize(scenario, work / f"{path.parent.name}-{path.stem}-{condition}.wav",
                      cache_dir=work / "tts")
    events: list[Event] = []
    pipeline = Pipeline(pack, has_caller=True, call_time=scenario.call_time,
                        sinks=[events.append])
    pipeline.control(CallAction.START)
    for block in open_call_file(call.path).blocks():
        pipeline.feed(block)
    pipeline.finish()
    out = []
    for event in events:
        if isinstance(event, PaceReading) and event.channel is Channel.AGENT:
            reading = usable_pace(pack.rules.pace_drift, event)
            true = true_rolling(call, event.t - CONFIRM_S, pack.acoustics.pace_window_s)
            if reading is not None and true:
                out.append((reading, true))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="both", choices=("tuning", "held-out", "both"))
    parser.add_argument("--conditions", default=",".join(CONDITIONS))
    args = parser.parse_args()
    sets = ("tuning", "held-out") if args.set == "both" else (args.set,)
    cfg = load_pack(default_pack_path("zh")).rules.pace_drift
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name in sets:
            print(f"\n{name} set: rolling reading against the true rolling pace "
                  f"(readings the rule uses)")
            print(f"{'condition':<11}{'readings':>9}{'median':>9}{'p90 |e|':>9}{'p95 |e|':>9}"
                  f"{'worst':>8}")
            pairs_of_set: list[tuple[float, float]] = []
            for condition in args.conditions.split(","):
                pairs = [p for path in sorted((NATURAL / name).glob("*.toml"))
                         for p in readings(path, condition, work)]
                pairs_of_set += pairs
                errors = np.array([r / t - 1 for r, t in pairs])
                print(f"{condition:<11}{len(pairs):>9}{100 * np.median(errors):>+8.1f}%"
                      f"{100 * np.quantile(np.abs(errors), 0.90):>8.1f}%"
                      f"{100 * np.quantile(np.abs(errors), 0.95):>8.1f}%"
                      f"{100 * errors[np.argmax(np.abs(errors))]:>+7.1f}%", flush=True)
            errors = np.array([r / t - 1 for r, t in pairs_of_set])
            near = [(r, t) for r, t in pairs_of_set if 0.9 * cfg.max_spm <= t < cfg.max_spm]
            over = sum(r > cfg.max_spm for r, _ in near)
            beyond = sum(r > cfg.max_spm * (1 + cfg.reading_margin) for r, _ in near)
            print(f"all conditions: median {100 * statistics.median(errors):+.1f}%, "
                  f"p90 |error| {100 * np.quantile(np.abs(errors), 0.90):.1f}%, "
                  f"p95 {100 * np.quantile(np.abs(errors), 0.95):.1f}%; true pace "
                  f"within 10 % under {cfg.max_spm:.0f}: {len(near)} readings, {over} read "
                  f"over it, {beyond} over it by more than the {100 * cfg.reading_margin:.0f} % "
                  f"margin")


if __name__ == "__main__":
    main()
