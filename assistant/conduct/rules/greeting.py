"""Call opening (第十一条(2)): a time-of-day greeting and a self-introduction.

Both are judged once the agent's opening is over: when the caller first answers the
agent, or ``window_s`` after the call started, whichever comes first, plus a moment for
the recogniser to catch up. By then the moment has passed (the caller is talking), so a
miss is never prompted live: the greeting card at call start is the live aid, and the
miss goes to the after-call feedback.
"""

from __future__ import annotations

from assistant.conduct.placeholders import render
from assistant.conduct.rules.base import Rule, RuleHost, quote
from assistant.conduct.settings_live import GreetingRule as GreetingSettings
from assistant.conduct.settings_live import SelfIntroRule as SelfIntroSettings
from assistant.ground.events import (
    Channel,
    Event,
    Finding,
    Phase,
    PhaseChanged,
    PhraseHit,
    SpeechStart,
    Status,
    Tick,
)

RECOGNISER_LAG_S = 1.5
_GREETING_KINDS = ("greeting_morning", "greeting_afternoon", "greeting_evening")


class _OpeningRule(Rule):
    """Shared timing: when the opening is over, and the hit that satisfies the rule."""

    needs_recogniser = True

    settings: GreetingSettings | SelfIntroSettings

    def __init__(self, settings: GreetingSettings | SelfIntroSettings,
                 engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.decide_at: float | None = None
        self.decided = False
        self.hit: PhraseHit | None = None
        self.missed_at: float | None = None

    def accepts(self, hit: PhraseHit) -> bool:
        raise NotImplementedError

    def observe(self, event: Event) -> None:
        if isinstance(event, PhaseChanged) and event.phase is Phase.GREETING:
            self.decide_at = event.t + self.settings.window_s
        elif isinstance(event, SpeechStart) and event.channel is Channel.CALLER \
                and self.state.agent_turns > 0 and self.decide_at is not None and not self.decided:
            self.decide_at = min(self.decide_at, event.t + RECOGNISER_LAG_S)
        elif isinstance(event, PhraseHit) and event.channel is Channel.AGENT and self.accepts(event):
            if self.hit is None:
                self.hit = event
        elif isinstance(event, Tick):
            self._tick(event.t)

    def _tick(self, t: float) -> None:
        if not self.decided and self.decide_at is not None and t >= self.decide_at:
            self.decided = True
            if self.hit is None and self.state.can_hear(Channel.AGENT):
                self.missed_at = t
                self.violate(t, prompt=False)

    def fields(self) -> dict[str, object]:
        return {}

    def finding(self, end: float) -> Finding:
        if not self.state.can_hear(Channel.AGENT):
            return self.make_finding(Status.NOT_CHECKED, "no speech recogniser running")
        if self.hit is not None and self.missed_at is None:
            return self.make_finding(Status.MET, quote(self.hit), [self.hit.t])
        if self.hit is not None:
            return self.make_finding(Status.MISSED, f"late: {quote(self.hit)} after the opening",
                                     [self.missed_at or self.hit.t])
        return self.make_finding(Status.MISSED, "not heard in the opening", self.violations)


class GreetingRule(_OpeningRule):
    id = "greeting"
    settings: GreetingSettings

    def expected_kind(self) -> str | None:
        when = self.state.call_time
        if when is None:
            return None
        cfg = self.settings
        if cfg.morning_from <= when.hour < cfg.afternoon_from:
            return "greeting_morning"
        if cfg.afternoon_from <= when.hour < cfg.evening_from:
            return "greeting_afternoon"
        return "greeting_evening"

    def accepts(self, hit: PhraseHit) -> bool:
        expected = self.expected_kind()
        if hit.kind == "greeting_generic":
            return self.settings.accept_generic
        if expected is None:
            return hit.kind in _GREETING_KINDS
        return hit.kind == expected

    def fields(self) -> dict[str, object]:
        kind = self.expected_kind() or "greeting_generic"
        options = getattr(self.pack.phrases, kind) or self.pack.phrases.greeting_generic
        return {"greeting": options[0] if options else ""}

    def finding(self, end: float) -> Finding:
        finding = super().finding(end)
        if finding.status is Status.MISSED and self.hit is None:
            wrong = self.state.heard(set(_GREETING_KINDS) | {"greeting_generic"})
            if wrong is not None:
                expected = self.fields()["greeting"]
                return self.make_finding(
                    Status.MISSED, f"heard {quote(wrong)}, expected “{expected}”", self.violations
                )
        return finding


class SelfIntroRule(_OpeningRule):
    id = "self_intro"
    settings: SelfIntroSettings

    def accepts(self, hit: PhraseHit) -> bool:
        return hit.kind == "self_intro"

    def fields(self) -> dict[str, object]:
        agent = self.engine.agent
        return {"intro": render(self.settings.intro, name=agent.name or "…",
                                agent_id=agent.agent_id or "…")}
