"""One synthetic utterance as it goes into a call: trimmed to its voiced span, at speaking level.

Shared by every voice (espeak-ng, the natural voice) so a turn's ``t0``/``t1`` bound its
speech the same way whoever speaks it, and every voice speaks at the same level.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

from assistant.ground.events import SAMPLE_RATE

SPEECH_DBFS = -20.0
"""Speaking level of a turn at ``gain_db = 0``: RMS of its voiced 10 ms frames."""

PEAK_LIMIT = 10 ** (-1 / 20)
"""A turn at or below normal level never peaks above -1 dBFS: only a scenario that turns
the gain up may clip (the volume rule counts clipping as too loud)."""

TRIM_DB = 50.0
"""Leading and trailing samples more than this far below the turn's peak are silence."""


def trim(audio: np.ndarray) -> np.ndarray:
    """The utterance from its first to its last sample within ``TRIM_DB`` of its peak."""
    peak = float(np.max(np.abs(audio))) if audio.size else 0.0
    if peak <= 0:
        return audio[:0]
    loud = np.flatnonzero(np.abs(audio) > peak * 10 ** (-TRIM_DB / 20))
    return audio[loud[0]: loud[-1] + 1]


def normalise(audio: np.ndarray) -> np.ndarray:
    """Scale to ``SPEECH_DBFS`` over the voiced frames (within 30 dB of the loudest)."""
    frame = SAMPLE_RATE // 100
    usable = len(audio) // frame * frame
    if usable == 0:
        return audio.astype(np.float32)
    energy = np.mean(np.square(audio[:usable].reshape(-1, frame), dtype=np.float64), axis=1)
    voiced = energy[energy >= energy.max() * 1e-3]
    gain = 10 ** (SPEECH_DBFS / 20) / np.sqrt(voiced.mean())
    return (audio * gain).astype(np.float32)


def cached_audio(cache_dir: Path | None, key_parts: tuple, make: Callable[[], np.ndarray]
                 ) -> np.ndarray:
    """``make()``'s utterance, kept in ``cache_dir`` under a hash of ``key_parts`` (written
    atomically, so parallel test runs never read half a file)."""
    if cache_dir is None:
        return make()
    key = hashlib.sha256(repr(key_parts).encode()).hexdigest()
    cached = cache_dir / f"{key[:32]}.npy"
    if cached.exists():
        return np.load(cached)
    audio = make()
    cached.parent.mkdir(parents=True, exist_ok=True)
    temp = cached.with_suffix(f".{key[32:40]}.tmp.npy")
    np.save(temp, audio)
    temp.replace(cached)
    return audio
