"""Jargon (第十三条(2) 避免过多地使用行业术语, ``kf-13.2``): industry terms per minute.

The pack lists the terms a caller would not know (``phrases.jargon``: 工单, 鉴权, 割接 …);
the agent's rate is the terms heard over the agent's speaking time (own-voice segments),
counted as at least ``min_minutes`` so one term in a short call is not "too many". After
the call only, the terms quoted.
"""

from __future__ import annotations

from assistant.conduct.rules.base import Rule, RuleHost, quote, quotes
from assistant.conduct.settings_turns import JargonRule as JargonSettings
from assistant.ground.events import Channel, Event, Finding, PhraseHit, SpeechEnd, Status


class JargonRule(Rule):
    id = "jargon"
    needs_recogniser = True
    settings: JargonSettings

    def __init__(self, settings: JargonSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.terms: list[PhraseHit] = []
        self.speaking_s = 0.0

    def observe(self, event: Event) -> None:
        if isinstance(event, SpeechEnd) and event.channel is Channel.AGENT:
            self.speaking_s += event.duration
        elif isinstance(event, PhraseHit) and event.channel is Channel.AGENT \
                and event.kind == "jargon":
            self.terms.append(event)

    def per_minute(self) -> float:
        return len(self.terms) / max(self.speaking_s / 60, self.settings.min_minutes)

    def finding(self, end: float) -> Finding:
        if not self.state.can_hear(Channel.AGENT):
            return self.make_finding(Status.NOT_CHECKED, "no speech recogniser running")
        if not self.pack.phrases.jargon:
            return self.make_finding(Status.NOT_CHECKED, "the pack lists no jargon")
        if self.speaking_s <= 0:
            return self.make_finding(Status.NOT_APPLICABLE, "no words of the agent's were heard")
        detail = f"{len(self.terms)} term(s) in {self.speaking_s / 60:.1f} min of speech"
        if self.terms:
            detail += ": " + quotes(quote(hit) for hit in self.terms)
        if self.per_minute() > self.settings.max_per_min:
            return self.make_finding(Status.MISSED, detail, [hit.t for hit in self.terms])
        return self.make_finding(Status.MET, detail)
