"""Lookups and holds (第十一条(3)): ask first, update every 15 s, offer a callback.

The caller is waiting when the call tracker says HOLD: the softphone put the call on
hold, or the agent spoke last and both sides fell silent. All timers count audio time
from when the waiting began, so a replay gives the prompts at the same moments.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.conduct.rules.base import Rule, RuleHost
from assistant.conduct.settings import RuleSettings
from assistant.conduct.settings_live import HoldCallbackRule as HoldCallbackSettings
from assistant.conduct.settings_live import HoldPermissionRule as HoldPermissionSettings
from assistant.conduct.settings_live import HoldUpdateRule as HoldUpdateSettings
from assistant.ground.events import (
    Channel,
    Event,
    Finding,
    Phase,
    PhaseChanged,
    PhraseHit,
    SpeechEnd,
    SpeechStart,
    Status,
    Tick,
)

_PERMISSION_KINDS = frozenset({"permission", "lookup"})


@dataclass
class HoldClock:
    """The hold-update clock (第十一条(3)): when the caller began waiting and when the next
    update to them is due. The ``hold_update`` rule prompts on it, the overlay's hold ring
    draws it and replay marks it, so the three can never disagree.

    The wait starts when the caller began waiting (the agent's last words, or the
    softphone's hold); while the agent talks nothing is due; when they stop, the next
    update is due ``interval_s`` later; a due time that passes unanswered rolls on by
    ``interval_s``.
    """

    interval_s: float
    since: float | None = None
    due: float | None = None

    @property
    def on_hold(self) -> bool:
        return self.since is not None

    def start(self, since: float) -> None:
        self.since, self.due = since, since + self.interval_s

    def stop(self) -> None:
        self.since = self.due = None

    def agent_started(self) -> None:
        if self.on_hold:
            self.due = None

    def agent_ended(self, t: float) -> None:
        if self.on_hold:
            self.due = t + self.interval_s

    def waited_s(self, t: float) -> float:
        """How long the caller has waited at audio time ``t`` (0 when not on hold)."""
        return max(0.0, t - self.since) if self.since is not None else 0.0

    def advance(self, t: float) -> list[float]:
        """Audio time reached ``t``: the due times that passed, each rolled on."""
        passed: list[float] = []
        while self.due is not None and self.due <= t:
            passed.append(self.due)
            self.due += self.interval_s
        return passed


def wait_began(hold: PhaseChanged, *, explicit_hold_at: float | None,
               last_agent_end: float | None) -> float:
    """When the caller began waiting, for a hold that started with ``hold``: the tracker's
    ``since``; for a session stored before holds carried it, the softphone's hold (when
    it put the call on hold at that moment) or else the agent's last words."""
    if hold.since is not None:
        return hold.since
    if explicit_hold_at == hold.t or last_agent_end is None:
        return hold.t
    return last_agent_end


