"""Lookups and holds (第十一条(3)): ask first, update every 15 s, offer a callback.

The caller is waiting when the call tracker says HOLD: the softphone put the call on
hold, or the agent spoke last and both sides fell silent. All timers count audio time
from when the waiting began, so a replay gives the prompts at the same moments.
"""

from __future__ import annotations

from assistant.conduct.pack import HoldCallbackRule as HoldCallbackSettings
from assistant.conduct.pack import HoldPermissionRule as HoldPermissionSettings
from assistant.conduct.pack import HoldUpdateRule as HoldUpdateSettings
from assistant.conduct.rules.base import Rule
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


class _HoldRule(Rule):
    """Counts the holds of the call so a rule can tell "never applied" from "met"."""

    def __init__(self, settings, engine):
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
        self.waiting_since = self.state.hold_since if self.state.hold_since is not None else t
        self.due = self.waiting_since + self.settings.interval_s
        self.raised_at: float | None = None

    def during_hold(self, event: Event) -> None:
        if isinstance(event, SpeechStart) and event.channel is Channel.AGENT:
            self.due = None
            self.resolve(event.t, "agent updated the caller")
        elif isinstance(event, SpeechEnd) and event.channel is Channel.AGENT:
            self.due = event.t + self.settings.interval_s
        elif isinstance(event, Tick):
            t = event.t
            if self.due is not None and t >= self.due:
                self.raised_at = t
                self.violate(t, replace=True, waited=t - self.waiting_since)
                self.due += self.settings.interval_s
            elif self.active and self.raised_at is not None \
                    and t - self.raised_at >= self.settings.auto_resolve_s:
                self.resolve(t, "not answered")

    def violate(self, t: float, *, replace: bool = False, **fields: object) -> None:
        self.violations.append(t)
        self.prompt(t, replace=replace, **fields)


class HoldPermissionRule(_HoldRule):
    """A lookup starts with the caller's permission. The moment to ask was before the
    silence began, so a miss found ``grace_s`` into the wait is stamped at the wait's
    start: past the live window, the engine keeps it for the after-call feedback rather
    than cue the agent about words already not said (the update timer speaks live)."""

    id = "hold_permission"
    needs_recogniser = True
    settings: HoldPermissionSettings

    def applies_after_s(self) -> float:
        return self.settings.grace_s

    def hold_started(self, t: float) -> None:
        since = self.state.hold_since if self.state.hold_since is not None else t
        self.since = since
        self.check_at = since + self.settings.grace_s
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

    def __init__(self, settings, engine):
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
