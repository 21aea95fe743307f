"""The call's logic without audio: observations in, phases and prompts out.

``CallCore`` is what both the audio pipeline and the tests drive: it matches phrases in
transcripts, keeps the call tracker's state current, runs the rule engine and hands every
event to the sinks, in audio-time order. It never looks at the wall clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from assistant.call.tracker import CallState, CallTracker, TrackerSettings
from assistant.conduct.engine import RuleEngine
from assistant.conduct.pack import Pack
from assistant.conduct.phrases import PhraseMatcher
from assistant.conduct.rules.base import AgentProfile
from assistant.ground.events import (
    CallAction,
    CallControl,
    CallJudged,
    Channel,
    Event,
    PaceReading,
    Phase,
    PromptRaised,
    PromptResolved,
    Tick,
    Transcript,
)
from assistant.ground.summary import PromptRecord, Summary

Sink = Callable[[Event], None]


class CallCore:
    def __init__(
        self,
        pack: Pack,
        *,
        has_caller: bool,
        recognising: dict[Channel, bool] | None = None,
        call_time: datetime | None = None,
        agent: AgentProfile = AgentProfile(),
        sinks: Iterable[Sink] = (),
        auto_start: bool = False,
    ):
        self.pack = pack
        self.state = CallState(
            call_time=call_time,
            has_caller=has_caller,
            recognising={ch: bool((recognising or {}).get(ch)) for ch in Channel},
        )
        self.matcher = PhraseMatcher(pack.phrases, pack.language, pack.matching, pack.wording)
        self.tracker = CallTracker(
            self.state,
            TrackerSettings(hold_silence_s=pack.rules.hold_update.silence_s,
                            lookup_lookback_s=pack.rules.hold_permission.lookback_s,
                            auto_start=auto_start),
        )
        self.engine = RuleEngine(pack, self.state, agent)
        self.sinks: list[Sink] = list(sinks)
        self._pace: dict[Channel, PaceReading] = {}
        self._prompts: list[PromptRecord] = []
        self._open: dict[str, PromptRecord] = {}

    def add_sink(self, sink: Sink) -> None:
        """Hand every event from now on to ``sink`` too."""
        self.sinks.append(sink)

    def observe_all(self, events: Iterable[Event]) -> None:
        for event in sorted(events, key=lambda e: e.t):
            self.observe(event)

    def observe(self, event: Event) -> None:
        self._emit(event)
        if isinstance(event, Transcript):
            for hit in self.matcher.match(event):
                self.observe(hit)
        elif isinstance(event, PaceReading):
            self._pace[event.channel] = event
        changes = self.tracker.observe(event)
        for out in self.engine.observe(event):
            self._emit(out)
        for change in changes:
            self.observe(change)

    def advance(self, t: float) -> None:
        """Audio time reached ``t``: timers fire."""
        self.observe(Tick(t))

    def control(self, t: float, action: CallAction, by: Channel | None = None) -> None:
        self.observe(CallControl(t, action, by))

    def finish(self, t: float) -> Summary:
        """End the call at ``t`` if nobody did, resolve what is up, and judge the call."""
        self.advance(t)
        if self.state.phase is not Phase.ENDED:
            self.control(t, CallAction.END)
        resolved, findings = self.engine.finish(t)
        for event in resolved:
            self._emit(event)
        self._emit(CallJudged(round(t, 3), tuple(findings)))
        return Summary(
            duration_s=round(t, 3),
            has_caller=self.state.has_caller,
            recognising=dict(self.state.recognising),
            pace={ch: (r.call_spm if (r := self._pace.get(ch)) else None) for ch in Channel},
            findings=findings,
            prompts=self._prompts,
        )

    def _emit(self, event: Event) -> None:
        if isinstance(event, PromptRaised):
            record = PromptRecord(event.prompt)
            self._prompts.append(record)
            if (previous := self._open.get(event.prompt.rule)) is not None:
                previous.resolved_t, previous.resolution = event.t, "superseded"
            self._open[event.prompt.rule] = record
        elif isinstance(event, PromptResolved) and event.rule in self._open:
            record = self._open.pop(event.rule)
            record.resolved_t, record.resolution = event.t, event.reason
        for sink in self.sinks:
            sink(event)