class _HoldRule(Rule):
    """Counts the holds of the call so a rule can tell "never applied" from "met"."""

    def __init__(self, settings: RuleSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.holds = 0
        self.on_hold = False

    def observe(self, event: Event) -> None:
        if isinstance(event, PhaseChanged):
            if event.phase is Phase.HOLD:
                self.holds += 1
                self.on_hold = True
                self.hold_started(event.t)
            elif event.previous is Phase.HOLD:
                self.on_hold = False
                self.resolve(event.t, "hold ended")
        elif self.on_hold:
            self.during_hold(event)

    def hold_started(self, t: float) -> None:
        pass

    def during_hold(self, event: Event) -> None:
        pass

    def applies_after_s(self) -> float:
        """How long a wait must last before this rule has something to say."""
        return 0.0

    def unclear_finding(self, end: float) -> Finding | None:
        """"Not checked" when a long silence may have been a hold nobody could confirm."""
        longest = self.state.longest_unclear_s(end)
        if longest > self.applies_after_s():
            return self.make_finding(
                Status.NOT_CHECKED,
                f"a {longest:.0f} s silence: could not tell whether the caller was waiting")
        return None

    def finding(self, end: float) -> Finding:
        if not self.holds:
            return self.unclear_finding(end) or self.make_finding(
                Status.NOT_APPLICABLE, "no hold in this call")
        return super().finding(end)


class HoldUpdateRule(_HoldRule):
    """Every ``interval_s`` of silence on hold, tell the agent to update the caller."""

    id = "hold_update"
    settings: HoldUpdateSettings

    def applies_after_s(self) -> float:
        return self.settings.interval_s

    def hold_started(self, t: float) -> None:
        self.clock = HoldClock(self.settings.interval_s)
        self.clock.start(self.state.hold_since if self.state.hold_since is not None else t)
        self.raised_at: float | None = None

    def during_hold(self, event: Event) -> None:
        if isinstance(event, SpeechStart) and event.channel is Channel.AGENT:
            self.clock.agent_started()
            self.resolve(event.t, "agent updated the caller")
        elif isinstance(event, SpeechEnd) and event.channel is Channel.AGENT:
            self.clock.agent_ended(event.t)
        elif isinstance(event, Tick):
            t = event.t
            if self.clock.advance(t):
                self.raised_at = t
                self.violations.append(t)
                self.prompt(t, replace=True, waited=self.clock.waited_s(t))
            elif self.active and self.raised_at is not None \
                    and t - self.raised_at >= self.settings.auto_resolve_s:
                self.resolve(t, "not answered")



class HoldPermissionRule(_HoldRule):
    """A lookup starts with the caller's permission. The moment to ask was before the
    silence began, so a miss found ``grace_s`` into the wait is stamped at the wait's
    start: past the live window, the engine keeps it for the after-call feedback rather
    than cue the agent about words already not said (the update timer speaks live)."""

    id = "hold_permission"
    needs_recogniser = True
    settings: HoldPermissionSettings
    check_at: float | None = None

    def applies_after_s(self) -> float:
        return self.settings.grace_s

    def hold_started(self, t: float) -> None:
        since = self.state.hold_since if self.state.hold_since is not None else t
        self.since = since
        self.check_at: float | None = since + self.settings.grace_s
        self.asked = self.state.heard(_PERMISSION_KINDS, since=since - self.settings.lookback_s)

    def during_hold(self, event: Event) -> None:
        if isinstance(event, PhraseHit) and event.channel is Channel.AGENT \
                and event.kind in _PERMISSION_KINDS:
            self.asked = event
            self.resolve(event.t, f"heard “{event.phrase}”")
        elif isinstance(event, Tick) and self.check_at is not None and event.t >= self.check_at:
            self.check_at = None
            if self.asked is None and self.state.can_hear(Channel.AGENT):
                self.violate(self.since)


class HoldCallbackRule(_HoldRule):
    """A lookup past ``after_s``: offer to call back and say when."""

    id = "hold_callback"
    needs_recogniser = True
    settings: HoldCallbackSettings

    def __init__(self, settings: HoldCallbackSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.long_holds = 0
        self.offered = False

    def applies_after_s(self) -> float:
        return self.settings.after_s

    def hold_started(self, t: float) -> None:
        self.since = self.state.hold_since if self.state.hold_since is not None else t
        self.checked = False

    def during_hold(self, event: Event) -> None:
        if isinstance(event, PhraseHit) and event.channel is Channel.AGENT \
                and event.kind == "callback":
            self.checked = self.offered = True
            self.resolve(event.t, f"heard “{event.phrase}”")
        elif isinstance(event, Tick) and not self.checked \
                and event.t - self.since >= self.settings.after_s:
            self.checked = True
            self.long_holds += 1
            if self.state.heard("callback", since=self.since) is None:
                self.violate(event.t, waited=event.t - self.since)

    def finding(self, end: float) -> Finding:
        if self.holds and self.violations and not self.state.can_hear(Channel.AGENT):
            return self.make_finding(Status.NOT_CHECKED,
                                     "long hold, but no recogniser to hear a callback offer",
                                     self.violations)
        if not self.holds:
            return self.unclear_finding(end) or self.make_finding(
                Status.NOT_APPLICABLE, "no hold in this call")
        if self.violations:
            return self.make_finding(Status.MISSED, "no callback offered on a long hold",
                                     self.violations)
        if not self.long_holds and not self.offered:
            return self.make_finding(Status.NOT_APPLICABLE,
                                     f"no hold reached {self.settings.after_s:.0f} s")
        return self.make_finding(Status.MET)
