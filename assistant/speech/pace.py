"""Speaking pace without a speech model: syllable nuclei per minute of speaking time.

A syllable's vowel is a peak of the syllable envelope (:mod:`assistant.speech.subbands`:
the mean sub-band level, which dips between syllables that run together where one broad
band's energy does not) at a frame loud enough in the speech band; counting peaks that
stand out from their neighbours by 2 dB, at least half the segment's typical syllable
interval apart (so a long vowel's ripple is one syllable, and fast speech keeps its short
ones) (after de Jong & Wempe's syllable-nuclei method, without Praat) estimates
syllables, and for Mandarin characters, since a character is a syllable.

Pace is nuclei ÷ speaking time, both over a rolling window of the last ``window_s`` of
speech and over the whole call. Speaking time is what call-centre QA tools divide by for
字/分钟: the utterances' durations, the pauses inside them included. The VAD ends a
segment at any pause longer than its hangover, so a pause shorter than ``join_pause_s``
between two segments is counted as speaking time (a comma's pause, which slow speakers
stretch past the hangover); a longer one ends the utterance and is not counted. A slow
speaker's pauses are as slow as their syllables, so the limit grows with the speaker's
syllable interval so far (``join_syllables`` of them, up to ``max_join_pause_s``).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from assistant.ground.events import SAMPLE_RATE, Channel, PaceReading
from assistant.speech.frames import FRAME_SAMPLES
from assistant.speech.peaks import find_peaks, moving_mean

FRAME_S = FRAME_SAMPLES / SAMPLE_RATE
SMOOTH_FRAMES = 3
"""The band energy is smoothed over this many frames (the syllable envelope comes smoothed)."""
MIN_PROMINENCE_DB = 2.0
MIN_GAP_S = 0.06
GAP_OF_INTERVAL = 0.5
MAX_GAP_S = 0.16
BELOW_PEAK_DB = 25.0
CONFIRM_FRAMES = 10
"""A peak in the open segment counts only once this many later frames are in."""


@dataclass(frozen=True)
class PaceSettings:
    window_s: float = 20.0
    min_speech_s: float = 4.0
    report_every_s: float = 1.0
    join_pause_s: float = 1.0
    """A pause this short between two speech segments is inside one utterance: in
    natural Mandarin, a comma's or a sentence's pause runs 0.3-0.9 s; the speaker who
    stops longer than a second has finished (or is waiting for the other side)."""
    join_syllables: float = 4.0
    """...or this many of the speaker's syllable intervals (their speaking time so far
    over their syllables), if longer: 1.0 s at 240 字/分, 1.4 s at 170."""
    max_join_pause_s: float = 1.5
    join_after_syllables: int = 20
    """The speaker's own interval counts once this many syllables are heard."""


def nuclei(envelope_db: np.ndarray, floor_db: float,
           shape_db: np.ndarray | None = None) -> np.ndarray:
    """Frame indices of syllable nuclei in one speech segment: peaks of ``shape_db`` (the
    syllable envelope; the band energy ``envelope_db`` itself where there is none) whose
    band energy is above ``floor_db`` and within ``BELOW_PEAK_DB`` of the segment's peak."""
    if envelope_db.size < 3:
        return np.zeros(0, dtype=int)
    loud = moving_mean(envelope_db, SMOOTH_FRAMES)
    smooth = loud if shape_db is None or len(shape_db) != len(envelope_db) else shape_db
    height = max(floor_db, float(loud.max()) - BELOW_PEAK_DB)

    def peaks_apart(gap_s: float) -> np.ndarray:
        found = find_peaks(smooth, prominence=MIN_PROMINENCE_DB,
                           distance=max(1, round(gap_s / FRAME_S)))
        return found[loud[found] > height]

    peaks = peaks_apart(MIN_GAP_S)
    if len(peaks) < 4:
        return peaks
    gap = min(MAX_GAP_S, GAP_OF_INTERVAL * float(np.median(np.diff(peaks))) * FRAME_S)
    return peaks if gap <= MIN_GAP_S else peaks_apart(gap)


@dataclass
class _Segment:
    start: float
    end: float
    nuclei: np.ndarray  # audio times

    @property
    def duration(self) -> float:
        return self.end - self.start


