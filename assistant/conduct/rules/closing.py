"""Call closing (第十一条(4)): recap and agree, thank the caller, let them hang up first."""

from __future__ import annotations

from assistant.conduct.rules.base import Rule, RuleHost, quote
from assistant.conduct.settings import RuleSettings
from assistant.conduct.settings_live import ClosingRecapRule as ClosingRecapSettings
from assistant.ground.events import (
    CallAction,
    CallControl,
    Channel,
    Event,
    Finding,
    Phase,
    PhaseChanged,
    PhraseHit,
    Status,
)

_RECAP_KINDS = frozenset({"recap", "agreement"})


class ClosingRecapRule(Rule):
    """When the agent starts to close, the key details must have been recapped."""

    id = "closing_recap"
    needs_recogniser = True
    settings: ClosingRecapSettings

    def __init__(self, settings: ClosingRecapSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.closed_at: float | None = None
        self.recap: PhraseHit | None = None

    def observe(self, event: Event) -> None:
        if isinstance(event, PhraseHit) and event.channel is Channel.AGENT \
                and event.kind in _RECAP_KINDS:
            self.recap = event
            self.resolve(event.t, f"heard “{event.phrase}”")
        elif isinstance(event, PhaseChanged) and event.phase is Phase.CLOSING \
                and self.closed_at is None:
            self.closed_at = event.t
            recent = self.state.heard(_RECAP_KINDS, since=event.t - self.settings.lookback_s)
            if recent is None and self.state.can_hear(Channel.AGENT):
                self.violate(event.t)
        elif isinstance(event, PhaseChanged) and event.phase is Phase.ENDED:
            self.resolve(event.t, "call ended")

    def finding(self, end: float) -> Finding:
        if not self.state.can_hear(Channel.AGENT):
            return self.make_finding(Status.NOT_CHECKED, "no speech recogniser running")
        if self.recap is not None and not self.violations:
            return self.make_finding(Status.MET, quote(self.recap), [self.recap.t])
        if self.recap is not None:
            return self.make_finding(Status.MISSED, f"late: {quote(self.recap)} after the prompt",
                                     self.violations)
        return self.make_finding(Status.MISSED, "no recap before closing",
                                 self.violations or [end])


class ClosingThanksRule(Rule):
    """Before the goodbye the caller is thanked for calling; prompt at the goodbye if not."""

    id = "closing_thanks"
    needs_recogniser = True

    def __init__(self, settings: RuleSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.thanks: PhraseHit | None = None

    def observe(self, event: Event) -> None:
        if not isinstance(event, PhraseHit) or event.channel is not Channel.AGENT:
            if isinstance(event, PhaseChanged) and event.phase is Phase.ENDED:
                self.resolve(event.t, "call ended")
            return
        if event.kind == "thanks" and self.state.phase is not Phase.GREETING:
            self.thanks = event
            self.resolve(event.t, f"heard “{event.phrase}”")
        elif event.kind == "farewell" and self.thanks is None and self.state.can_hear():
            self.violate(event.t)

    def finding(self, end: float) -> Finding:
        if not self.state.can_hear(Channel.AGENT):
            return self.make_finding(Status.NOT_CHECKED, "no speech recogniser running")
        if self.thanks is not None:
            return self.make_finding(Status.MET, quote(self.thanks), [self.thanks.t])
        return self.make_finding(Status.MISSED, "caller not thanked", self.violations or [end])


class CallerHangsUpFirstRule(Rule):
    """Only the softphone knows who hung up; without it the rule says "not checked"."""

    id = "caller_hangs_up_first"

    def __init__(self, settings: RuleSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.end: CallControl | None = None

    def observe(self, event: Event) -> None:
        if isinstance(event, CallControl) and event.action is CallAction.END and self.end is None:
            self.end = event
            if event.by is Channel.AGENT:
                self.violations.append(event.t)

    def finding(self, end: float) -> Finding:
        if self.end is None or self.end.by is None:
            return self.make_finding(Status.NOT_CHECKED,
                                     "needs the softphone's call-end event to know who hung up")
        if self.end.by is Channel.AGENT:
            return self.make_finding(Status.MISSED, "agent hung up first", [self.end.t])
        return self.make_finding(Status.MET, "caller hung up first", [self.end.t])
