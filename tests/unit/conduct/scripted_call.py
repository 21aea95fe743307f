"""Drive ``CallCore`` with a scripted timeline of observations, no audio involved.

A fake at the analysis boundary: the tests here isolate the call logic; the scenario
tests run the same rules on real synthesised audio.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from assistant.conduct.pack import Pack, default_pack_path, load_pack
from assistant.engine.call_core import CallCore
from assistant.ground.events import (
    CallAction,
    CallControl,
    Channel,
    Event,
    LevelReading,
    PaceReading,
    PromptRaised,
    PromptResolved,
    SpeechEnd,
    SpeechStart,
    Transcript,
)
from assistant.ground.summary import Summary

STEP = 0.1
GOOD_OPENING = "下午好，我是小王，工号一二三四，很高兴为您服务"
RECOGNISER_DELAY = 0.4


def pack_for(language: str = "zh", **rule_overrides: dict) -> Pack:
    pack = load_pack(default_pack_path(language))
    if not rule_overrides:
        return pack
    rules = pack.rules.model_copy(update={
        rule: pack.rule(rule).model_copy(update=values) for rule, values in rule_overrides.items()
    })
    return pack.model_copy(update={"rules": rules})


@dataclass
class ScriptedCall:
    pack: Pack = field(default_factory=pack_for)
    has_caller: bool = True
    hearing: bool = True
    hearing_caller: bool | None = None
    call_time: datetime | None = datetime(2026, 11, 25, 14, 30)
    start: bool = True
    timeline: list[Event] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def turn(self, who: str, t0: float, t1: float, text: str | None = None) -> ScriptedCall:
        channel = Channel(who)
        self.timeline += [SpeechStart(channel, t0), SpeechEnd(channel, t1, t0)]
        if text is not None:
            self.timeline.append(Transcript(channel, t1 + RECOGNISER_DELAY, text))
        return self

    def control(self, t: float, action: str, by: str | None = None) -> ScriptedCall:
        self.timeline.append(CallControl(t, CallAction(action), Channel(by) if by else None))
        return self

    def pace(self, who: str, t: float, spm: float, speaking_s: float = 30.0) -> ScriptedCall:
        self.timeline.append(PaceReading(Channel(who), t, spm, spm, 0, speaking_s))
        return self

    def level(self, t0: float, t1: float, dbfs: float, clipped: bool = False) -> ScriptedCall:
        steps = round((t1 - t0) / STEP)
        self.timeline += [
            LevelReading(Channel.AGENT, t0 + i * STEP, dbfs, dbfs + 10, clipped, True)
            for i in range(steps)
        ]
        return self

    def run(self, until: float) -> Summary:
        core = CallCore(
            self.pack,
            has_caller=self.has_caller,
            recognising={Channel.AGENT: self.hearing,
                         Channel.CALLER: self.hearing if self.hearing_caller is None
                         else self.hearing_caller},
            call_time=self.call_time,
            sinks=[self.events.append],
        )
        if self.start:
            core.control(0.0, CallAction.START)
        pending = sorted(self.timeline, key=lambda e: e.t)
        t = 0.0
        while t < until - 1e-9:
            t = round(t + STEP, 6)
            while pending and pending[0].t <= t:
                core.observe(pending.pop(0))
            core.advance(t)
        self.core_state = core.state
        self.withheld = core.engine.withheld
        self.summary = core.finish(until)
        return self.summary

    def raised(self, rule: str | None = None) -> list[PromptRaised]:
        return [e for e in self.events
                if isinstance(e, PromptRaised) and (rule is None or e.prompt.rule == rule)]

    def resolved(self, rule: str) -> list[PromptResolved]:
        return [e for e in self.events if isinstance(e, PromptResolved) and e.rule == rule]

    def finding(self, rule: str) -> str:
        return next(f.status.value for f in self.summary.findings if f.rule == rule)
