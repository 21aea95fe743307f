"""Showing understanding (第八条 对于对方的情境和心情表示充分的理解, ``kf-8``).

A caller's complaint — a complaint phrase on the caller's channel (``phrases.complaint``:
太慢了, 怎么搞的, 我要投诉 …) or, with ``acoustic_cues``, the caller's voice raised over
their own baseline or the caller talking over the agent (:mod:`caller_cues`) — is answered
with understanding (``phrases.understanding``: 非常理解您的心情, 给您带来不便 …) within the
agent's first ``reply_s`` of speech after it, before the explanation. Taking the matter to
a supervisor (``phrases.escalation``) answers it too: the clause asks for understanding
*and* the best way to a solution, and a complaint at the close is answered that way
(第十三条(3)). A complaint heard in
words raises a live cue at once (resolved by the acknowledgement); every complaint left
unanswered is an after-call finding, quoted.
"""

from __future__ import annotations

from assistant.conduct.rules.base import Rule, RuleHost, clock, quote, quotes
from assistant.conduct.rules.caller_cues import CallerCues, Cue, Episode
from assistant.conduct.rules.sentences import Sentences
from assistant.conduct.settings_turns import ShowUnderstandingRule as ShowUnderstandingSettings
from assistant.ground.events import (
    Channel,
    Event,
    Finding,
    PhraseHit,
    SpeechEnd,
    Status,
    Tick,
)

Occasion = PhraseHit | Episode
ANSWERS = ("understanding", "escalation")


def occasion_start(occasion: Occasion) -> float:
    if isinstance(occasion, Episode):
        return occasion.t0
    return occasion.t0 if occasion.t0 is not None else occasion.t


class ShowUnderstandingRule(Rule):
    id = "show_understanding"
    needs_recogniser = True
    settings: ShowUnderstandingSettings

    def __init__(self, settings: ShowUnderstandingSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.cues = CallerCues(engine.pack.acoustics)
        self.complaints: list[PhraseHit] = []
        self.understood: list[PhraseHit] = []
        self.agent_turns: list[tuple[float, float]] = []
        self.sentences = Sentences()
        self.shown_at: float | None = None

    def observe(self, event: Event) -> None:
        self.sentences.observe(event)
        self.cues.observe(event)
        if isinstance(event, SpeechEnd) and event.channel is Channel.AGENT:
            self.agent_turns.append((event.start, event.t))
        elif isinstance(event, PhraseHit) and event.channel is Channel.CALLER \
                and event.kind == "complaint":
            self.complaints.append(event)
            self.prompt(event.t, complaint=event.heard or event.phrase)
            if self.active:
                self.shown_at = event.t
        elif isinstance(event, PhraseHit) and event.channel is Channel.AGENT \
                and event.kind in ANSWERS:
            self.understood.append(event)
            self.shown_at = None
            self.resolve(event.t, f"heard “{event.phrase}”")
        elif isinstance(event, Tick) and self.shown_at is not None \
                and event.t - self.shown_at >= self.settings.show_s:
            self.shown_at = None
            self.resolve(event.t, "shown")

    def _deadline(self, since: float, end: float) -> float:
        """When the agent has spoken ``reply_s`` after ``since`` (or the call's end)."""
        left = self.settings.reply_s
        for t0, t1 in self.agent_turns:
            if t1 <= since:
                continue
            t0 = max(t0, since)
            if t1 - t0 >= left:
                return t0 + left
            left -= t1 - t0
        return end

    def _answered(self, occasion: Occasion, end: float) -> bool:
        since = occasion_start(occasion)
        deadline = self._deadline(since, end)
        return any(since <= hit.t and (hit.t0 or hit.t) <= deadline for hit in self.understood)

    def _occasions(self, end: float) -> list[Occasion]:
        episodes = self.cues.finish(end) if self.settings.acoustic_cues else []
        return sorted([*self.complaints, *episodes], key=occasion_start)

    def _evidence(self, occasion: Occasion) -> str:
        if isinstance(occasion, PhraseHit):
            return self.sentences.quote(occasion)
        if occasion.cue is Cue.RAISED:
            return f"raised voice (+{occasion.raised_db:.0f} dB) at {clock(occasion.t0)}"
        return f"caller talking over the agent at {clock(occasion.t0)}"

    def finding(self, end: float) -> Finding:
        if not self.state.has_caller:
            return self.make_finding(Status.NOT_CHECKED, "no caller channel")
        if not self.state.can_hear(Channel.AGENT):
            return self.make_finding(Status.NOT_CHECKED, "no speech recogniser running")
        occasions = self._occasions(end)
        if not occasions:
            if not self.state.can_hear(Channel.CALLER):
                return self.make_finding(Status.NOT_CHECKED,
                                         "the caller's words are not recognised")
            return self.make_finding(Status.NOT_APPLICABLE, "no complaint from the caller")
        missed = [o for o in occasions if not self._answered(o, end)]
        if not missed:
            shown = [hit for hit in self.understood if hit.kind == "understanding"]
            return self.make_finding(Status.MET, quotes(quote(hit) for hit in shown),
                                     sorted({hit.t for hit in shown}))
        heard = quotes(self._evidence(o) for o in missed)
        return self.make_finding(Status.MISSED, f"no understanding shown after: {heard}",
                                 [occasion_start(o) for o in missed])
