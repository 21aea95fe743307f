"""The unit of audio that sources hand to the pipeline."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.ground.events import SAMPLE_RATE

BLOCK_SAMPLES = SAMPLE_RATE // 10
"""100 ms at 16 kHz: the pipeline's step, and so the resolution of every timer."""


@dataclass(frozen=True)
class Block:
    """``start`` is the sample index of the first sample (audio time), at ``SAMPLE_RATE``.

    Samples are float32 in [-1, 1], mono per channel, the same length on both channels.
    ``caller`` is ``None`` when there is no caller channel (mono recording, no loopback).
    """

    start: int
    agent: np.ndarray
    caller: np.ndarray | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.agent)
