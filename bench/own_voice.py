"""Own-voice detection, pace beside Praat, and the acoustic chain's CPU, on natural calls.

    pip install -e .[bench]        # praat-parselmouth: the reference, not a product part
    python3 bench/own_voice.py [--set tuning|held-out|both] [--conditions clean,babble10]

For every natural call (tests/scenarios/natural/{tuning,held-out}) in every floor condition:

* own-voice detection on the agent channel, frame by frame against the call's truth
  (precision: detected speech that is the agent; recall: the agent's speech detected);
* the agent's pace (characters per minute of speaking time) from the product's syllable
  nuclei, and from Praat's syllable nuclei (de Jong & Wempe 2009: intensity peaks 2 dB
  above their dips, above the 0.99 quantile − 25 dB, voiced) counted in the same speech
  segments and divided by the same speaking time (the product's: its segments, the short
  pauses between them inside an utterance included), both against the true pace
  (characters ÷ summed utterance durations);
* the CPU share of one core that the acoustic chain (both channels, no recogniser) takes
  for a live call.
"""

from __future__ import annotations

import argparse
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

from assistant.audio.file import open_call_file
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.engine.pipeline import Pipeline
from assistant.ground.events import SAMPLE_RATE, CallAction, Channel, Event, SpeechEnd
from assistant.scenario import truth
from assistant.scenario.scenario_file import load_scenario
from assistant.scenario.synth import synthesize

NATURAL = ROOT / "tests" / "scenarios" / "natural"
CONDITIONS = ("clean", "telephone", "babble20", "babble10", "echo20", "babble5")
TEMPOS = (0.7, 1.0, 1.3, 1.6)


def praat_syllables(audio: np.ndarray, spans: list[tuple[float, float]]) -> int:
    """Syllable nuclei by de Jong & Wempe's method, counted inside ``spans``."""
    import parselmouth

    sound = parselmouth.Sound(audio.astype(np.float64), SAMPLE_RATE)
    intensity = sound.to_intensity(minimum_pitch=50)
    values, times = intensity.values[0], intensity.xs()
    threshold = max(float(np.quantile(values, 0.99)) - 25.0, float(values.min()))
    pitch = sound.to_pitch_ac(pitch_floor=60, pitch_ceiling=500)
    peaks = [i for i in range(1, len(values) - 1)
             if values[i] > threshold and values[i] >= values[i - 1] and values[i] > values[i + 1]]
    kept: list[int] = []
    for i in peaks:  # a peak counts if the dip to the previous kept one is >= 2 dB
        if kept and float(values[kept[-1]: i + 1].min()) > min(values[i], values[kept[-1]]) - 2.0:
            if values[i] > values[kept[-1]]:
                kept[-1] = i
            continue
        kept.append(i)
    count = 0
    for i in kept:
        t = times[i]
        if any(a <= t <= b for a, b in spans) and pitch.get_value_at_time(t) == pitch.get_value_at_time(t):
            count += 1  # NaN pitch is unvoiced
    return count


def at_tempo(path: Path, work: Path, tempo: float) -> Path:
    """A copy of the scenario file ``path`` in ``work`` with both speakers at ``tempo`` (sox),
    the rest of the file as is."""
    text = path.read_text(encoding="utf-8").replace(
        "[scenario]", f"[scenario]\nagent_tempo = {tempo}\ncaller_tempo = {tempo}", 1)
    copy = work / path.parent.name / f"{path.stem}-x{tempo}.toml"
    copy.parent.mkdir(exist_ok=True)
    copy.write_text(text, encoding="utf-8")
    return copy


