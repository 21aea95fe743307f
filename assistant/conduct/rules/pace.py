"""Pace drift (第五条 语速与对方相符): the agent's pace follows the caller's, within a sane band.

Compares rolling paces (syllables per minute of speaking time) whenever the agent's
reading updates. The warning needs the drift to last ``sustain_s`` of audio time and clears
only inside the narrower ``resolve_band`` (hysteresis), so one quick sentence does not
flicker it on and off. Each cause has its own words: out of step with the caller, outside
the band any listener follows, or no caller channel to compare with. The overlay's pace
card asks ``judge_pace`` too, so the card and the prompt never disagree.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from assistant.conduct.rules.base import Rule, RuleHost
from assistant.conduct.settings_live import PaceDriftRule as PaceDriftSettings
from assistant.ground.events import Channel, Event, Finding, PaceReading, Status


class PaceCause(str, enum.Enum):
    CALLER = "caller"
    """Out of step with the caller (faster or slower than ``ratio_band`` allows)."""
    ABSOLUTE = "absolute"
    """Outside ``min_spm``–``max_spm``: too fast or slow for any listener."""
    NO_CALLER = "no_caller"
    """No caller channel: the absolute band is all there is to judge by."""


@dataclass(frozen=True)
class PaceJudgement:
    direction: int
    """+1 too fast, -1 too slow, 0 in step (or nothing to judge)."""
    cause: PaceCause | None = None


def usable_pace(cfg: PaceDriftSettings, reading: PaceReading | None) -> float | None:
    """The reading's rolling pace once it covers ``min_speaking_s`` of speech; before
    that there is nothing to judge by (``None``)."""
    if reading is None or reading.rolling_spm is None \
            or reading.speaking_s < cfg.min_speaking_s:
        return None
    return reading.rolling_spm


def pace_band(cfg: PaceDriftSettings, caller: float | None) -> tuple[float, float]:
    """Where the agent's pace belongs, in syllables per minute: within ``ratio_band`` of
    the caller's usable pace, inside the absolute ``min_spm``–``max_spm`` (which is all
    there is without one). ``judge_pace`` holds the agent to it (a reading past the band
    by less than ``reading_margin`` is not yet called outside: the measurement cannot
    tell); the overlay's gauge and replay draw it."""
    low, high = cfg.min_spm, cfg.max_spm
    if caller is None:
        return low, high
    factor = 1 + cfg.ratio_band
    high = min(high, caller * factor)
    return min(max(low, caller / factor), high), high


def judge_pace(cfg: PaceDriftSettings, agent: float | None, caller: float | None, *,
               has_caller: bool = True, band: float | None = None,
               absolute: bool = True) -> PaceJudgement:
    """Whether the agent's pace is out of its band, and why. The absolute band comes first
    (a fast caller does not make a too-fast agent right). A reading is outside only past
    the band by more than ``reading_margin`` (the measurement's own error: nearer than
    that, the true pace may well be inside). ``absolute=False`` with a ``band`` judges the
    caller comparison alone against that band as it is (the hysteresis check)."""
    if agent is None:
        return PaceJudgement(0)
    margin = 1.0 + (cfg.reading_margin if band is None else 0.0)
    if absolute or caller is None:
        outside = 1 if agent > cfg.max_spm * margin else \
            -1 if agent < cfg.min_spm / margin else 0
        if outside:
            return PaceJudgement(outside, PaceCause.ABSOLUTE if has_caller
                                 else PaceCause.NO_CALLER)
    if caller is not None:
        ratio = agent / caller
        width = (1 + (cfg.ratio_band if band is None else band)) * margin
        if ratio > width:
            return PaceJudgement(1, PaceCause.CALLER)
        if ratio < 1 / width:
            return PaceJudgement(-1, PaceCause.CALLER)
    return PaceJudgement(0)


class PaceDriftRule(Rule):
    id = "pace_drift"
    settings: PaceDriftSettings

    def __init__(self, settings: PaceDriftSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.latest: dict[Channel, PaceReading] = {}
        self.drifting_since: float | None = None
        self.compared = False
        self.causes: list[PaceCause] = []

    def observe(self, event: Event) -> None:
        if not isinstance(event, PaceReading):
            return
        self.latest[event.channel] = event
        if event.channel is Channel.AGENT:
            self._judge(event)

    def _judge(self, agent: PaceReading) -> None:
        cfg, t = self.settings, agent.t
        agent_spm = usable_pace(cfg, agent)
        if agent_spm is None:
            return
        caller_spm = usable_pace(cfg, self.latest.get(Channel.CALLER))
        has_caller = self.state.has_caller
        self.compared = True
        verdict = judge_pace(cfg, agent_spm, caller_spm, has_caller=has_caller)
        if not verdict.direction:
            self.drifting_since = None
            if self.active and not judge_pace(cfg, agent_spm, caller_spm, has_caller=has_caller,
                                              band=cfg.resolve_band, absolute=False).direction:
                self.resolve(t, "pace back in step")
            return
        if self.drifting_since is None:
            self.drifting_since = t
        if not self.active and t - self.drifting_since >= cfg.sustain_s:
            self.causes.append(verdict.cause or PaceCause.ABSOLUTE)
            self.violate(t, wording=self._wording(verdict.cause),
                         direction=cfg.fast_word if verdict.direction > 0 else cfg.slow_word,
                         agent=agent_spm, caller=caller_spm or 0.0,
                         low=cfg.min_spm, high=cfg.max_spm)

    def _wording(self, cause: PaceCause | None) -> str:
        cfg = self.settings
        if cause is PaceCause.NO_CALLER:
            return cfg.text_no_caller
        if cause is PaceCause.ABSOLUTE:
            return cfg.text_absolute
        return cfg.text

    def finding(self, end: float) -> Finding:
        if not self.compared:
            return self.make_finding(Status.NOT_APPLICABLE, "too little speech to judge pace")
        finding = super().finding(end)
        if not self.state.has_caller:
            return self.make_finding(finding.status,
                                     "no caller channel: absolute band only", finding.times)
        return finding