class PaceTracker:
    """Feeds on frame energies and the VAD's segments; reports :class:`PaceReading`."""

    def __init__(self, channel: Channel, settings: PaceSettings = PaceSettings()):
        self.channel = channel
        self.settings = settings
        self._env: list[float] = []
        self._shape: list[float] = []  # the syllable envelope, frame for frame with _env
        self._env_first = 0  # frame index of self._env[0]
        self._open_start: int | None = None
        self._bridge_s = 0.0  # the pause before the open segment, when it is inside an utterance
        self._segments: deque[_Segment] = deque()
        self._total_syllables = 0
        self._total_speaking = 0.0
        self._next_report: float | None = None
        self.threshold = -60.0

    def frames(self, energies: np.ndarray, first_frame: int, threshold: float,
               shape: np.ndarray | None = None) -> None:
        """Band energies (and the syllable envelope, frame for frame) of the next frames."""
        self.threshold = threshold
        if not self._env:
            self._env_first = first_frame
        self._env.extend(energies.tolist())
        self._shape.extend((energies if shape is None else shape).tolist())
        if self._open_start is None:
            self._trim_envelope()

    def start(self, t: float) -> None:
        self._open_start = round(t / FRAME_S)
        self._next_report = t + self.settings.report_every_s
        pause = t - self._segments[-1].end if self._segments else float("inf")
        self._bridge_s = pause if 0.0 <= pause < self._join_limit() else 0.0

    def end(self, t: float, start: float) -> PaceReading:
        first, last = round(start / FRAME_S), round(t / FRAME_S)
        found = self._nuclei_between(first, last)
        self._segments.append(_Segment(start - self._bridge_s, t, found))
        self._total_syllables += len(found)
        self._total_speaking += t - start + self._bridge_s
        self._open_start, self._next_report, self._bridge_s = None, None, 0.0
        self._trim()
        return self._reading(t, open_segment=None)

    def tick(self, t: float) -> PaceReading | None:
        """A reading every ``report_every_s`` while the channel is speaking."""
        if self._next_report is None or t < self._next_report or self._open_start is None:
            return None
        self._next_report = t + self.settings.report_every_s
        confirmed = self._env_first + len(self._env) - CONFIRM_FRAMES
        if confirmed <= self._open_start:
            return None
        open_segment = _Segment(self._open_start * FRAME_S - self._bridge_s, confirmed * FRAME_S,
                                self._nuclei_between(self._open_start, confirmed))
        return self._reading(t, open_segment)

    def _join_limit(self) -> float:
        """The longest pause inside one utterance, for this speaker (seconds)."""
        cfg = self.settings
        if self._total_syllables < cfg.join_after_syllables:
            return cfg.join_pause_s
        interval = self._total_speaking / self._total_syllables
        return max(cfg.join_pause_s, min(cfg.max_join_pause_s, cfg.join_syllables * interval))

    @property
    def call_spm(self) -> float | None:
        return self._rate(self._total_syllables, self._total_speaking)

    @property
    def total_syllables(self) -> int:
        return self._total_syllables

    @property
    def total_speaking_s(self) -> float:
        return self._total_speaking

    def _nuclei_between(self, first: int, last: int) -> np.ndarray:
        lo, hi = max(first - self._env_first, 0), max(last - self._env_first, 0)
        envelope = np.asarray(self._env[lo:hi], dtype=float)
        shape = np.asarray(self._shape[lo:hi], dtype=float)
        return (nuclei(envelope, self.threshold, shape) + self._env_first + lo) * FRAME_S

    def _reading(self, t: float, open_segment: _Segment | None) -> PaceReading:
        segments = list(self._segments) + ([open_segment] if open_segment else [])
        syllables = self._total_syllables + (len(open_segment.nuclei) if open_segment else 0)
        speaking = self._total_speaking + (open_segment.duration if open_segment else 0.0)
        return PaceReading(self.channel, round(t, 3), self._rolling(segments),
                           self._rate(syllables, speaking), syllables, round(speaking, 3))

    def _rolling(self, segments: list[_Segment]) -> float | None:
        remaining, count = self.settings.window_s, 0
        for segment in reversed(segments):
            if segment.duration >= remaining:
                cut = segment.end - remaining
                count += int(np.count_nonzero(segment.nuclei >= cut))
                remaining = 0.0
                break
            count += len(segment.nuclei)
            remaining -= segment.duration
        return self._rate(count, self.settings.window_s - remaining)

    def _rate(self, syllables: int, speaking_s: float) -> float | None:
        if speaking_s < self.settings.min_speech_s:
            return None
        return round(60.0 * syllables / speaking_s, 1)

    def _trim(self) -> None:
        """Keep only the segments the rolling window can still reach."""
        kept, total = 0, 0.0
        for segment in reversed(self._segments):
            kept += 1
            total += segment.duration
            if total >= self.settings.window_s:
                break
        while len(self._segments) > kept:
            self._segments.popleft()
        self._trim_envelope()

    def _trim_envelope(self) -> None:
        """Outside speech, keep only the frames a segment onset can reach back to."""
        keep = 2 * CONFIRM_FRAMES
        if len(self._env) > keep:
            drop = len(self._env) - keep
            del self._env[:drop]
            del self._shape[:drop]
            self._env_first += drop
