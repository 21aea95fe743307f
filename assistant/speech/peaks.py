"""Peaks of an envelope and its moving mean, as scipy defines them, in numpy alone.

Pace (:mod:`assistant.speech.pace`) counts syllables as the peaks of the syllable envelope
that stand out by a prominence and lie a distance apart. These are
``scipy.signal.find_peaks`` and ``scipy.ndimage.uniform_filter1d`` with the same results
(the tests compare them on random and envelope-like signals); they are written out here
because importing ``scipy.signal`` costs the live app 70-100 MB of resident memory
(:mod:`assistant.speech.iir`).
"""

from __future__ import annotations

import math

import numpy as np


def moving_mean(x: np.ndarray, size: int) -> np.ndarray:
    """``scipy.ndimage.uniform_filter1d(x, size, mode="nearest")``: the mean of ``size``
    samples, ``size // 2`` before to ``(size - 1) // 2`` after, the ends repeated."""
    x = np.asarray(x, dtype=np.float64)
    if size < 1:
        raise ValueError(f"moving mean over {size} samples: needs at least 1")
    if x.size == 0:
        return x.copy()
    before, after = size // 2, size - size // 2 - 1
    line = np.concatenate((np.full(before, x[0]), x, np.full(after, x[-1])))
    # scipy's running sum, in its order of additions (so the same to the last bit)
    steps = np.empty(len(x))
    steps[0] = _sum_in_order(line[:size])
    steps[1:] = line[size:] - line[:len(x) - 1]
    return np.cumsum(steps) / size


def _sum_in_order(values: np.ndarray) -> float:
    total = 0.0
    for v in values.tolist():
        total += v
    return total


def find_peaks(x: np.ndarray, prominence: float, distance: float = 1.0) -> np.ndarray:
    """``scipy.signal.find_peaks(x, prominence=prominence, distance=distance)[0]``.

    A peak is a sample (the middle one of a flat top, rounded down) above both
    neighbours; the first and last samples are never peaks. Of peaks closer than
    ``distance`` samples the higher is kept (then the next highest of what is left, and
    so on); of those, the ones whose prominence is at least ``prominence`` remain. The
    prominence is the peak's height over the higher of its two bases, a base being the
    lowest sample between the peak and the nearest higher sample on that side (or the
    signal's end)."""
    x = np.asarray(x, dtype=np.float64)
    if distance < 1:
        raise ValueError(f"peak distance {distance}: must be 1 or more samples")
    peaks = local_maxima(x)
    peaks = peaks[_apart(peaks, x[peaks], math.ceil(distance))]
    return peaks[prominences(x, peaks) >= prominence]


def local_maxima(x: np.ndarray) -> np.ndarray:
    """Indices of the samples above both neighbours; a flat top's middle, rounded down."""
    if len(x) < 3:
        return np.zeros(0, dtype=np.intp)
    starts = np.concatenate(([0], np.flatnonzero(x[1:] != x[:-1]) + 1))
    ends = np.concatenate((starts[1:] - 1, [len(x) - 1]))
    values = x[starts]
    top = np.flatnonzero((values[1:-1] > values[:-2]) & (values[1:-1] > values[2:])) + 1
    return (starts[top] + ends[top]) // 2


def _apart(peaks: np.ndarray, heights: np.ndarray, distance: int) -> np.ndarray:
    """scipy's ``_select_by_peak_distance``: the highest first (in ``np.argsort``'s
    order of equal heights, as scipy), each removing its neighbours within ``distance``."""
    keep = np.ones(len(peaks), dtype=bool)
    if distance <= 1 or len(peaks) < 2:
        return keep
    lo = np.searchsorted(peaks, peaks - distance, side="right").tolist()
    hi = np.searchsorted(peaks, peaks + distance, side="left").tolist()
    kept = keep.tolist()
    for j in np.argsort(heights)[::-1].tolist():
        if kept[j]:
            for k in range(lo[j], j):
                kept[k] = False
            for k in range(j + 1, hi[j]):
                kept[k] = False
    return np.asarray(kept, dtype=bool)


def prominences(x: np.ndarray, peaks: np.ndarray) -> np.ndarray:
    """scipy's ``peak_prominences`` (no window): each peak over the higher of its bases."""
    out = np.empty(len(peaks))
    for n, peak in enumerate(peaks.tolist()):
        height = x[peak]
        higher = np.flatnonzero(x[:peak] > height)
        left = x[(higher[-1] + 1 if higher.size else 0):peak + 1].min()
        higher = np.flatnonzero(x[peak + 1:] > height)
        right = x[peak:(peak + 1 + higher[0] if higher.size else len(x))].min()
        out[n] = height - max(left, right)
    return out
