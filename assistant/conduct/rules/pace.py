"""Pace drift (第五条 语速与对方相符): the agent's pace follows the caller's, within a sane band.

Compares rolling paces (syllables per minute of speaking time) whenever the agent's
reading updates. The warning needs the drift to last ``sustain_s`` of audio time and clears
only inside the narrower ``resolve_band`` (hysteresis), so one quick sentence does not
flicker it on and off.
"""

from __future__ import annotations

from assistant.conduct.pack import PaceDriftRule as PaceDriftSettings
from assistant.conduct.rules.base import Rule
from assistant.core.events import Channel, Event, Finding, PaceReading, Status


class PaceDriftRule(Rule):
    id = "pace_drift"
    settings: PaceDriftSettings

    def __init__(self, settings, engine):
        super().__init__(settings, engine)
        self.latest: dict[Channel, PaceReading] = {}
        self.drifting_since: float | None = None
        self.compared = False

    def observe(self, event: Event) -> None:
        if not isinstance(event, PaceReading):
            return
        self.latest[event.channel] = event
        if event.channel is Channel.AGENT:
            self._judge(event)

    def _usable(self, reading: PaceReading | None) -> float | None:
        if reading is None or reading.rolling_spm is None:
            return None
        return reading.rolling_spm if reading.speaking_s >= self.settings.min_speaking_s else None

    def _judge(self, agent: PaceReading) -> None:
        cfg, t = self.settings, agent.t
        agent_spm = self._usable(agent)
        if agent_spm is None:
            return
        caller_spm = self._usable(self.latest.get(Channel.CALLER))
        self.compared = True
        direction = self._direction(agent_spm, caller_spm, cfg.ratio_band)
        if direction is None:
            self.drifting_since = None
            if self.active and self._direction(agent_spm, caller_spm, cfg.resolve_band,
                                               absolute=False) is None:
                self.resolve(t, "pace back in step")
            return
        if self.drifting_since is None:
            self.drifting_since = t
        if not self.active and t - self.drifting_since >= cfg.sustain_s:
            word = cfg.fast_word if direction > 0 else cfg.slow_word
            self.violate(t, direction=word, agent=agent_spm, caller=caller_spm or 0.0)

    def _direction(self, agent: float, caller: float | None, band: float,
                   absolute: bool = True) -> int | None:
        """+1 too fast, -1 too slow, None in step. The absolute band has no hysteresis."""
        cfg = self.settings
        if caller is not None:
            ratio = agent / caller
            if ratio > 1 + band:
                return 1
            if ratio < 1 / (1 + band):
                return -1
        if absolute or caller is None:
            if agent > cfg.max_spm:
                return 1
            if agent < cfg.min_spm:
                return -1
        return None

    def finding(self, end: float) -> Finding:
        if not self.compared:
            return self.make_finding(Status.NOT_APPLICABLE, "too little speech to judge pace")
        finding = super().finding(end)
        if not self.state.has_caller:
            return self.make_finding(finding.status,
                                     "no caller channel: absolute band only", finding.times)
        return finding
