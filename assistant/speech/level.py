"""Loudness of a stretch of samples: RMS and peak in dBFS, and whether it clipped.

Clipping is a run of samples pinned at full scale, not a single loud peak: a clean
recording may touch 0 dBFS once, a clipped one sits there for several samples in a row.
"""

from __future__ import annotations

import numpy as np

FLOOR_DBFS = -120.0
CLIP_LEVEL = 0.985
CLIP_RUN = 3


def to_dbfs(power: float | np.ndarray) -> float | np.ndarray:
    """Mean-square power (full scale = 1.0) to dBFS, floored so silence is finite."""
    return np.maximum(10.0 * np.log10(np.maximum(power, 1e-12)), FLOOR_DBFS)


def rms_dbfs(samples: np.ndarray) -> float:
    if samples.size == 0:
        return FLOOR_DBFS
    return float(to_dbfs(float(np.mean(np.square(samples, dtype=np.float64)))))


def peak_dbfs(samples: np.ndarray) -> float:
    if samples.size == 0:
        return FLOOR_DBFS
    return float(to_dbfs(float(np.max(np.abs(samples))) ** 2))


def clipped(samples: np.ndarray) -> bool:
    """True when ``CLIP_RUN`` or more consecutive samples sit at full scale."""
    pinned = np.abs(samples) >= CLIP_LEVEL
    if np.count_nonzero(pinned) < CLIP_RUN:
        return False
    run = np.convolve(pinned.astype(np.int8), np.ones(CLIP_RUN, dtype=np.int8), mode="valid")
    return bool(np.any(run >= CLIP_RUN))
