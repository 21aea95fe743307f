"""The one pipeline, live and replay alike: blocks in, events out, in audio-time order.

    Block ─▶ ChannelAnalyzer (per channel) ─▶ observations ─▶ CallCore
             (PhraseMatcher ─▶ CallTracker ─▶ RuleEngine) ─▶ prompts ─▶ sinks

Sources differ (a file read as fast as the CPU allows, or live devices); the pipeline
does not care. Call events (softphone, hotkey) are stamped with the audio time of the
block they arrive in, so a recorded session replays to the same prompts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from assistant.audio.block import Block
from assistant.conduct.pack import Pack
from assistant.conduct.rules.base import AgentProfile
from assistant.engine.call_core import CallCore, Sink
from assistant.ground.events import SAMPLE_RATE, CallAction, Channel, Event
from assistant.ground.summary import Summary
from assistant.speech.analyzer import ChannelAnalyzer
from assistant.speech.ownvoice import OwnVoiceSettings
from assistant.speech.pace import PaceSettings
from assistant.speech.recogniser import Recogniser


class Pipeline:
    def __init__(
        self,
        pack: Pack,
        *,
        has_caller: bool,
        recognisers: Mapping[Channel, Recogniser | None] | None = None,
        call_time: datetime | None = None,
        agent: AgentProfile = AgentProfile(),
        sinks: Iterable[Sink] = (),
        auto_start: bool = False,
    ):
        recognisers = recognisers or {}
        self.core = CallCore(
            pack,
            has_caller=has_caller,
            recognising={ch: recognisers.get(ch) is not None for ch in Channel},
            call_time=call_time,
            agent=agent,
            sinks=sinks,
            auto_start=auto_start,
        )
        pace = PaceSettings(window_s=pack.acoustics.pace_window_s,
                            min_speech_s=pack.acoustics.pace_min_speech_s)
        channels = [Channel.AGENT, Channel.CALLER] if has_caller else [Channel.AGENT]
        self.analyzers = {
            ch: ChannelAnalyzer(ch, pace=pace, recogniser=recognisers.get(ch),
                                own_voice=OwnVoiceSettings() if ch is Channel.AGENT else None)
            for ch in channels
        }
        self.position = 0
        self._controls: list[tuple[CallAction, Channel | None]] = []
        self._scheduled: list[tuple[float, CallAction, Channel | None]] = []

    def add_sink(self, sink: Sink) -> None:
        """Hand every event from now on to ``sink`` too."""
        self.core.add_sink(sink)

    @property
    def now(self) -> float:
        return self.position / SAMPLE_RATE

    def control(self, action: CallAction, by: Channel | None = None) -> None:
        """Queue a call event; it takes effect at the start of the next block."""
        self._controls.append((action, by))

    def schedule(self, t: float | None, action: CallAction, by: Channel | None = None) -> None:
        """A call event known in advance (a recording's softphone log): it takes effect at
        the first block starting at or after audio time ``t``; ``None`` at the end."""
        self._scheduled.append((float("inf") if t is None else t, action, by))
        self._scheduled.sort(key=lambda c: c[0])

    def feed(self, block: Block) -> None:
        while self._scheduled and self._scheduled[0][0] <= block.start / SAMPLE_RATE:
            _, action, by = self._scheduled.pop(0)
            self._controls.append((action, by))
        self._apply_controls()
        caller: list[Event] = []
        reference = reference_voiced = None
        if (analyzer := self.analyzers.get(Channel.CALLER)) is not None \
                and block.caller is not None:
            caller = analyzer.process(block.caller, block.start)
            reference = analyzer.energies  # the agent's echo comes from these frames
            reference_voiced = analyzer.voiced
        agent = self.analyzers[Channel.AGENT].process(block.agent, block.start, reference,
                                                      reference_voiced)
        self.core.observe_all(agent + caller)
        self.position = block.end
        self.core.advance(self.now)

    def finish(self) -> Summary:
        """Flush the analysers, end the call if nobody did, and judge it."""
        self._controls += [(action, by) for _, action, by in self._scheduled]
        self._scheduled = []
        self._apply_controls()
        tail: list[Event] = []
        for analyzer in self.analyzers.values():
            tail.extend(analyzer.finish(self.position))
        self.core.observe_all(tail)
        return self.core.finish(self.now)

    def run(self, blocks: Iterable[Block]) -> Summary:
        for block in blocks:
            self.feed(block)
        return self.finish()

    def _apply_controls(self) -> None:
        controls, self._controls = self._controls, []
        for action, by in controls:
            self.core.control(self.now, action, by)
