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
    """scipy's ``peak_prominences`` (no window): each peak over the higher of its bases.

    A peak's base after it is its base before it in the reversed signal; both are found
    in one search over the signal, an infinite sample and the signal reversed (the
    infinite sample stops the search as the signal's start does)."""
    n = len(x)
    both = np.concatenate((x, [np.inf], x[::-1]))
    bases = _bases(both, np.concatenate((peaks, 2 * n - peaks)), np.tile(x[peaks], 2))
    return x[peaks] - np.maximum(bases[:len(peaks)], bases[len(peaks):])


def _bases(x: np.ndarray, peaks: np.ndarray, heights: np.ndarray) -> np.ndarray:
    """For each peak, the lowest sample between it and the nearest higher one before it
    (or the signal's start). All peaks at once, in O(log n) steps: the stretch before a
    peak that stays at or below it is grown by halving strides (the maximum over each
    stride read from a table of maxima over power-of-two spans), and its minimum read from
    the table of minima, two overlapping spans."""
    if len(peaks) == 0:
        return np.zeros(0)
    highest, lowest = _span_tables(x)
    start = peaks.copy()
    for level in range(len(highest) - 1, -1, -1):
        stride = start - (1 << level)
        grow = stride >= 0
        grow[grow] = highest[level, stride[grow]] <= heights[grow]
        start = np.where(grow, stride, start)
    level = np.frexp(peaks - start + 1)[1] - 1  # the largest span that fits, 2**level
    return np.minimum(lowest[level, start], lowest[level, peaks - (1 << level) + 1])


def _span_tables(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row j, column i: the maximum (and the minimum) of x[i : i + 2**j]."""
    n = len(x)
    levels = max(1, n.bit_length())
    highest, lowest = np.full((levels, n), -np.inf), np.full((levels, n), np.inf)
    highest[0], lowest[0] = x, x
    for j in range(1, levels):
        half, count = 1 << (j - 1), n - (1 << j) + 1
        highest[j, :count] = np.maximum(highest[j - 1, :count], highest[j - 1, half:half + count])
        lowest[j, :count] = np.minimum(lowest[j - 1, :count], lowest[j - 1, half:half + count])
    return highest, lowest
