"""The last N values of a stream and their percentile, on every block.

The VAD's noise floor and the own-voice levels are low or high percentiles of the last few
seconds of frame energies, taken on every 100-ms block of both channels. ``np.percentile``
over a deque copied into an array cost a third of the pipeline's time (most of it numpy's
per-call checks, not the selection): here the values stay in a ring buffer, and the
percentile is numpy's "linear" method on a partition, to the bit (tests/unit/speech/
test_recent.py compares them on random streams).
"""

from __future__ import annotations

import math

import numpy as np


class Recent:
    """The last ``size`` values pushed (fewer until that many came), in no order."""

    def __init__(self, size: int) -> None:
        self._ring = np.empty(max(size, 1))
        self._count = 0
        self._next = 0

    def __len__(self) -> int:
        return self._count

    def extend(self, values: np.ndarray) -> None:
        values = np.asarray(values, dtype=np.float64).ravel()
        size = len(self._ring)
        if len(values) >= size:
            self._ring[:] = values[-size:]
            self._count, self._next = size, 0
            return
        first = min(len(values), size - self._next)
        self._ring[self._next: self._next + first] = values[:first]
        self._ring[: len(values) - first] = values[first:]
        self._next = (self._next + len(values)) % size
        self._count = min(size, self._count + len(values))

    def percentile(self, q: float) -> float:
        """``np.percentile(values, q)`` of the values held (at least one)."""
        return percentile(self._ring[: self._count], q)


def percentile(values: np.ndarray, q: float) -> float:
    """``float(np.percentile(values, q))`` for a 1-D array of finite numbers, computed as
    numpy computes it (method "linear"), without its overhead. ``values`` is not changed."""
    n = len(values)
    if n == 0:
        raise ValueError("no values")
    at = (n - 1) * (q / 100)
    if at >= n - 1:
        return float(np.max(values))
    if at < 0:
        return float(np.min(values))
    low = math.floor(at)
    part = np.partition(values, (low, low + 1))
    a, b = float(part[low]), float(part[low + 1])
    gamma = at - low
    step = b - a
    return b - step * (1 - gamma) if gamma >= 0.5 else a + step * gamma
