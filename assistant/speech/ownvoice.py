"""Own-voice detection on the agent's microphone: the agent, not the room, not the caller.

The agent's headset microphone hears three kinds of speech: the agent (near, loud), the
neighbours on the floor (far, 10–25 dB down, and speech all the same, so a speech/non-speech
detector cannot reject it) and the caller leaking back from the headset (a copy of the
caller's channel, 20–30 dB down and a few tens of milliseconds late). Per 10 ms frame of
speech-band energy this module says which frames are the agent's own voice:

* **echo**: the caller's frames, delayed and attenuated along the echo path, predict how
  loud the echo is in each agent frame; a frame no louder than that prediction plus
  ``echo_margin_db`` is echo. The path (delay and coupling) is measured from the two
  channels themselves, by the lag at which the agent's energy follows the caller's best,
  over the last ``echo_window_s`` in which the caller spoke; with no echo it measures
  nothing and predicts nothing.
* **the room**: the agent's own speaking level (``own_ref``: a high percentile of the
  recent non-echo frames; it rises at once when the agent speaks and sinks slowly while
  they are silent, so a long lookup keeps it) and the background's (the loud end of the
  frames away from the agent's speech) set a threshold between the two: above the
  background's peaks, at most ``max_drop_db`` below the agent's level, never closer to it
  than ``min_drop_db``.

Everything is driven by the frames themselves (audio time), so live capture and replay
adapt the same way, within seconds of the agent's first words and of a new room.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from assistant.ground.events import SAMPLE_RATE
from assistant.speech.frames import FRAME_SAMPLES
from assistant.speech.recent import Recent, percentile

FRAME_S = FRAME_SAMPLES / SAMPLE_RATE


@dataclass(frozen=True)
class OwnVoiceSettings:
    level_window_s: float = 6.0
    own_percentile: float = 95.0
    own_decay_db_per_s: float = 0.1
    background_window_s: float = 10.0
    core_db: float = 10.0
    core_gap_s: float = 0.5
    """The room is measured ``core_gap_s`` or more after the agent's loud frames (within
    ``core_db`` of their level), so the agent's own soft sounds are not taken for it."""
    background_percentile: float = 90.0
    above_background_db: float = 4.0
    max_drop_db: float = 25.0
    min_drop_db: float = 8.0
    echo_window_s: float = 8.0
    echo_max_delay_s: float = 0.12
    echo_min_correlation: float = 0.7
    echo_min_frames: int = 50
    echo_prior_db: float = -12.0
    """Until the path is measured, caller speech this far down (at any delay) may be echo."""
    echo_max_coupling_db: float = -6.0
    """An "echo" louder than this is the agent answering in step, not a leak."""
    echo_margin_db: float = 8.0
    echo_update_s: float = 0.2
    onset_s: float = 0.10
    onset_window_s: float = 0.20
    """Own speech starts after ``onset_s`` above the cut within ``onset_window_s``: the
    room's loudest moments (a neighbour's stressed syllable, a click) are shorter."""
    onset_db: float = 6.0
    onset_level_s: float = 0.06
    """...and ``onset_level_s`` of those frames within ``onset_db`` of the agent's own
    level: a syllable's vowel at the speaker's level, which even a soft 嗯 into a headset
    has, and which the floor reaches only in a neighbour's loudest instant."""
    onset_room_db: float = 18.0
    onset_above_room_db: float = 12.0
    """While the room's loud frames stay more than ``onset_room_db`` under the agent's own
    level (a quiet room, or neighbours 20 dB down), the onset's frames need only be
    ``onset_above_room_db`` over the room's loud frames rather than near the own level: one
    raised sentence lifts the own level for minutes, and must not make the agent's normal
    voice too quiet to start speech. Until the room is measured, and while neighbours come
    within ``onset_room_db``, the own level decides."""
    nucleus_drop_db: float = 18.0
    """A syllable nucleus on the agent's channel must be above the room's cut, unless that
    cut comes within this much of the agent's own level: the agent's unstressed syllables
    (的, 了) lie up to 18 dB under it, so there the room's cut would drop them, and this
    much under the agent's level is the nucleus floor instead."""
    sustain_s: float = 0.03
    """Inside own speech, voice this long without a break keeps the segment open (the
    VAD's ``sustain_frames``): the agent's syllables are longer, a neighbour's syllable
    crosses the cut for a frame or two."""
    caller_active_db: float = 15.0
    """A caller frame counts for the echo path this far above the caller's floor."""


