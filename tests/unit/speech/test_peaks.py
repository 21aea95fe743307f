"""Peaks and the moving mean against scipy's ``find_peaks`` and ``uniform_filter1d``."""

import numpy as np
import pytest
import scipy.signal
from scipy.ndimage import uniform_filter1d

from assistant.speech.peaks import find_peaks, moving_mean
from assistant.speech.subbands import SubBandEnvelope
from tests.unit.speech.synthetic import run_together, silence, utterance

RNG = np.random.default_rng(5)


def scipy_peaks(x, prominence, distance):
    return scipy.signal.find_peaks(x, prominence=prominence, distance=distance)[0]


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 8, 11])
def test_the_moving_mean_is_scipys_to_the_last_bit(size):
    for n in [1, 2, 3, 4, 7, 10, 64, 333]:
        x = RNG.standard_normal(n) * 10.0 ** RNG.uniform(-3, 3)
        assert np.array_equal(moving_mean(x, size), uniform_filter1d(x, size, mode="nearest"))


def test_the_moving_mean_of_nothing_is_nothing():
    assert moving_mean(np.zeros(0), 3).shape == (0,)
    with pytest.raises(ValueError, match="at least 1"):
        moving_mean(np.ones(4), 0)


def random_signals():
    for n in [0, 1, 2, 3, 4, 5, 8, 50, 400, 2000]:
        for _ in range(8):
            yield RNG.standard_normal(n)
            yield RNG.integers(0, 4, n).astype(float)  # ties and flat tops everywhere
            steps = np.repeat(RNG.integers(0, 6, n), RNG.integers(1, 5, n))[:n]
            yield steps.astype(float)  # plateaus of 1-4 samples, at the ends too
            yield np.cumsum(RNG.standard_normal(n))  # bases far from their peaks
            # each peak about the highest so far
            yield np.linspace(0.0, 1.0, n) + 0.01 * RNG.standard_normal(n)


@pytest.mark.parametrize("prominence", [0.0, 0.5, 1.0, 2.0, 4.0])
@pytest.mark.parametrize("distance", [1, 2, 3, 4.5, 6, 16])
def test_peaks_of_random_signals_and_plateaus_are_scipys(prominence, distance):
    for x in random_signals():
        assert np.array_equal(find_peaks(x, prominence, distance),
                              scipy_peaks(x, prominence, distance)), x.tolist()


def test_a_flat_top_peaks_at_its_middle_rounded_down():
    x = np.array([0.0, 1.0, 3.0, 3.0, 3.0, 3.0, 1.0, 2.0, 2.0, 2.0, 0.0, 5.0, 5.0])
    assert find_peaks(x, 0.0).tolist() == [3, 8] == scipy_peaks(x, 0.0, 1).tolist()


def envelopes():
    """The syllable envelope of speech-like signals, as pace reads it."""
    for signal in (np.concatenate([silence(0.3), utterance(20, 240), silence(0.5),
                                   utterance(12, 150)]),
                   run_together(30, 280),
                   np.concatenate([utterance(16, 200, amplitude=0.05),
                                   0.003 * RNG.standard_normal(8000).astype(np.float32)])):
        envelope = SubBandEnvelope()
        yield envelope.process(signal)
        yield moving_mean(envelope.process(signal[::-1].copy()), 3)


@pytest.mark.parametrize("prominence", [0.5, 2.0, 3.0])
@pytest.mark.parametrize("distance", [1, 6, 8, 12, 16])
def test_peaks_of_syllable_envelopes_are_scipys(prominence, distance):
    for x in envelopes():
        for part in (x, x[:37], x[100:260]):
            ours = find_peaks(part, prominence, distance)
            assert np.array_equal(ours, scipy_peaks(part, prominence, distance))
    assert len(ours) > 0


def test_a_distance_below_one_sample_is_refused():
    with pytest.raises(ValueError, match="distance"):
        find_peaks(np.ones(5), 1.0, 0.5)
