"""Where the agent's pace error comes from: speaking time and syllables, each against truth.

    python3 bench/pace_breakdown.py [--conditions clean,babble20,babble10] [--tempos 0.7,1.6]

For the polite call of each natural set at each tempo and floor, prints the agent's
true characters and speaking time beside the product's syllable count and speaking
time, and splits the syllables into those inside the agent's true utterances and those
outside them (the room's or the echo's, counted as the agent's).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import assistant  # noqa: E402,F401  (the app's process settings, made before numpy loads)
import numpy as np  # noqa: E402

from assistant.audio.file import open_call_file
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.engine.pipeline import Pipeline
from assistant.ground.events import CallAction, Channel, Event
from assistant.scenario import truth
from assistant.scenario.scenario_file import load_scenario
from assistant.scenario.synth import synthesize
from assistant.speech import pace as pace_module
from bench.own_voice import at_tempo

NATURAL = ROOT / "tests" / "scenarios" / "natural"


def breakdown(path: Path, condition: str, work: Path, tempo: float) -> dict[str, float]:
    scenario = load_scenario(at_tempo(path, work, tempo), conditions=condition)
    call = synthesize(scenario, work / f"{path.parent.name}-{tempo}-{condition}.wav",
                      cache_dir=work / "tts")
    found: list[np.ndarray] = []
    original = pace_module.PaceTracker.end

    def end(self: pace_module.PaceTracker, t: float, start: float):  # type: ignore[no-untyped-def]
        reading = original(self, t, start)
        if self.channel is Channel.AGENT:
            found.append(self._segments[-1].nuclei if self._segments else np.zeros(0))
        return reading

    pace_module.PaceTracker.end = end  # type: ignore[method-assign]
    try:
        events: list[Event] = []
        pipeline = Pipeline(load_pack(default_pack_path("zh")), has_caller=True,
                            call_time=scenario.call_time, sinks=[events.append])
        pipeline.control(CallAction.START)
        for block in open_call_file(call.path).blocks():
            pipeline.feed(block)
        pipeline.finish()
    finally:
        pace_module.PaceTracker.end = original  # type: ignore[method-assign]
    tracker = pipeline.analyzers[Channel.AGENT].pace
    turns = truth.turns_of(call, Channel.AGENT)
    nuclei = np.concatenate(found) if found else np.zeros(0)
    inside = sum(int(np.count_nonzero((nuclei >= t.t0) & (nuclei < t.t1))) for t in turns)
    true_chars = sum(t.syllables for t in turns)
    true_s = sum(t.duration for t in turns)
    return {"chars": true_chars, "true_s": true_s, "syll": tracker.total_syllables,
            "inside": inside, "speak_s": tracker.total_speaking_s,
            "true_spm": 60 * true_chars / true_s,
            "err": (tracker.total_syllables / tracker.total_speaking_s) / (true_chars / true_s) - 1}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conditions", default="clean,babble20,babble10")
    parser.add_argument("--tempos", default="0.7,1.0,1.3,1.6")
    parser.add_argument("--sets", default="tuning,held-out")
    parser.add_argument("--calls", default="polite_call")
    args = parser.parse_args()
    print(f"{'call':<24}{'floor':<10}{'tempo':>6}{'true 字/分':>10}{'error':>8}"
          f"{'syllables/chars':>17}{'outside':>8}{'speaking/true s':>17}")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.sets.split(","):
            for call in args.calls.split(","):
                for condition in args.conditions.split(","):
                    for tempo in (float(t) for t in args.tempos.split(",")):
                        r = breakdown(NATURAL / name / f"{call}.toml", condition, Path(folder),
                                      tempo)
                        print(f"{name + '/' + call:<24}{condition:<10}{tempo:>6.1f}"
                              f"{r['true_spm']:>10.0f}{100 * r['err']:>+7.1f}%"
                              f"{100 * (r['syll'] / r['chars'] - 1):>+16.1f}%"
                              f"{int(r['syll'] - r['inside']):>8d}"
                              f"{100 * (r['speak_s'] / r['true_s'] - 1):>+16.1f}%", flush=True)


if __name__ == "__main__":
    main()
