"""The one pipeline, live and replay alike: blocks in, events out, in audio-time order.

    Block ─▶ ChannelAnalyzer (per channel) ─▶ observations ─▶ PhraseMatcher ─▶ CallTracker
          ─▶ RuleEngine ─▶ prompts ─▶ sinks

Sources differ (a file read as fast as the CPU allows, or live devices); the pipeline
does not care. Call events (softphone, hotkey) are stamped with the audio time of the
block they arrive in, so a recorded session replays to the same prompts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from assistant.audio.block import Block
from assistant.call.tracker import CallState, CallTracker, TrackerSettings
from assistant.conduct.engine import RuleEngine
from assistant.conduct.pack import Pack
from assistant.conduct.phrases import PhraseMatcher
from assistant.conduct.rules.base import AgentProfile
from assistant.core.events import (
    SAMPLE_RATE,
    CallAction,
    CallControl,
    Channel,
    Event,
    Finding,
    PaceReading,
    Prompt,
    PromptRaised,
    PromptResolved,
    Tick,
    Transcript,
)
from assistant.speech.analyzer import ChannelAnalyzer
from assistant.speech.pace import PaceSettings

Sink = Callable[[Event], None]


@dataclass
class PromptRecord:
    prompt: Prompt
    resolved_t: float | None = None
    resolution: str = ""


@dataclass
class Summary:
    duration_s: float
    has_caller: bool
    recognising: dict[Channel, bool]
    pace: dict[Channel, float | None]
    findings: list[Finding]
    prompts: list[PromptRecord] = field(default_factory=list)


class Pipeline:
    def __init__(
        self,
        pack: Pack,
        *,
        has_caller: bool,
        recognisers: dict[Channel, object] | None = None,
        call_time: datetime | None = None,
        agent: AgentProfile = AgentProfile(),
        sinks: Iterable[Sink] = (),
        auto_start: bool = False,
    ):
        recognisers = recognisers or {}
        self.pack = pack
        self.state = CallState(
            call_time=call_time,
            has_caller=has_caller,
            recognising={ch: recognisers.get(ch) is not None for ch in Channel},
        )
        pace = PaceSettings(window_s=pack.acoustics.pace_window_s,
                            min_speech_s=pack.acoustics.pace_min_speech_s)
        channels = [Channel.AGENT, Channel.CALLER] if has_caller else [Channel.AGENT]
        self.analyzers = {
            ch: ChannelAnalyzer(ch, pace=pace, recogniser=recognisers.get(ch)) for ch in channels
        }
        self.matcher = PhraseMatcher(pack.phrases, pack.language)
        self.tracker = CallTracker(
            self.state,
            TrackerSettings(hold_silence_s=pack.rules.hold_update.silence_s, auto_start=auto_start),
        )
        self.engine = RuleEngine(pack, self.state, agent)
        self.sinks: list[Sink] = list(sinks)
        self.position = 0
        self._controls: list[tuple[CallAction, Channel | None]] = []
        self._pace: dict[Channel, PaceReading] = {}
        self._prompts: list[PromptRecord] = []
        self._open: dict[str, PromptRecord] = {}

    @property
    def now(self) -> float:
        return self.position / SAMPLE_RATE

    def control(self, action: CallAction, by: Channel | None = None) -> None:
        """Queue a call event; it takes effect at the start of the next block."""
        self._controls.append((action, by))

    def feed(self, block: Block) -> None:
        self._apply_controls()
        observations: list[Event] = []
        for channel, analyzer in self.analyzers.items():
            samples = block.agent if channel is Channel.AGENT else block.caller
            if samples is not None:
                observations.extend(analyzer.process(samples, block.start))
        for event in sorted(observations, key=lambda e: e.t):
            self._dispatch(event)
        self.position = block.end
        self._dispatch(Tick(self.now))

    def finish(self) -> Summary:
        """Flush the analysers, end the call if nobody did, and judge it."""
        self._apply_controls()
        tail: list[Event] = []
        for analyzer in self.analyzers.values():
            tail.extend(analyzer.finish(self.position))
        for event in sorted(tail, key=lambda e: e.t):
            self._dispatch(event)
        self._dispatch(Tick(self.now))
        self._dispatch(CallControl(self.now, CallAction.END, None))
        resolved, findings = self.engine.finish(self.now)
        for event in resolved:
            self._emit(event)
        return Summary(
            duration_s=round(self.now, 3),
            has_caller=self.state.has_caller,
            recognising=dict(self.state.recognising),
            pace={ch: (r.call_spm if (r := self._pace.get(ch)) else None) for ch in Channel},
            findings=findings,
            prompts=self._prompts,
        )

    def run(self, blocks: Iterable[Block]) -> Summary:
        for block in blocks:
            self.feed(block)
        return self.finish()

    def _apply_controls(self) -> None:
        controls, self._controls = self._controls, []
        for action, by in controls:
            self._dispatch(CallControl(self.now, action, by))

    def _dispatch(self, event: Event) -> None:
        self._emit(event)
        if isinstance(event, Transcript):
            for hit in self.matcher.match(event):
                self._dispatch(hit)
        elif isinstance(event, PaceReading):
            self._pace[event.channel] = event
        changes = self.tracker.observe(event)
        for out in self.engine.observe(event):
            self._emit(out)
        for change in changes:
            self._dispatch(change)

    def _emit(self, event: Event) -> None:
        if isinstance(event, PromptRaised):
            record = PromptRecord(event.prompt)
            self._prompts.append(record)
            if (previous := self._open.get(event.prompt.rule)) is not None:
                previous.resolved_t, previous.resolution = event.t, "superseded"
            self._open[event.prompt.rule] = record
        elif isinstance(event, PromptResolved) and (record := self._open.pop(event.rule, None)):
            record.resolved_t, record.resolution = event.t, event.reason
        for sink in self.sinks:
            sink(event)