def run(path: Path, condition: str, work: Path, tempo: float | None = None) -> dict:
    if tempo is not None:
        path = at_tempo(path, work, tempo)
    scenario = load_scenario(path, conditions=condition)
    call = synthesize(scenario, work / f"{path.parent.name}-{path.stem}-{condition}.wav",
                      cache_dir=work / "tts")
    events: list[Event] = []
    pipeline = Pipeline(load_pack(default_pack_path("zh")), has_caller=True,
                        call_time=scenario.call_time, sinks=[events.append])
    pipeline.control(CallAction.START)
    started = time.process_time()
    for block in open_call_file(call.path).blocks():
        pipeline.feed(block)
    pipeline.finish()
    cpu = time.process_time() - started
    spans = [(e.start, e.t) for e in events if isinstance(e, SpeechEnd) and e.channel is Channel.AGENT]
    scores = truth.scores(call, Channel.AGENT, spans)
    analyzer = pipeline.analyzers[Channel.AGENT]
    speaking = analyzer.pace.total_speaking_s  # the segments, the pauses inside utterances too
    audio, _ = sf.read(call.path, dtype="float32", always_2d=True)
    true_spm = truth.true_pace(call, Channel.AGENT) or float("nan")
    ours = 60.0 * analyzer.pace.total_syllables / max(speaking, 1e-9)
    praat = 60.0 * praat_syllables(audio[:, 0], spans) / max(speaking, 1e-9)
    return {"p": scores.precision, "r": scores.recall, "ours": ours / true_spm - 1,
            "praat": praat / true_spm - 1, "cpu": cpu / call.duration_s}


def floor_table(name: str, conditions: list[str], work: Path, cpu: list[float]) -> None:
    paths = sorted((NATURAL / name).glob("*.toml"))
    print(f"\n{name} set ({len(paths)} calls): own voice on the agent channel, "
          "agent pace error (ours | Praat)")
    print(f"{'condition':<11}{'precision':>10}{'recall':>8}{'pace median':>13}"
          f"{'worst':>8}{'Praat median':>14}{'worst':>8}")
    for condition in conditions:
        rows = [run(p, condition, work) for p in paths]
        cpu += [r["cpu"] for r in rows]
        ours, praat = [r["ours"] for r in rows], [r["praat"] for r in rows]
        print(f"{condition:<11}{statistics.mean(r['p'] for r in rows):>10.3f}"
              f"{statistics.mean(r['r'] for r in rows):>8.3f}"
              f"{100 * statistics.median(ours):>+12.1f}%{100 * max(ours, key=abs):>+7.1f}%"
              f"{100 * statistics.median(praat):>+13.1f}%{100 * max(praat, key=abs):>+7.1f}%",
              flush=True)


def tempo_table(sets: tuple[str, ...], work: Path, cpu: list[float]) -> None:
    print(f"\npace from 0.7x to 1.6x a normal rate (polite call; {', '.join(sets)}): "
          "error of ours | Praat")
    for condition in ("clean", "babble20", "babble10"):
        for tempo in TEMPOS:
            rows = [run(NATURAL / name / "polite_call.toml", condition, work, tempo)
                    for name in sets]
            cpu += [r["cpu"] for r in rows]
            print(f"{condition:<10}{tempo:>5.1f}x  " + "   ".join(
                f"{100 * r['ours']:+6.1f}% | {100 * r['praat']:+6.1f}%" for r in rows),
                flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="both", choices=("tuning", "held-out", "both"))
    parser.add_argument("--conditions", default=",".join(CONDITIONS))
    parser.add_argument("--no-floor", action="store_true", help="skip the floor conditions")
    parser.add_argument("--no-tempo", action="store_true", help="skip the 0.7x-1.6x sweep")
    args = parser.parse_args()
    sets = ("tuning", "held-out") if args.set == "both" else (args.set,)
    cpu: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if not args.no_floor:
            for name in sets:
                floor_table(name, args.conditions.split(","), work, cpu)
        if not args.no_tempo:
            tempo_table(sets, work, cpu)
    print(f"\nacoustic chain, two live channels: {100 * statistics.mean(cpu):.2f}% of one core "
          f"(worst call {100 * max(cpu):.2f}%; target <= 3%)")


if __name__ == "__main__":
    main()
