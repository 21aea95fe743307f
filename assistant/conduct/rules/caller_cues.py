"""Caller-side cues that a call is getting heated: acoustic and behavioural, never a label.

Two cues, both about the *caller's* channel only (nothing is ever inferred about the agent):

* ``raised``: the caller's speaking level over the last ``caller_window_s`` of their speech
  is ``caller_raised_db`` or more over their own baseline (the energy mean of their first
  ``caller_baseline_s`` of speech). It settles ``HYSTERESIS_DB`` lower, or when the caller
  has been quiet for ``QUIET_ENDS_S``.
* ``overtalk``: the caller keeps talking for ``caller_overtalk_s`` while the agent talks.

A :class:`CallerCues` turns the call's events into :class:`Episode` spans. Every rule that
uses them keeps its own instance fed with the same events, so they all see the same spans.
"""

from __future__ import annotations

import enum
import math
from collections import deque
from dataclasses import dataclass

from assistant.conduct.pack import Acoustics
from assistant.ground.events import (
    SPEECH_END_LAG_S,
    Channel,
    Event,
    LevelReading,
    SpeechEnd,
    SpeechStart,
    Tick,
)

BLOCK_S = 0.1
HYSTERESIS_DB = 3.0
QUIET_ENDS_S = 6.0


class Cue(str, enum.Enum):
    RAISED = "raised"
    OVERTALK = "overtalk"


@dataclass
class Episode:
    cue: Cue
    t0: float
    t1: float | None = None
    raised_db: float = 0.0
    """How far over the caller's baseline (``raised``), at most."""

    def covers(self, t: float, after_s: float = 0.0) -> bool:
        return self.t0 <= t and (self.t1 is None or t <= self.t1 + after_s)


def db(energy: float) -> float:
    return 10 * math.log10(max(energy, 1e-12))


class CallerCues:
    def __init__(self, acoustics: Acoustics):
        self.cfg = acoustics
        self.baseline: list[float] = []
        self.window = max(1, round(acoustics.caller_window_s / BLOCK_S))
        self.recent: deque[float] = deque(maxlen=self.window)
        self.episodes: list[Episode] = []
        self._raised: Episode | None = None
        self._last_caller_block: float | None = None
        self._agent_since: float | None = None
        self._caller_since: float | None = None
        self._overtalk_counted = False

    @property
    def baseline_db(self) -> float | None:
        if len(self.baseline) < round(self.cfg.caller_baseline_s / BLOCK_S):
            return None
        return db(sum(self.baseline) / len(self.baseline))

    def observe(self, event: Event) -> Episode | None:
        """Feed one event; the episode that began with it, if one did."""
        if isinstance(event, LevelReading) and event.channel is Channel.CALLER and event.speaking:
            return self._level(event)
        if isinstance(event, SpeechStart):
            if event.channel is Channel.AGENT:
                self._agent_since = event.t
            else:
                self._caller_since, self._overtalk_counted = event.t, False
        elif isinstance(event, SpeechEnd):
            if event.channel is Channel.AGENT:
                self._agent_since = None
            else:
                self._caller_since = None
            self._close_overtalk(event.t)
        elif isinstance(event, Tick):
            return self._tick(event.t)
        return None

    def _level(self, event: LevelReading) -> Episode | None:
        energy = 10 ** (event.rms_dbfs / 10)
        self._last_caller_block = event.t
        if self.baseline_db is None:
            self.baseline.append(energy)
            return None
        self.recent.append(energy)
        if len(self.recent) < self.window:
            return None
        over = db(sum(self.recent) / len(self.recent)) - self.baseline_db
        if self._raised is not None:
            self._raised.raised_db = max(self._raised.raised_db, over)
            if over < self.cfg.caller_raised_db - HYSTERESIS_DB:
                self._raised.t1, self._raised = event.t, None
            return None
        if over >= self.cfg.caller_raised_db:
            start = event.t - self.cfg.caller_window_s
            self._raised = Episode(Cue.RAISED, round(max(start, 0.0), 2), raised_db=over)
            self.episodes.append(self._raised)
            return self._raised
        return None

    def _tick(self, t: float) -> Episode | None:
        if self._raised is not None and self._last_caller_block is not None \
                and t - self._last_caller_block >= QUIET_ENDS_S:
            self._raised.t1, self._raised = self._last_caller_block, None
            self.recent.clear()
        if self._agent_since is None or self._caller_since is None or self._overtalk_counted:
            return None
        overlap_from = max(self._agent_since, self._caller_since)
        if self._caller_since > self._agent_since \
                and t - SPEECH_END_LAG_S - overlap_from >= self.cfg.caller_overtalk_s:
            self._overtalk_counted = True
            episode = Episode(Cue.OVERTALK, round(self._caller_since, 2))
            self.episodes.append(episode)
            return episode
        return None

    def _close_overtalk(self, t: float) -> None:
        for episode in self.episodes:
            if episode.cue is Cue.OVERTALK and episode.t1 is None:
                episode.t1 = t

    def active(self, t: float) -> bool:
        return any(e.t1 is None and e.t0 <= t for e in self.episodes)

    def finish(self, end: float) -> list[Episode]:
        for episode in self.episodes:
            if episode.t1 is None:
                episode.t1 = end
        return self.episodes
