"""Restating the caller's need (第七条 概括并复述对方的需求, ``kf-7``).

After the caller states a request (``phrases.request`` on the caller's channel: 我想, 我要,
能不能 …) the agent restates it in the caller's terms (``phrases.restate``: 您是想,
您的意思是 …). A recap that confirms with the caller (``phrases.recap``: 跟您确认一下 …)
restates it too (第十二条(4) asks for the same summary, and the recap closes the loop); a
pack that sets ``before_next_step`` counts only a restatement before the agent's first next
step or lookup after the request. After the call only, the caller's unanswered requests
quoted. Needs the caller's words (the caller's channel recognised): otherwise not checked.
"""

from __future__ import annotations

from assistant.conduct.rules.base import Rule, RuleHost, quote, quotes
from assistant.conduct.rules.sentences import Sentences
from assistant.conduct.settings_turns import RestateNeedRule as RestateNeedSettings
from assistant.ground.events import Channel, Event, Finding, PhraseHit, Status

RESTATES = ("restate", "recap")
STEPS = ("next_step", "lookup")


class RestateNeedRule(Rule):
    id = "restate_need"
    needs_recogniser = True
    settings: RestateNeedSettings

    def __init__(self, settings: RestateNeedSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.requests: list[PhraseHit] = []
        self.restated: list[PhraseHit] = []
        self.steps: list[PhraseHit] = []
        self.sentences = Sentences()

    def observe(self, event: Event) -> None:
        self.sentences.observe(event)
        if not isinstance(event, PhraseHit):
            return
        if event.channel is Channel.CALLER and event.kind == "request":
            self.requests.append(event)
        elif event.channel is Channel.AGENT and event.kind in RESTATES:
            self.restated.append(event)
        elif event.channel is Channel.AGENT and event.kind in STEPS:
            self.steps.append(event)

    def _answer(self, request: PhraseHit) -> PhraseHit | None:
        """The restatement that answers ``request``, if one does."""
        later = [hit for hit in self.restated if hit.t > request.t]
        if self.settings.before_next_step:
            step = next((s.t for s in self.steps if s.t > request.t), None)
            later = [hit for hit in later if step is None or hit.t <= step]
        return later[0] if later else None

    def finding(self, end: float) -> Finding:
        if not self.state.can_hear(Channel.AGENT):
            return self.make_finding(Status.NOT_CHECKED, "no speech recogniser running")
        if not self.state.has_caller or not self.state.can_hear(Channel.CALLER):
            return self.make_finding(Status.NOT_CHECKED, "the caller's words are not recognised")
        if not self.pack.phrases.request:
            return self.make_finding(Status.NOT_CHECKED, "the pack lists no request phrases")
        if not self.requests:
            return self.make_finding(Status.NOT_APPLICABLE, "no request heard from the caller")
        unanswered = [r for r in self.requests if self._answer(r) is None]
        if not unanswered:
            hits = list({a.t: a for r in self.requests
                         if (a := self._answer(r)) is not None}.values())
            return self.make_finding(Status.MET, quotes(dict.fromkeys(quote(a) for a in hits)),
                                     sorted(a.t for a in hits))
        heard = quotes(self.sentences.quote(r) for r in unanswered)
        return self.make_finding(Status.MISSED, f"not restated: {heard}",
                                 [r.t for r in unanswered])
