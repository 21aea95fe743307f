"""Run a scenario file's synthetic call through the real pipeline and check its findings.

The audio is real (espeak-ng speech mixed into a stereo call) and so are the VAD, level,
pace and the rules; only the recogniser is scripted from the scenario's own text, since
no Chinese or English model can be installed here (the Korean tests use the real one).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.conduct.pack import Pack, default_pack_path, load_pack
from assistant.engine.calls import Call, Hearing
from assistant.engine.pipeline import Pipeline
from assistant.ground.events import Channel, Event, PromptRaised
from assistant.ground.summary import Summary
from assistant.scenario.conditions import Conditions
from assistant.scenario.playback import call_blocks
from assistant.scenario.scenario_file import Scenario, load_scenario
from assistant.scenario.scripted import ScriptedRecogniser
from assistant.scenario.synth import SyntheticCall, synthesize

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
NATURAL_TUNING = sorted((SCENARIOS / "natural" / "tuning").glob("*.toml"))
NATURAL_HELD_OUT = sorted((SCENARIOS / "natural" / "held-out").glob("*.toml"))
"""Calls in the natural voice: detection is tuned on the first set and measured on both."""


@dataclass
class ScenarioRun:
    scenario: Scenario
    call: SyntheticCall
    summary: Summary
    events: list[Event]

    def raised(self, rule: str | None = None) -> list[PromptRaised]:
        return [e for e in self.events
                if isinstance(e, PromptRaised) and (rule is None or e.prompt.rule == rule)]

    def problems(self) -> list[str]:
        """How the run differs from what the scenario expects; empty when it matches."""
        out = []
        expect = self.scenario.expect
        for want in expect.prompts:
            times = [round(r.t, 1) for r in self.raised(want.rule)]
            lo, hi = want.at
            if not any(lo <= t <= hi for t in times):
                out.append(f"{want.rule}: expected a prompt in [{lo}, {hi}] s, got {times}")
        for rule in expect.absent:
            if times := [round(r.t, 1) for r in self.raised(rule)]:
                out.append(f"{rule}: expected no prompt, got {times}")
        findings = {f.rule: f for f in self.summary.findings}
        for rule, status in expect.findings.items():
            got = findings.get(rule)
            if got is None or got.status.value != status:
                out.append(f"{rule}: expected finding {status}, got "
                           f"{got.status.value if got else 'none'} ({got.detail if got else ''})")
        return out


def run_scenario(path: Path, work: Path, *, hearing: bool = True,
                 conditions: Conditions | str | None = None) -> ScenarioRun:
    """``conditions`` (a preset's name or :class:`Conditions`) replaces the file's own floor."""
    scenario = load_scenario(path, conditions=conditions)
    label = "" if conditions is None else "-" + scenario.conditions.label
    call = synthesize(scenario, work / f"{path.parent.name}-{path.stem}{label}.wav",
                      cache_dir=work / "tts-cache")
    pack = load_pack(default_pack_path(scenario.lang))
    recognisers = {
        ch: ScriptedRecogniser(call.turns, ch) for ch in (Channel.AGENT, Channel.CALLER)
    } if hearing else {}
    pipeline, events, summary = play_call(call, scenario, pack, recognisers)
    return ScenarioRun(scenario, call, summary, events)


def play_call(call: SyntheticCall, scenario: Scenario, pack: Pack, recognisers: dict, *,
              mode: str = "scripted") -> tuple[Pipeline, list[Event], Summary]:
    """A synthesised call through the pipeline from its start: the pipeline, every event
    it gave, and the call's summary. ``mode`` names what ``recognisers`` are."""
    events: list[Event] = []
    run = Call(pack, Hearing(recognisers, mode=mode), has_caller=True,
               call_time=scenario.call_time, sinks=[events.append])
    for block in call_blocks(call, run):
        run.feed(block)
    summary = run.finish()
    return run.pipeline, events, summary


def synthesize_folder(calls: dict[str, str], folder: Path, cache_dir: Path) -> None:
    """A folder of recordings: each relative path in ``calls`` is its scenario's call."""
    for name, scenario in calls.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        synthesize(load_scenario(SCENARIOS / f"{scenario}.toml"), path, cache_dir=cache_dir)
