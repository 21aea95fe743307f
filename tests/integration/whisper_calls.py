"""Scenario calls decoded by the real Whisper model, shared by the tests and the benchmark.

The model is the test extra's two PyPI parts, joined once per session into a private
folder; every call loads nothing more (the model is cached per process). In the tests a
call is decoded once per session (:class:`WhisperRuns`, the ``whisper_runs`` fixture),
whichever file asks for it first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.conduct.pack import Pack, default_pack_path, load_pack
from assistant.engine.assembly import build_recognisers
from assistant.ground.events import Event, PhraseHit, Transcript
from assistant.ground.summary import Summary
from assistant.scenario.scenario_file import Scenario, load_scenario
from assistant.scenario.synth import SyntheticCall, synthesize
from tests.integration.scenario_run import play_call

WHISPER_SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios" / "whisper"
PHRASE_RULES = ("greeting", "self_intro", "hold_permission", "hold_update", "hold_callback",
                "closing_recap", "closing_thanks", "forbidden_phrase")


@dataclass
class WhisperRun:
    scenario: Scenario
    call: SyntheticCall
    summary: Summary
    events: list[Event]
    recognisers: dict
    withheld: list = field(default_factory=list)
    """Prompts that came too late to show live (the after-call feedback names them)."""

    def findings(self) -> dict[str, str]:
        return {f.rule: f.status.value for f in self.summary.findings}

    def detail(self, rule: str) -> str:
        return next(f.detail for f in self.summary.findings if f.rule == rule)

    def text(self) -> str:
        return " | ".join(e.text for e in self.events if isinstance(e, Transcript))

    def hits(self, kind: str | None = None) -> list[PhraseHit]:
        return [e for e in self.events
                if isinstance(e, PhraseHit) and (kind is None or e.kind == kind)]

    def problems(self) -> list[str]:
        got = self.findings()
        return [f"{rule}: expected {want}, got {got.get(rule)} ({self.detail(rule)})"
                for rule, want in self.scenario.expect.findings.items() if got.get(rule) != want]


def both_channels(lang: str = "zh") -> Pack:
    """The default pack with the caller's channel transcribed too."""
    pack = load_pack(default_pack_path(lang))
    return pack.model_copy(update={"recognition": pack.recognition.model_copy(
        update={"channels": ("agent", "caller")})})


def run_whisper(path: Path, work: Path, model: Path, *, conditions: str = "clean",
                pack: Pack | None = None, live: bool = False) -> WhisperRun:
    """A scenario through the pipeline with Whisper. A call whose name says ``poor`` has
    the caller's channel recognised too: its silent lookup is only known to be a hold (not
    the caller looking for something) when the caller can be heard not asking to wait."""
    scenario = load_scenario(path, conditions=conditions)
    call = synthesize(scenario, work / f"{path.stem}-{conditions}.wav",
                      cache_dir=work / "tts-cache")
    pack = pack or load_pack(default_pack_path(scenario.lang))
    if "poor" in path.stem:
        pack = pack.model_copy(update={"recognition": pack.recognition.model_copy(
            update={"channels": ("agent", "caller")})})
    recognisers, notes = build_recognisers(pack, model_path=model, mode="whisper",
                                           has_caller=True, live=live)
    assert recognisers, notes
    pipeline, events, summary = play_call(call, scenario, pack, recognisers, mode="whisper")
    return WhisperRun(scenario, call, summary, events, recognisers,
                      list(pipeline.core.engine.withheld))


class WhisperRuns:
    """Each (scenario, conditions, channels) decoded once: decoding is the slow part, and
    several test files judge the same call (the polite call's phrases, its courtesy, its
    complaints). Runs are read, never changed, by the tests that share them."""

    def __init__(self, work: Path, model: Path):
        self.work = work
        self.model = model
        self._runs: dict[tuple[Path, str, bool], WhisperRun] = {}

    def get(self, path: Path, conditions: str = "clean", *,
            both: bool = False) -> WhisperRun:
        """``path`` decoded under ``conditions``; ``both``: the caller transcribed too."""
        key = (path.resolve(), conditions, both)
        if key not in self._runs:
            lang = load_scenario(path).lang
            self._runs[key] = run_whisper(path, self.work, self.model, conditions=conditions,
                                          pack=both_channels(lang) if both else None)
        return self._runs[key]
