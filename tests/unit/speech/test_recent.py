"""The ring buffer's percentile is numpy's, to the bit, on the streams the analysers see."""

from __future__ import annotations

from collections import deque

import numpy as np
import pytest

from assistant.speech.recent import Recent, percentile


@pytest.mark.parametrize("seed", range(6))
def test_a_stream_in_blocks_of_any_length_gives_numpys_percentile_of_the_last_values(seed):
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 1200))
    recent, reference = Recent(size), deque(maxlen=size)
    for _ in range(300):
        block = rng.normal(-50, 15, int(rng.integers(0, 2 * size if rng.random() < 0.05 else 12)))
        if rng.random() < 0.3:  # quantised levels: many equal values
            block = np.round(block)
        recent.extend(block)
        reference.extend(block.tolist())
        assert len(recent) == len(reference)
        if reference:
            for q in (0, 5, 30, 50, 90, 99.5, 100):
                assert recent.percentile(q) == float(np.percentile(np.fromiter(reference, float), q))


def test_percentile_leaves_its_values_alone_and_needs_one():
    values = np.array([3.0, 1.0, 2.0])
    assert percentile(values, 50) == 2.0
    assert values.tolist() == [3.0, 1.0, 2.0]
    assert percentile(np.array([7.0]), 5) == 7.0
    with pytest.raises(ValueError):
        percentile(np.array([]), 5)
