"""Listening (第十二条): no talking over the caller; small acknowledgements on long turns.

Both need the caller's channel and nothing else: they run with no recogniser at all.
"""

from __future__ import annotations

from assistant.conduct.rules.base import Rule, RuleHost
from assistant.conduct.settings import RuleSettings
from assistant.conduct.settings_live import BackchannelRule as BackchannelSettings
from assistant.conduct.settings_live import OvertalkRule as OvertalkSettings
from assistant.ground.events import (
    SPEECH_END_LAG_S,
    Channel,
    Event,
    Finding,
    SpeechEnd,
    SpeechStart,
    Status,
    Tick,
)

TURN_GAP_S = 1.5
"""A caller pause shorter than this does not end the caller's turn."""


class _CallerChannelRule(Rule):
    """Judged only where the caller gave the agent something to do: "met" means the agent
    did it, "not needed" that the call never asked for it."""

    def __init__(self, settings: RuleSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.occasions = 0

    def finding(self, end: float) -> Finding:
        if not self.state.has_caller:
            return self.make_finding(Status.NOT_CHECKED, "no caller channel")
        if not self.violations and not self.occasions:
            return self.make_finding(Status.NOT_APPLICABLE, self.no_occasion)
        return super().finding(end)

    no_occasion = ""


class OvertalkRule(_CallerChannelRule):
    """The agent starts talking while the caller is mid-turn and keeps on for a while.

    The overlap counts only once it is certain: a ``SpeechEnd`` comes up to
    ``SPEECH_END_LAG_S`` after the voice stopped, so a short "明白" over the caller must
    not look like a second of talking over them. The violation is dated when the agent
    cut in; the prompt appears when it is certain.
    """

    id = "overtalk"
    settings: OvertalkSettings
    no_occasion = "the caller never spoke"

    def __init__(self, settings: RuleSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.overlap_since: float | None = None

    def observe(self, event: Event) -> None:
        s, cfg = self.state, self.settings
        if isinstance(event, SpeechEnd) and event.channel is Channel.CALLER \
                and event.duration >= cfg.caller_turn_min_s:
            self.occasions += 1
        if isinstance(event, SpeechStart) and event.channel is Channel.AGENT:
            caller_since = s.speaking_since[Channel.CALLER]
            if caller_since is not None and event.t - caller_since >= cfg.caller_turn_min_s:
                self.overlap_since = event.t
        elif isinstance(event, SpeechEnd):
            self.overlap_since = None
            self.resolve(event.t, "overlap over")
        elif isinstance(event, Tick) and self.overlap_since is not None \
                and event.t - SPEECH_END_LAG_S - self.overlap_since >= cfg.min_overlap_s:
            self.violations.append(self.overlap_since)
            self.prompt(event.t, overlap=event.t - SPEECH_END_LAG_S - self.overlap_since,
                        cut_in=self.overlap_since)
            self.overlap_since = None


class BackchannelRule(_CallerChannelRule):
    """A long caller turn with no sound from the agent: show that you are listening."""

    id = "backchannel"
    settings: BackchannelSettings
    no_occasion = "no long caller turn"

    def __init__(self, settings: RuleSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.turn_since: float | None = None
        self.prompted = False
        self.caller_turn_since: float | None = None
        """When the caller's current turn began, acknowledged or not: a long one is an
        occasion to acknowledge."""

    def observe(self, event: Event) -> None:
        s = self.state
        if isinstance(event, SpeechStart) and event.channel is Channel.CALLER:
            last_end = s.last_end[Channel.CALLER]
            if last_end is None or event.t - last_end > TURN_GAP_S \
                    or self.caller_turn_since is None:
                self.caller_turn_since = event.t
            if self.turn_since is None or last_end is None or event.t - last_end > TURN_GAP_S:
                self.turn_since, self.prompted = event.t, False
        elif isinstance(event, SpeechStart) and event.channel is Channel.AGENT:
            self.turn_since = None
            self.resolve(event.t, "agent acknowledged")
        elif isinstance(event, SpeechEnd) and event.channel is Channel.CALLER \
                and self.caller_turn_since is not None \
                and event.t - self.caller_turn_since >= self.settings.after_s:
            self.occasions += 1
            self.caller_turn_since = None
        elif isinstance(event, Tick) and self.turn_since is not None:
            self._tick(event.t)

    def _tick(self, t: float) -> None:
        since, s = self.turn_since, self.state
        if since is None:
            return
        last_end = s.last_end[Channel.CALLER]
        if not s.speaking(Channel.CALLER) and last_end is not None and t - last_end > TURN_GAP_S:
            self.turn_since = None
            self.resolve(t, "caller finished")
        elif not self.prompted and t - since >= self.settings.after_s:
            self.prompted = True
            self.violate(t, talked=t - since)
