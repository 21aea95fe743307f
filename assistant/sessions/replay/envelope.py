"""Loudness over time for a timeline lane: from the call's audio, or from its level readings.

The audio gives a fine envelope (RMS in dBFS per ``AUDIO_BIN_S``); without it (the pack
did not record audio, or the file is gone) the pipeline's level readings, one per 100 ms,
still draw the call's shape. Either way a lane asks for ``window(t0, t1, n)``: one value
per pixel column, the loudest bin under it, so a spoken syllable never vanishes when an
hour is squeezed into a thousand pixels.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from assistant.ground.events import Channel, LevelReading

AUDIO_BIN_S = 0.02
READING_BIN_S = 0.1
FLOOR_DB = -90.0
_CHUNK_S = 30.0


@dataclass(frozen=True)
class Envelope:
    step: float
    """Seconds per bin; bin ``i`` covers ``[i * step, (i + 1) * step)``."""
    db: np.ndarray
    """RMS in dBFS per bin, float32; NaN where nothing is known."""

    @property
    def duration(self) -> float:
        return len(self.db) * self.step

    def window(self, t0: float, t1: float, n: int) -> np.ndarray:
        """``n`` values across ``[t0, t1)``: the loudest bin under each column (NaN: none)."""
        out = np.full(n, np.nan, dtype=np.float32)
        if n <= 0 or t1 <= t0 or not len(self.db):
            return out
        edges = np.floor(np.linspace(t0, t1, n + 1) / self.step + 1e-6).astype(np.int64)
        edges = np.clip(edges, 0, len(self.db))
        lo, hi = edges[:-1], np.maximum(edges[1:], edges[:-1] + 1)
        inside = lo < len(self.db)
        if (hi - lo).max(initial=1) <= 1:
            out[inside] = self.db[lo[inside]]
            return out
        starts = lo[inside]
        if not len(starts):
            return out
        stop = int(min(len(self.db), max(hi[inside].max(), starts.max() + 1)))
        valid = np.where(np.isnan(self.db[:stop]), -np.inf, self.db[:stop])
        # Columns are contiguous and ordered, so "up to the next column's start" is the
        # column's own span; the last one ends at ``stop``.
        peaks = np.maximum.reduceat(valid, starts)
        out[inside] = np.where(np.isinf(peaks), np.nan, peaks)
        return out


def from_readings(readings: Iterable[LevelReading], channel: Channel,
                  duration: float) -> Envelope:
    bins = max(1, int(np.ceil(duration / READING_BIN_S)))
    db = np.full(bins, np.nan, dtype=np.float32)
    for reading in readings:
        if reading.channel is channel:
            i = int(round(reading.t / READING_BIN_S))
            if 0 <= i < bins:
                db[i] = reading.rms_dbfs
    return Envelope(READING_BIN_S, db)


def from_audio(path: Path) -> list[Envelope]:
    """One envelope per channel of the file (agent first, as the recorder writes them).

    Read in chunks, so an hour-long call never sits in memory as samples.
    """
    with sf.SoundFile(str(path)) as f:
        rate, channels = f.samplerate, f.channels
        per_bin = max(1, int(round(rate * AUDIO_BIN_S)))
        chunk = per_bin * int(_CHUNK_S / AUDIO_BIN_S)
        parts: list[np.ndarray] = []
        for block in f.blocks(blocksize=chunk, dtype="float32", always_2d=True):
            usable = (len(block) // per_bin) * per_bin
            if usable < len(block):
                block = np.concatenate([block, np.zeros((per_bin - len(block) + usable,
                                                         channels), np.float32)])
            frames = np.ascontiguousarray(block.T).reshape(channels, -1, per_bin)
            parts.append((np.einsum("cbi,cbi->cb", frames, frames) / per_bin).T)
    power = np.concatenate(parts) if parts else np.zeros((0, channels), np.float32)
    db = 10.0 * np.log10(np.maximum(power, 10 ** (FLOOR_DB / 10)))
    return [Envelope(per_bin / rate, db[:, c].astype(np.float32)) for c in range(channels)]