class EchoPath:
    """Delay and coupling from the caller's channel to the agent's microphone."""

    def __init__(self, settings: OwnVoiceSettings):
        self.settings = settings
        size = round(settings.echo_window_s / FRAME_S)
        self._agent: deque[float] = deque(maxlen=size)
        self._caller: deque[float] = deque(maxlen=size)
        self._max_lag = round(settings.echo_max_delay_s / FRAME_S)
        self._recent = np.full(self._max_lag + 2, -120.0)  # last caller frames, newest last
        self._since_update = 0
        self.delay_frames: int | None = None
        self.coupling_db: float | None = None
        self.measured = False
        """Whether the path is known (``delay_frames`` None then means: no echo)."""
        self.correlation = 0.0

    @property
    def delay_s(self) -> float | None:
        return None if self.delay_frames is None else self.delay_frames * FRAME_S

    def predict(self, agent_db: np.ndarray, caller_db: np.ndarray,
                own_ref: float | None) -> np.ndarray:
        """Predicted echo energy (dB) in each of these agent frames; learns as it goes
        from the frames well below the agent's own level (``own_ref``), where the agent
        is not talking over the echo."""
        history = np.concatenate([self._recent, caller_db])
        self._recent = history[-len(self._recent):]
        quiet = agent_db if own_ref is None else np.where(
            agent_db < own_ref - self.settings.min_drop_db, agent_db, np.nan)
        self._agent.extend(quiet.tolist())
        self._caller.extend(caller_db.tolist())
        self._since_update += len(agent_db)
        if self._since_update >= round(self.settings.echo_update_s / FRAME_S):
            self._since_update = 0
            self._estimate()
        base = len(history) - len(caller_db)
        if not self.measured:
            lags = range(self._max_lag + 1)
            return self._delayed(history, base, len(caller_db), lags) + self.settings.echo_prior_db
        if self.delay_frames is None or self.coupling_db is None:
            return np.full(len(agent_db), -np.inf)
        lags = range(self.delay_frames - 1, self.delay_frames + 2)
        return self._delayed(history, base, len(caller_db), lags) + self.coupling_db

    @staticmethod
    def _delayed(history: np.ndarray, base: int, count: int, lags: range) -> np.ndarray:
        """Per frame, the loudest caller frame ``lags`` earlier."""
        index = base + np.arange(count)
        return np.stack([history[np.clip(index - lag, 0, len(history) - 1)]
                         for lag in lags]).max(axis=0)

    def _estimate(self) -> None:
        agent = np.fromiter(self._agent, float)
        caller = np.fromiter(self._caller, float)
        n = len(agent)
        if n <= self._max_lag + 50:
            return
        floor = percentile(caller, 5)
        best, best_lag = None, 0
        for lag in range(self._max_lag + 1):
            a, c = agent[lag:], caller[: n - lag]
            active = (c > floor + self.settings.caller_active_db) & ~np.isnan(a)
            if np.count_nonzero(active) < self.settings.echo_min_frames:
                continue
            r = _correlation(a[active], c[active])
            if best is None or r > best:
                best, best_lag = r, lag
        if best is None:
            return  # too little caller speech to tell: keep what was measured
        self.correlation, self.measured = best, True
        if best < self.settings.echo_min_correlation:
            self.delay_frames = self.coupling_db = None
            return
        a, c = agent[best_lag:], caller[: n - best_lag]
        active = (c > floor + self.settings.caller_active_db) & ~np.isnan(a)
        coupling = percentile(a[active] - c[active], 30)
        if coupling > self.settings.echo_max_coupling_db:
            self.delay_frames = self.coupling_db = None
            return
        self.delay_frames, self.coupling_db = best_lag, coupling


