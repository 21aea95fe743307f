"""Follows a call through its phases from speech activity, phrase hits and call events.

greeting → conversation ⇄ hold → closing → ended. Explicit events from a softphone hook
or a hotkey win; without them the phases come from the audio alone:

* hold: both sides have been silent for ``hold_silence_s`` after the agent spoke last,
  or after the caller only acknowledged the agent (a short "好的" to "请您稍等"): the
  caller is waiting. Or the softphone put the call on hold. A caller who said they need
  a moment ("等一下，我找一下") is *not* an agent hold. The silence after a resume counts
  from the resume, not from before the hold. A silence is a hold only when the product
  can tell who is waiting: the agent was heard announcing a lookup, or the caller's side
  is heard (they would have said they need a moment). Otherwise (no recogniser, a mono
  recording) the silence is kept as *unclear*: no hold, no timer, no scolding; the hold
  rules then say "not checked".
* back to conversation: the softphone resumes, the caller talks for more than a short
  acknowledgement, or the agent talks at length; short updates from the agent keep the hold.
* closing: the agent asks if there is anything else, thanks the caller or says goodbye
  (not during the greeting: "thank you for calling" opens many calls); the caller
  talking at length reopens the conversation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from assistant.ground.events import (
    CallAction,
    CallControl,
    Channel,
    Event,
    Phase,
    PhaseChanged,
    PhraseHit,
    SpeechEnd,
    SpeechStart,
    Tick,
)


@dataclass(frozen=True)
class TrackerSettings:
    hold_silence_s: float = 4.0
    hold_ends_after_caller_s: float = 1.5
    hold_ends_after_agent_s: float = 6.0
    closing_reopens_after_caller_s: float = 3.0
    greeting_max_s: float = 20.0
    acknowledgement_max_s: float = 1.5
    lookup_lookback_s: float = 10.0
    auto_start: bool = True


_CLOSING_KINDS = frozenset({"closing", "thanks", "farewell"})
_LOOKUP_KINDS = frozenset({"permission", "lookup"})


@dataclass
class CallState:
    """What the rules need to know about the call right now; the tracker keeps it current."""

    call_time: datetime | None = None
    has_caller: bool = True
    recognising: dict[Channel, bool] = field(default_factory=dict)
    phase: Phase = Phase.IDLE
    call_start: float | None = None
    speaking_since: dict[Channel, float | None] = field(
        default_factory=lambda: {Channel.AGENT: None, Channel.CALLER: None}
    )
    last_end: dict[Channel, float | None] = field(
        default_factory=lambda: {Channel.AGENT: None, Channel.CALLER: None}
    )
    last_turn_s: dict[Channel, float] = field(
        default_factory=lambda: {Channel.AGENT: 0.0, Channel.CALLER: 0.0}
    )
    resumed_at: float | None = None
    agent_turns: int = 0
    hold_since: float | None = None
    hold_explicit: bool = False
    caller_away_since: float | None = None
    unclear_since: float | None = None
    unclear_waits: list[tuple[float, float]] = field(default_factory=list)
    ended_by: Channel | None = None
    hits: list[PhraseHit] = field(default_factory=list)

    def speaking(self, channel: Channel) -> bool:
        return self.speaking_since[channel] is not None

    def heard(self, kinds: str | frozenset[str] | set[str], *, since: float | None = None,
              channel: Channel = Channel.AGENT) -> PhraseHit | None:
        """The latest phrase hit of one of ``kinds`` from ``channel`` at or after ``since``."""
        kinds = {kinds} if isinstance(kinds, str) else kinds
        for hit in reversed(self.hits):
            if since is not None and hit.t < since:
                return None
            if hit.channel is channel and hit.kind in kinds:
                return hit
        return None

    def can_hear(self, channel: Channel = Channel.AGENT) -> bool:
        """Whether phrase checks on ``channel`` are live (a recogniser is running)."""
        return self.recognising.get(channel, False)

    def unclear_silences(self, end: float) -> list[tuple[float, float]]:
        """Silences that may have been a hold, but nobody could tell who was waiting."""
        open_one = [(self.unclear_since, end)] if self.unclear_since is not None else []
        return self.unclear_waits + open_one

    def longest_unclear_s(self, end: float) -> float:
        return max((t1 - t0 for t0, t1 in self.unclear_silences(end)), default=0.0)


class CallTracker:
    def __init__(self, state: CallState, settings: TrackerSettings = TrackerSettings()):
        self.state = state
        self.settings = settings

    def observe(self, event: Event) -> list[PhaseChanged]:
        s = self.state
        if isinstance(event, CallControl):
            return self._control(event)
        if isinstance(event, SpeechStart):
            s.speaking_since[event.channel] = event.t
            self._close_unclear(event.t)
            if s.phase is Phase.IDLE and self.settings.auto_start:
                return self._start(event.t, "speech")
        elif isinstance(event, SpeechEnd):
            s.speaking_since[event.channel] = None
            s.last_end[event.channel] = event.t
            s.last_turn_s[event.channel] = event.duration
            if event.channel is Channel.AGENT and s.phase is not Phase.IDLE:
                s.agent_turns += 1
            if event.channel is Channel.CALLER and s.caller_away_since is not None \
                    and event.start > s.caller_away_since:
                s.caller_away_since = None
        elif isinstance(event, PhraseHit):
            s.hits.append(event)
            return self._phrase(event)
        elif isinstance(event, Tick):
            return self._tick(event.t)
        return []

    # --- transitions ---------------------------------------------------------------

    def _move(self, t: float, phase: Phase, reason: str,
              since: float | None = None) -> list[PhaseChanged]:
        s = self.state
        if phase is s.phase:
            return []
        previous, s.phase = s.phase, phase
        if phase is not Phase.HOLD:
            s.hold_since, s.hold_explicit = None, False
        else:
            s.hold_since = t if since is None else since
        return [PhaseChanged(t, phase, previous, reason,
                             s.hold_since if phase is Phase.HOLD else None)]

    def _start(self, t: float, reason: str) -> list[PhaseChanged]:
        self.state.call_start = t
        return self._move(t, Phase.GREETING, reason)

    def _control(self, event: CallControl) -> list[PhaseChanged]:
        s, t = self.state, event.t
        if event.action is CallAction.START and s.phase in (Phase.IDLE, Phase.ENDED):
            return self._start(t, "call started")
        if event.action is CallAction.END and s.phase not in (Phase.IDLE, Phase.ENDED):
            self._close_unclear(t)
            s.ended_by = event.by
            return self._move(t, Phase.ENDED, "call ended")
        if s.phase in (Phase.IDLE, Phase.ENDED):
            return []
        if event.action is CallAction.HOLD:
            self._close_unclear(t)
            changes = self._move(t, Phase.HOLD, "put on hold", since=t)
            s.hold_since = t if s.hold_since is None else s.hold_since
            s.hold_explicit = True
            return changes
        if event.action is CallAction.RESUME and s.phase is Phase.HOLD:
            s.resumed_at = t
            return self._move(t, Phase.CONVERSATION, "resumed from hold")
        return []

    def _phrase(self, hit: PhraseHit) -> list[PhaseChanged]:
        s = self.state
        if hit.channel is Channel.CALLER and hit.kind == "caller_wait":
            s.caller_away_since = hit.t
            return []
        if hit.channel is Channel.AGENT and hit.kind in _CLOSING_KINDS and s.phase in (
            Phase.CONVERSATION, Phase.HOLD
        ):
            return self._move(hit.t, Phase.CLOSING, f"agent said “{hit.phrase}”")
        return []

    def _tick(self, t: float) -> list[PhaseChanged]:
        s, cfg = self.state, self.settings
        agent_since = s.speaking_since[Channel.AGENT]
        caller_since = s.speaking_since[Channel.CALLER]
        if s.phase is Phase.GREETING:
            agent_done = s.agent_turns > 0
            if (agent_done and caller_since is not None) or t - (s.call_start or 0) >= cfg.greeting_max_s:
                return self._move(t, Phase.CONVERSATION, "greeting over")
        if s.phase in (Phase.GREETING, Phase.CONVERSATION):
            since = self._waiting_since(t)
            if since is not None and not self._agent_holds(since):
                if s.unclear_since is None:
                    s.unclear_since = since
                since = None
            if since is not None:
                s.unclear_since = None
                return self._move(t, Phase.HOLD, "caller waiting in silence", since=since)
        if s.phase is Phase.HOLD and not s.hold_explicit:
            if caller_since is not None and t - caller_since >= cfg.hold_ends_after_caller_s:
                return self._move(t, Phase.CONVERSATION, "caller talking")
            if agent_since is not None and t - agent_since >= cfg.hold_ends_after_agent_s:
                return self._move(t, Phase.CONVERSATION, "agent talking")
        if s.phase is Phase.CLOSING and caller_since is not None \
                and t - caller_since >= cfg.closing_reopens_after_caller_s:
            return self._move(t, Phase.CONVERSATION, "caller went on talking")
        return []

    def _agent_holds(self, since: float) -> bool:
        """Whether a silence from ``since`` is the caller waiting on the agent, as far as
        the product can tell: the agent announced a lookup, or the caller's side is heard
        and they did not say they need a moment."""
        s = self.state
        if s.heard(_LOOKUP_KINDS, since=since - self.settings.lookup_lookback_s) is not None:
            return True
        return s.has_caller and s.can_hear(Channel.CALLER)

    def _close_unclear(self, t: float) -> None:
        s = self.state
        if s.unclear_since is not None:
            s.unclear_waits.append((s.unclear_since, t))
            s.unclear_since = None

    def _waiting_since(self, t: float) -> float | None:
        """When the caller started waiting on the agent in silence, if they are now."""
        s = self.state
        if s.speaking(Channel.AGENT) or s.speaking(Channel.CALLER) or s.caller_away_since is not None:
            return None
        agent_end = s.last_end[Channel.AGENT]
        caller_end = s.last_end[Channel.CALLER]
        if agent_end is None:
            return None
        since = agent_end
        if caller_end is not None and caller_end > agent_end:
            if s.last_turn_s[Channel.CALLER] > self.settings.acknowledgement_max_s:
                return None  # the caller spoke last: the agent's turn, not a wait
            since = caller_end
        if s.resumed_at is not None:
            since = max(since, s.resumed_at)
        return since if t - since >= self.settings.hold_silence_s else None
