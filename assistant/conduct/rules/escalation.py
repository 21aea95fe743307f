"""Escalating a caller still dissatisfied (第十三条(3) 如果客户不满意，及时将情况告知管理人员,
``kf-13.3``).

A dissatisfaction phrase on the caller's channel (``phrases.dissatisfied``: 我不满意,
还是没解决, 叫你们领导来 …) at the close — in the closing phase or the call's last
``closing_s`` — asks the agent to say the matter goes to a supervisor
(``phrases.escalation``: 反馈给我们的主管, 上报给, 值班经理 …) before the call ends. Heard
in the closing phase it raises a live prompt, resolved by the offer; after the call, an
offer never made is missed, the caller's words quoted. Needs the caller's words.
"""

from __future__ import annotations

from assistant.conduct.rules.base import Rule, RuleHost, quote, quotes
from assistant.conduct.rules.sentences import Sentences
from assistant.conduct.settings_turns import EscalationRule as EscalationSettings
from assistant.ground.events import (
    Channel,
    Event,
    Finding,
    Phase,
    PhaseChanged,
    PhraseHit,
    Status,
    Tick,
)


class EscalationRule(Rule):
    id = "escalation"
    needs_recogniser = True
    settings: EscalationSettings

    def __init__(self, settings: EscalationSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.dissatisfied: list[PhraseHit] = []
        self.offers: list[PhraseHit] = []
        self.closing_since: float | None = None
        self.sentences = Sentences()
        self.shown_at: float | None = None

    def observe(self, event: Event) -> None:
        self.sentences.observe(event)
        if isinstance(event, PhaseChanged) and event.phase is Phase.CLOSING \
                and self.closing_since is None:
            self.closing_since = event.t
        elif isinstance(event, PhraseHit) and event.channel is Channel.CALLER \
                and event.kind == "dissatisfied":
            self.dissatisfied.append(event)
            if self.state.phase is Phase.CLOSING:
                self.prompt(event.t, heard=event.heard or event.phrase)
                if self.active:
                    self.shown_at = event.t
        elif isinstance(event, PhraseHit) and event.channel is Channel.AGENT \
                and event.kind == "escalation":
            self.offers.append(event)
            self.shown_at = None
            self.resolve(event.t, f"heard “{event.phrase}”")
        elif isinstance(event, Tick) and self.shown_at is not None \
                and event.t - self.shown_at >= self.settings.show_s:
            self.shown_at = None
            self.resolve(event.t, "shown")

    def finding(self, end: float) -> Finding:
        if not self.state.can_hear(Channel.AGENT):
            return self.make_finding(Status.NOT_CHECKED, "no speech recogniser running")
        if not self.state.has_caller or not self.state.can_hear(Channel.CALLER):
            return self.make_finding(Status.NOT_CHECKED, "the caller's words are not recognised")
        close = end - self.settings.closing_s
        if self.closing_since is not None:
            close = min(close, self.closing_since)
        at_close = [hit for hit in self.dissatisfied if hit.t >= close]
        if not at_close:
            return self.make_finding(Status.NOT_APPLICABLE,
                                     "the caller was not dissatisfied at the close")
        offers = [hit for hit in self.offers if hit.t > at_close[0].t]
        if offers:
            return self.make_finding(Status.MET, quote(offers[0]), [offers[0].t])
        heard = quotes(self.sentences.quote(hit) for hit in at_close)
        return self.make_finding(Status.MISSED, f"no supervisor offered after: {heard}",
                                 [hit.t for hit in at_close])