class OwnVoice:
    """Per-frame own-voice flags for the agent's channel; ``threshold`` is the room's cut."""

    def __init__(self, settings: OwnVoiceSettings = OwnVoiceSettings()):
        self.settings = settings
        self.echo = EchoPath(settings)
        self._level = Recent(round(settings.level_window_s / FRAME_S))
        self._background = Recent(round(settings.background_window_s / FRAME_S))
        self.own_ref: float | None = None
        self.room_db: float | None = None
        """The room's loud frames (its ``background_percentile``), once measured."""
        self.threshold = -120.0
        self._since_core = 1 << 30

    def process(self, agent_db: np.ndarray, caller_db: np.ndarray | None,
                floor_threshold: float) -> tuple[np.ndarray, np.ndarray]:
        """Which of these frames are the agent's own voice (above ``floor_threshold``,
        the VAD's noise-floor cut, not echo, above the room), and which of those are at
        the agent's full level (within ``onset_db`` of it: own speech gets there for a
        syllable's length, the room at 10 dB or more below only for an instant)."""
        if agent_db.size == 0:
            return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
        echo = np.zeros(len(agent_db), dtype=bool)
        if caller_db is not None and len(caller_db) == len(agent_db):
            predicted = self.echo.predict(agent_db, caller_db, self.own_ref)
            echo = agent_db < predicted + self.settings.echo_margin_db
        above_floor = agent_db > floor_threshold
        self._update_levels(agent_db[above_floor & ~echo], len(agent_db))
        own = above_floor & ~echo & (agent_db > self.threshold)
        self._background.extend(agent_db[self._away_from_speech(agent_db, echo)])
        return own, self._strong(own, agent_db)

    @property
    def nucleus_floor(self) -> float:
        """The level (dBFS) a syllable nucleus must reach to be the agent's: above the
        room's loud frames (``threshold``) while the room is far below the agent (a
        neighbour's syllable in the agent's comma pause is not theirs), never more than
        ``nucleus_drop_db`` under the agent's own level."""
        if self.own_ref is None:
            return -120.0
        return min(self.threshold, self.own_ref - self.settings.nucleus_drop_db)

    def _strong(self, own: np.ndarray, agent_db: np.ndarray) -> np.ndarray:
        cfg = self.settings
        if self.own_ref is None:
            return own
        if self.room_db is not None and self.own_ref - self.room_db >= cfg.onset_room_db:
            return own & (agent_db > self.room_db + cfg.onset_above_room_db)
        return own & (agent_db > self.own_ref - cfg.onset_db)

    def _away_from_speech(self, agent_db: np.ndarray, echo: np.ndarray) -> np.ndarray:
        """Frames that are the room: not echo, and ``core_gap_s`` or more after the last
        frame of the agent's loud core (the agent's quiet sounds follow loud ones)."""
        cfg = self.settings
        if self.own_ref is None:  # no own voice heard yet: nothing to be away from
            return np.zeros(len(agent_db), dtype=bool)
        core = agent_db > self.own_ref - cfg.core_db
        gap = round(cfg.core_gap_s / FRAME_S)
        away = np.zeros(len(agent_db), dtype=bool)
        for i, loud in enumerate(core):
            self._since_core = 0 if loud else self._since_core + 1
            away[i] = self._since_core > gap and not echo[i]
        return away

    def _update_levels(self, candidates: np.ndarray, frames: int) -> None:
        cfg = self.settings
        self._level.extend(candidates)
        if len(self._level) >= 20:
            now = self._level.percentile(cfg.own_percentile)
            if self.own_ref is None or now >= self.own_ref:
                self.own_ref = now
            else:
                self.own_ref = max(now, self.own_ref - cfg.own_decay_db_per_s * frames * FRAME_S)
        if self.own_ref is None:
            return
        lowest = self.own_ref - cfg.max_drop_db
        if len(self._background) >= 50:
            self.room_db = self._background.percentile(cfg.background_percentile)
            room = self.room_db + cfg.above_background_db
            self.threshold = min(max(lowest, room), self.own_ref - cfg.min_drop_db)
        else:
            self.threshold = lowest


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a - a.mean(), b - b.mean()
    denominator = float(np.sqrt(np.dot(a, a) * np.dot(b, b)))
    return float(np.dot(a, b) / denominator) if denominator > 0 else 0.0
