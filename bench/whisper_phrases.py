"""Phrase-check precision and recall on real recognisers: Whisper (zh, en) and vosk-ko.

    python3 bench/whisper_phrases.py [--set tuning|held-out|all]
                                     [--conditions clean,telephone,babble20,babble10]
                                     [--bias default,off,hotwords,prompt] [--window fit|full]
                                     [--all-tokens]
                                     [--korean]

Ground truth comes from the scenario itself: each agent turn's written text is matched
exactly against the pack's phrase lists, giving the (turn, kind) pairs that were said. A
hit from the recogniser counts for the turn whose time it falls in (0.5 s of slack); a hit
outside every agent turn, or of a kind the turn does not hold, is a false hit (a phrase
heard in babble, a homophone of another phrase). Prints, per set, condition and bias:
hit precision and recall, false hits per call, how many phrase-rule verdicts matched
the scenario's expectations, and the phrase latency from the end of the words to the
transcript that carried them (p50/p95 per language: the live latency when the decoder keeps
up). ``--korean`` does the same for the vosk Korean model (grammar mode, espeak calls). The tuning set is tests/scenarios/whisper/*.toml; the
held-out set (other texts, voices, tempi, seeds, babble texts) is .../held-out/*.toml.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import assistant  # noqa: E402,F401  (the app's process settings, made before numpy loads)
import numpy as np  # noqa: E402

from assistant.conduct.pack import default_pack_path, load_pack
from assistant.conduct.phrases import PhraseMatcher
from assistant.ground.events import Channel, PhraseHit, Transcript

SETS = {"tuning": ROOT / "tests/scenarios/whisper",
        "held-out": ROOT / "tests/scenarios/whisper/held-out"}
SLACK_S = 0.5


def truth(call, pack) -> set[tuple[int, str]]:
    matcher = PhraseMatcher(pack.phrases, pack.language, pack.matching, pack.wording)
    said = set()
    for i, turn in enumerate(call.turns):
        if turn.who is Channel.AGENT:
            for hit in matcher.match(Transcript(Channel.AGENT, turn.t1, turn.text,
                                                grammar=True)):
                said.add((i, hit.kind))
    return said


def heard(call, events) -> tuple[set[tuple[int, str]], int]:
    found, outside = set(), 0
    agent_turns = [(i, t) for i, t in enumerate(call.turns) if t.who is Channel.AGENT]
    for e in events:
        if isinstance(e, PhraseHit) and e.channel is Channel.AGENT:
            turn = next((i for i, t in agent_turns
                         if t.t0 - SLACK_S <= e.t <= t.t1 + SLACK_S), None)
            if turn is None:
                outside += 1
            else:
                found.add((turn, e.kind))
    return found, outside


def explain(runs) -> None:
    """Per call: verdicts that differ, phrases missed and false hits (``--verbose``)."""
    for run, pack in runs:
        said = truth(run.call, pack)
        got, _ = heard(run.call, run.events)
        print(f"  {run.scenario.name}: {run.problems() or 'verdicts as expected'}")
        for turn, kind in sorted(said - got):
            print(f"    missed {kind} in “{run.call.turns[turn].text}”")
        for turn, kind in sorted(got - said):
            print(f"    false {kind} in “{run.call.turns[turn].text}”")
        print(f"    heard: {run.text()}")


def latencies(events) -> list[float]:
    """Audio time from the end of each agent phrase's words to the transcript that carried
    it (a file is decoded as live would be when the decoder keeps up: the same delivery
    times, so this is the live latency on a machine fast enough)."""
    out, delivered = [], None
    for e in events:
        if isinstance(e, Transcript) and e.channel is Channel.AGENT:
            delivered = e.t
        elif isinstance(e, PhraseHit) and e.channel is Channel.AGENT and delivered is not None:
            out.append(delivered - e.t)
    return out


def score(runs) -> str:
    tp = fp = fn = outside = verdicts = agree = 0
    waited: dict[str, list[float]] = {}
    for run, pack in runs:
        waited.setdefault(pack.language, []).extend(latencies(run.events))
        said = truth(run.call, pack)
        got, out = heard(run.call, run.events)
        tp += len(said & got)
        fp += len(got - said) + out
        fn += len(said - got)
        outside += out
        findings = run.findings()
        for rule, want in run.scenario.expect.findings.items():
            verdicts += 1
            agree += findings.get(rule) == want
    address = _address_forms(runs)
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    late = ""
    for language, times in sorted(waited.items(), reverse=True):
        if times:
            p50, p95 = np.percentile(times, [50, 95])
            late += (f"  latency {language} p50 {p50:.2f} s p95 {p95:.2f} s ({len(times)} hits, "
                     f"{sum(x > 1.5 for x in times)} over 1.5 s)")
    return (f"precision {precision:.3f}  recall {recall:.3f}  (hits {tp}, false {fp} of which "
            f"{outside} outside the agent's turns, missed {fn}; {fp / max(len(runs), 1):.1f} "
            f"false per call)  verdicts {agree}/{verdicts}{address}{late}")


def _address_forms(runs) -> str:
    """Mandarin: 你 and 您 the agents said and the ones Whisper wrote (a hint can turn 你
    into 您, which would hide a 第四条 polite-address miss), and that rule's verdicts."""
    said = {"你": 0, "您": 0}
    heard = {"你": 0, "您": 0}
    polite = []
    for run, pack in runs:
        if pack.language != "zh":
            continue
        for turn in run.call.turns:
            if turn.who is Channel.AGENT:
                for form in said:
                    said[form] += turn.text.count(form)
        for e in run.events:
            if isinstance(e, Transcript) and e.channel is Channel.AGENT:
                for form in heard:
                    heard[form] += e.text.count(form)
        polite.append(run.findings().get("polite_address", "-"))
    if not polite:
        return ""
    return (f"  你/您 said {said['你']}/{said['您']} heard {heard['你']}/{heard['您']}, "
            f"polite_address {','.join(polite)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["tuning", "held-out", "all"], default="all")
    parser.add_argument("--conditions", default="clean,telephone,babble20")
    parser.add_argument("--bias", default="default")
    parser.add_argument("--window", choices=["fit", "full"], default=None,
                        help="Whisper's encoder window for every call: the segment's length "
                             "(fit) or 30 s (default: each language's, see whisper.AGENT_WINDOWS)")
    parser.add_argument("--calls", default="*",
                        help="which calls of each set, a file-name pattern (zh_*: Mandarin)")
    parser.add_argument("--all-tokens", action="store_true",
                        help="Mandarin through the int8 copy with every token, not the "
                             "Mandarin copy the app loads (side by side: run it both ways)")
    parser.add_argument("--korean", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if args.all_tokens:
        from assistant.speech import whisper_int8

        whisper_int8.mandarin_path = lambda model: None
    from assistant.speech.whisper_model import find_whisper
    from tests.integration.whisper_calls import run_whisper

    from assistant.speech import whisper_decode

    if args.window:
        from assistant.speech import whisper

        whisper_decode.DEFAULT_WINDOW = args.window
        whisper.AGENT_WINDOWS.clear()
    model = find_whisper()
    work = Path(tempfile.mkdtemp())
    sets = list(SETS) if args.set == "all" else [args.set]
    for name in sets:
        files = sorted(SETS[name].glob(f"{args.calls}.toml"))
        for conditions in args.conditions.split(","):
            for bias in args.bias.split(","):
                runs, began = [], time.perf_counter()
                for path in files:
                    lang = "zh" if path.name.startswith("zh") else "en"
                    pack = load_pack(default_pack_path(lang))
                    if bias != "default":  # default: each pack's own ([recognition] bias)
                        pack = pack.model_copy(update={"recognition": pack.recognition.model_copy(
                            update={"bias": bias})})
                    runs.append((run_whisper(path, work, model, conditions=conditions,
                                             pack=pack), pack))
                print(f"whisper {args.window or 'default'} {name:<8} {conditions:<9} bias {bias:<8} {len(runs)} calls: "
                      f"{score(runs)}  decoding {decoding_s(runs):.1f} CPU s  "
                      f"[{time.perf_counter() - began:.0f} s]", flush=True)
                if args.verbose:
                    explain(runs)
    if args.korean:
        korean(work)


def decoding_s(runs) -> float:
    """CPU seconds the calls' Whisper recognisers spent decoding."""
    return sum(sum(rec.stats.decode_s) for run, _ in runs
               for rec in run.recognisers.values() if hasattr(rec, "stats"))


def korean(work: Path) -> None:
    """vosk-ko (grammar) on the Korean espeak call, the same measure."""
    from assistant.engine.assembly import build_recognisers
    from assistant.engine.pipeline import Pipeline
    from assistant.ground.events import CallAction
    from assistant.scenario.playback import call_blocks
    from assistant.scenario.scenario_file import load_scenario
    from assistant.scenario.synth import synthesize
    from tests.integration.whisper_calls import WhisperRun

    runs = []
    for path in sorted((ROOT / "tests/scenarios").glob("ko_*.toml")):
        scenario = load_scenario(path)
        call = synthesize(scenario, work / f"{path.stem}.wav", cache_dir=work / "tts")
        pack = load_pack(default_pack_path("ko"))
        recognisers, _ = build_recognisers(pack, model_path=None, mode="grammar",
                                               has_caller=True)
        events: list = []
        pipeline = Pipeline(pack, has_caller=True, recognisers=recognisers,
                            call_time=scenario.call_time, sinks=[events.append])
        pipeline.control(CallAction.START)
        for block in call_blocks(call, pipeline):
            pipeline.feed(block)
        runs.append((WhisperRun(scenario, call, pipeline.finish(), events, recognisers), pack))
    print(f"vosk-ko  grammar  clean  {len(runs)} calls: {score(runs)}")


if __name__ == "__main__":
    main()
