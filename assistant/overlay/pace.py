"""The pace gauge: agent and caller rolling pace, the band the agent should stay in.

The band, what counts as a reading and the verdict are the ``pace_drift`` rule's own
(``pace_band``, ``usable_pace``, ``judge_pace`` in :mod:`assistant.conduct.rules.pace`,
第五条 语速与对方相符); the warning colour follows the rule's prompt, so the gauge never
disagrees with what the engine said. Before a reading counts the gauge says it is still
listening.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.conduct.rules.pace import (
    PaceCause,
    PaceJudgement,
    judge_pace,
    pace_band,
    usable_pace,
)
from assistant.conduct.settings_live import PaceDriftRule
from assistant.ground.events import Channel, PaceReading


@dataclass
class PaceMeter:
    settings: PaceDriftRule
    spm: dict[Channel, float | None] = field(
        default_factory=lambda: {Channel.AGENT: None, Channel.CALLER: None})
    ready: dict[Channel, bool] = field(
        default_factory=lambda: {Channel.AGENT: False, Channel.CALLER: False})
    warning: bool = False

    def reset(self) -> None:
        for channel in Channel:
            self.spm[channel], self.ready[channel] = None, False
        self.warning = False

    def observe(self, reading: PaceReading) -> bool:
        """Take a reading; true when what the gauge shows changed."""
        ready = usable_pace(self.settings, reading) is not None
        spm = round(reading.rolling_spm, 1) if reading.rolling_spm is not None else None
        changed = (spm, ready) != (self.spm[reading.channel], self.ready[reading.channel])
        self.spm[reading.channel], self.ready[reading.channel] = spm, ready
        return changed

    def usable(self, channel: Channel) -> float | None:
        return self.spm[channel] if self.ready[channel] else None

    @property
    def band(self) -> tuple[float, float]:
        """Where the agent's pace belongs now, in syllables per minute."""
        return pace_band(self.settings, self.usable(Channel.CALLER))

    @property
    def judgement(self) -> PaceJudgement:
        return judge_pace(self.settings, self.usable(Channel.AGENT),
                          self.usable(Channel.CALLER))

    @property
    def relative(self) -> bool:
        """Whether the verdict is about the caller's pace (true) or the absolute band."""
        caller = self.usable(Channel.CALLER) is not None
        cause = self.judgement.cause
        return caller and cause in (None, PaceCause.CALLER)

    @property
    def direction(self) -> int:
        """+1 the agent is faster than the band, -1 slower, 0 inside it or unknown."""
        return self.judgement.direction

    @property
    def scale(self) -> tuple[float, float]:
        """The gauge's range: wide enough for the pack's band and both readings."""
        low = self.settings.min_spm * 0.5
        high = self.settings.max_spm * 1.25
        for value in self.spm.values():
            if value is not None:
                low, high = min(low, value * 0.9), max(high, value * 1.1)
        return low, high
