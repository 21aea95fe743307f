"""Positive wording (第六条 积极、肯定的语气和词汇, ``kf-6``): negative or hedging phrases.

The pack lists them (``phrases.negative``: 不行, 没有办法, 这个我们管不了 …) and, in
``[[wording]]``, the positive alternative to use instead, with the uses that are not the
negative one (``unless``). Heard phrases are the evidence of the after-call finding, each
with its alternative. Not a live prompt: the clause is about the tone of the whole call,
and the forbidden phrases (第十一条(5)) already interrupt for the words that must never be
said.
"""

from __future__ import annotations

from assistant.conduct.rules.base import Rule, RuleHost, quote, quotes
from assistant.conduct.settings_words import PositiveWordingRule as PositiveWordingSettings
from assistant.ground.events import Channel, Event, Finding, PhraseHit, Status


class PositiveWordingRule(Rule):
    id = "positive_wording"
    needs_recogniser = True
    settings: PositiveWordingSettings

    def __init__(self, settings: PositiveWordingSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.heard: list[PhraseHit] = []

    def observe(self, event: Event) -> None:
        if isinstance(event, PhraseHit) and event.channel is Channel.AGENT \
                and event.kind == "negative":
            self.heard.append(event)

    def finding(self, end: float) -> Finding:
        if not self.state.can_hear(Channel.AGENT):
            return self.make_finding(Status.NOT_CHECKED, "no speech recogniser running")
        if not self.pack.phrases.negative:
            return self.make_finding(Status.NOT_CHECKED, "the pack lists no negative phrases")
        if len(self.heard) <= self.settings.max_count:
            return self.make_finding(Status.MET)
        return self.make_finding(Status.MISSED, quotes(self._evidence()),
                                 [hit.t for hit in self.heard])

    def _evidence(self) -> list[str]:
        lines = []
        for hit in self.heard:
            entry = self.pack.wording_for(hit.phrase)
            instead = f" → “{entry.instead}”" if entry is not None and entry.instead else ""
            lines.append(quote(hit) + instead)
        return list(dict.fromkeys(lines))
