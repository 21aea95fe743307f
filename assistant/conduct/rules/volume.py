"""Volume (第五条 音量适中): the agent's speaking level stays in the pack's band.

Only blocks the VAD calls speech count, averaged over the last ``window_s`` of speaking
(energy mean, so a few loud syllables weigh as they sound); clipping counts as too loud.
"""

from __future__ import annotations

import math
from collections import deque

from assistant.conduct.rules.base import Rule, RuleHost
from assistant.conduct.settings_live import VolumeRule as VolumeSettings
from assistant.ground.events import Channel, Event, Finding, LevelReading, Status

BLOCK_S = 0.1


class VolumeRule(Rule):
    id = "volume"
    settings: VolumeSettings

    def __init__(self, settings: VolumeSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        size = max(1, round(settings.window_s / BLOCK_S))
        self.size = size
        self.energy: deque[float] = deque(maxlen=size)
        self.clipped: deque[bool] = deque(maxlen=size)
        self.judged = False

    def observe(self, event: Event) -> None:
        if not isinstance(event, LevelReading) or event.channel is not Channel.AGENT \
                or not (event.speaking or event.clipped):  # a saturated mic is never "met"
            return
        self.energy.append(10 ** (event.rms_dbfs / 10))
        self.clipped.append(event.clipped)
        if len(self.energy) < self.size:
            return
        self.judged = True
        level = 10 * math.log10(max(sum(self.energy) / len(self.energy), 1e-12))
        cfg = self.settings
        clipping = sum(self.clipped) >= cfg.clip_blocks
        if self.active:
            inside = cfg.quiet_dbfs + cfg.hysteresis_db < level < cfg.loud_dbfs - cfg.hysteresis_db
            if inside and not clipping:
                self.resolve(event.t, "volume back in band")
        elif level > cfg.loud_dbfs or clipping:
            self.violate(event.t, direction=cfg.loud_word, level=level, clipping=clipping)
        elif level < cfg.quiet_dbfs:
            self.violate(event.t, direction=cfg.quiet_word, level=level, clipping=False)

    def finding(self, end: float) -> Finding:
        if not self.judged and not self.violations:
            return self.make_finding(Status.NOT_APPLICABLE, "too little speech to judge volume")
        return super().finding(end)
