"""Speaking pace without a speech model: syllable nuclei per minute of speaking time.

A syllable's vowel is a peak of speech-band energy; counting peaks that stand out from
their neighbours by 2 dB (natural speech runs syllables together: a deeper dip misses a
fifth of them), at least half the segment's typical syllable interval apart (so a long
vowel's ripple is one syllable, and fast speech keeps its short ones) (after de Jong & Wempe's syllable-nuclei method, without
Praat) estimates syllables, and for Mandarin characters, since a character is a
syllable. Pace is nuclei ÷ speaking time (the VAD's segments, short pauses inside a
sentence included, as call-centre QA tools compute 字/分钟), both over a rolling window
of the last ``window_s`` of speech and over the whole call.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
from scipy.ndimage import uniform_filter1d
from scipy.signal import find_peaks

from assistant.ground.events import SAMPLE_RATE, Channel, PaceReading
from assistant.speech.frames import FRAME_SAMPLES

FRAME_S = FRAME_SAMPLES / SAMPLE_RATE
SMOOTH_FRAMES = 3
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


def nuclei(envelope_db: np.ndarray, floor_db: float) -> np.ndarray:
    """Frame indices of syllable nuclei in one speech segment's energy envelope."""
    if envelope_db.size < 3:
        return np.zeros(0, dtype=int)
    smooth = uniform_filter1d(envelope_db, SMOOTH_FRAMES, mode="nearest")
    height = max(floor_db, float(smooth.max()) - BELOW_PEAK_DB)
    peaks, _ = find_peaks(smooth, height=height, prominence=MIN_PROMINENCE_DB,
                          distance=max(1, round(MIN_GAP_S / FRAME_S)))
    if len(peaks) < 4:
        return peaks
    gap = min(MAX_GAP_S, GAP_OF_INTERVAL * float(np.median(np.diff(peaks))) * FRAME_S)
    if gap <= MIN_GAP_S:
        return peaks
    peaks, _ = find_peaks(smooth, height=height, prominence=MIN_PROMINENCE_DB,
                          distance=max(1, round(gap / FRAME_S)))
    return peaks


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
        self._env_first = 0  # frame index of self._env[0]
        self._open_start: int | None = None
        self._segments: deque[_Segment] = deque()
        self._total_syllables = 0
        self._total_speaking = 0.0
        self._next_report: float | None = None
        self.threshold = -60.0

    def frames(self, energies: np.ndarray, first_frame: int, threshold: float) -> None:
        self.threshold = threshold
        if not self._env:
            self._env_first = first_frame
        self._env.extend(energies.tolist())
        if self._open_start is None:
            self._trim_envelope()

    def start(self, t: float) -> None:
        self._open_start = round(t / FRAME_S)
        self._next_report = t + self.settings.report_every_s

    def end(self, t: float, start: float) -> PaceReading:
        first, last = round(start / FRAME_S), round(t / FRAME_S)
        found = self._nuclei_between(first, last)
        self._segments.append(_Segment(start, t, found))
        self._total_syllables += len(found)
        self._total_speaking += t - start
        self._open_start, self._next_report = None, None
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
        open_segment = _Segment(self._open_start * FRAME_S, confirmed * FRAME_S,
                                self._nuclei_between(self._open_start, confirmed))
        return self._reading(t, open_segment)

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
        return (nuclei(envelope, self.threshold) + self._env_first + lo) * FRAME_S

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
            self._env_first += drop
