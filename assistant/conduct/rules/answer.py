"""Answer within three rings (第十一条(1), ``kf-11.1``): only when the softphone says it rang.

A softphone hook sends ``ring`` when the phone starts ringing and ``start`` when the agent
answers (`assistant call ring`, `assistant call start`). While it rings past the limit a
prompt says so; answering resolves it and a late answer counts as missed. Without a
``ring`` the rule does not apply: nothing in the audio tells when the phone rang.

A pack may leave ``[rules.answer_within_rings]`` out: the rule then runs with its defaults.
"""

from __future__ import annotations

from assistant.conduct.rules.base import Rule, RuleHost
from assistant.conduct.settings_live import AnswerWithinRingsRule as AnswerWithinRingsRuleSettings
from assistant.ground.events import (
    CallAction,
    CallControl,
    Event,
    Finding,
    Phase,
    PhaseChanged,
    Status,
    Tick,
)

AnswerWithinRingsSettings = AnswerWithinRingsRuleSettings


class AnswerWithinRingsRule(Rule):
    id = "answer_within_rings"

    def __init__(self, settings: AnswerWithinRingsSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.ringing_since: float | None = None
        self.rang = 0

    settings: AnswerWithinRingsSettings

    @property
    def limit_s(self) -> float:
        return self.settings.limit_s

    def observe(self, event: Event) -> None:
        if isinstance(event, CallControl):
            if event.action is CallAction.RING and self.ringing_since is None:
                self.ringing_since = event.t
                self.rang += 1
            elif event.action is CallAction.START:
                self._answered(event.t)
            elif event.action is CallAction.END:
                self._stop(event.t, "the caller gave up")
        elif isinstance(event, PhaseChanged) and event.phase is Phase.GREETING:
            self._answered(event.t)  # answered without a `start` (the call began by voice)
        elif isinstance(event, Tick) and self.ringing_since is not None:
            waited = event.t - self.ringing_since
            if waited >= self.limit_s and not self.active:
                self.prompt(event.t, rings=self.settings.rings,
                            waited_s=round(waited))

    def _answered(self, t: float) -> None:
        if self.ringing_since is None:
            return
        if t - self.ringing_since > self.limit_s:
            self.violate(t, prompt=False)
        self._stop(t, "answered")

    def _stop(self, t: float, reason: str) -> None:
        self.ringing_since = None
        self.resolve(t, reason)

    def finding(self, end: float) -> Finding:
        if not self.rang:
            return self.make_finding(Status.NOT_APPLICABLE, "the softphone reported no ringing")
        return super().finding(end)
