"""No denial, a way forward (第十条 不否认问题，提出解决方案, ``kf-10``).

Two things missed, after the call, with the words heard: a denial phrase
(``phrases.denial``: 这不是我们的问题, 跟我们没关系 …), and a refusal — a denial or a
negative phrase of 第六条 — that no next step (``phrases.next_step``: 我帮您, 给您回电,
您可以 …) follows before the call ends. A call that refuses nothing meets the clause:
whether the caller had a problem at all is not in the agent's words.
"""

from __future__ import annotations

from assistant.conduct.rules.base import Rule, RuleHost, quote, quotes
from assistant.conduct.settings_words import NoDenialRule as NoDenialSettings
from assistant.ground.events import Channel, Event, Finding, PhraseHit, Status

REFUSALS = ("denial", "negative")


class NoDenialRule(Rule):
    id = "no_denial"
    needs_recogniser = True
    settings: NoDenialSettings

    def __init__(self, settings: NoDenialSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.denials: list[PhraseHit] = []
        self.open_refusal: PhraseHit | None = None

    def observe(self, event: Event) -> None:
        if not isinstance(event, PhraseHit) or event.channel is not Channel.AGENT:
            return
        if event.kind == "denial":
            self.denials.append(event)
        if event.kind in REFUSALS:
            self.open_refusal = self.open_refusal or event
        elif event.kind == "next_step" and self.open_refusal is not None \
                and event.t >= self.open_refusal.t:
            self.open_refusal = None

    def finding(self, end: float) -> Finding:
        if not self.state.can_hear(Channel.AGENT):
            return self.make_finding(Status.NOT_CHECKED, "no speech recogniser running")
        if not self.pack.phrases.denial:
            return self.make_finding(Status.NOT_CHECKED, "the pack lists no denial phrases")
        parts = []
        if self.denials:
            parts.append("denied: " + quotes(quote(h) for h in self.denials))
        if self.open_refusal is not None:
            parts.append(f"no next step after {quote(self.open_refusal)}")
        if not parts:
            return self.make_finding(Status.MET)
        times = {hit.t for hit in self.denials}
        if self.open_refusal is not None:
            times.add(self.open_refusal.t)
        return self.make_finding(Status.MISSED, "; ".join(parts), sorted(times))
