"""Outbound calls (第十一条(1), ``kf-11.1``): hang up an unanswered call only after six rings.

A softphone hook sends ``dial`` when the agent places a call and it rings at the other end
(`assistant call dial`), ``start`` when it is answered and ``end`` when it is given up.
The agent ending it (``end --by agent``), unanswered, sooner than six ring cycles after
``dial`` is a miss; ringing six cycles is met; a short unanswered call whose ``end`` does not
say who ended it is not checked. Answered, refused by the other side (``end --by caller``) or never dialled:
the clause asks nothing (not needed). After the call only: the agent cannot be told in
advance when the other side will pick up, so a live prompt would only nag.
"""

from __future__ import annotations

from assistant.conduct.rules.base import Rule, RuleHost
from assistant.conduct.settings_words import OutboundRingsRule as OutboundRingsSettings
from assistant.ground.events import CallAction, CallControl, Channel, Event, Finding, Status


class OutboundRingsRule(Rule):
    id = "outbound_rings"
    settings: OutboundRingsSettings

    def __init__(self, settings: OutboundRingsSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.dialled_at: float | None = None
        self.gave_up: list[float] = []
        self.waited_out = 0
        self.unknown_end = 0

    @property
    def limit_s(self) -> float:
        return self.settings.rings * self.pack.rules.answer_within_rings.ring_s

    def observe(self, event: Event) -> None:
        if not isinstance(event, CallControl):
            return
        if event.action is CallAction.DIAL:
            self.dialled_at = event.t
        elif event.action is CallAction.START:
            self.dialled_at = None
        elif event.action is CallAction.END and self.dialled_at is not None:
            waited = event.t - self.dialled_at
            self.dialled_at = None
            if waited >= self.limit_s:
                self.waited_out += 1
            elif event.by is None:
                self.unknown_end += 1
            elif event.by is Channel.AGENT:
                self.gave_up.append(waited)
                self.violate(event.t, prompt=False)

    def finding(self, end: float) -> Finding:
        if self.gave_up:
            waited = "、".join(f"{w:.0f}" for w in self.gave_up)
            return self.make_finding(Status.MISSED, f"hung up unanswered after {waited} s "
                                     f"(limit {self.limit_s:.0f} s)", self.violations)
        if self.unknown_end:
            return self.make_finding(Status.NOT_CHECKED, "needs the softphone's call-end event "
                                     "to know who hung up")
        if self.waited_out:
            return self.make_finding(Status.MET)
        return self.make_finding(Status.NOT_APPLICABLE, "no unanswered outbound call")
