"""Drive ``CallCore`` step by step with the overlay's state as a sink, no Qt, no audio.

Builds on the conduct tests' ``ScriptedCall`` (the same timeline helpers) but keeps the
core alive between steps, so a test can look at the overlay state at any audio time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.conduct.rules.base import AgentProfile
from assistant.engine.call_core import CallCore
from assistant.ground.events import CallAction, Channel, Event
from assistant.ground.status import CallSetup
from assistant.overlay.state import OverlayState
from tests.unit.conduct.scripted_call import STEP, ScriptedCall


@dataclass
class OverlayCall(ScriptedCall):
    lang: str = "zh"
    agent: AgentProfile = AgentProfile("小王", "1024")
    state: OverlayState | None = None
    core: CallCore | None = None
    now: float = 0.0
    pending: list[Event] = field(default_factory=list)

    def begin(self, sink: Callable[[object], None] | None = None) -> OverlayState:
        """Start the call; events go to the new state, or to ``sink`` (a bridge) instead."""
        self.state = OverlayState(self.pack, agent=self.agent, lang=self.lang)
        sink = sink or self.state
        hearing = frozenset(Channel) if self.hearing else frozenset()
        sink(CallSetup(0.0, self.has_caller, hearing, self.call_time,
                       "assistant models install zh"))
        self.core = CallCore(
            self.pack, has_caller=self.has_caller,
            recognising={ch: self.hearing for ch in Channel},
            call_time=self.call_time, agent=self.agent,
            sinks=[self.events.append, sink],
        )
        if self.start:
            self.core.control(0.0, CallAction.START)
        self.pending = sorted(self.timeline, key=lambda e: e.t)
        return self.state

    def play_to(self, until: float) -> OverlayState:
        """Advance audio time to ``until`` in the pipeline's 100 ms steps."""
        if self.state is None:
            self.begin()
        while self.now < until - 1e-9:
            self.now = round(self.now + STEP, 6)
            while self.pending and self.pending[0].t <= self.now:
                self.core.observe(self.pending.pop(0))
            self.core.advance(self.now)
        return self.state

    def end(self, at: float) -> OverlayState:
        self.play_to(at)
        self.summary = self.core.finish(at)
        return self.state
