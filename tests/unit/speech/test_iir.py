"""The band-pass design and the streaming filter against scipy, their reference."""

import numpy as np
import pytest
from scipy.signal import butter, sosfilt

from assistant.ground.events import SAMPLE_RATE
from assistant.speech.frames import BAND_HZ
from assistant.speech.iir import CHUNK, MAX_BLOCK, SosFilter, butter_bandpass_sos
from assistant.speech.subbands import SUB_BANDS_HZ

APP_BANDS = (BAND_HZ, *SUB_BANDS_HZ)
OTHER_BANDS = ((20.0, 40.0), (100.0, 7900.0), (300.0, 3400.0), (3000.0, 7000.0))
RNG = np.random.default_rng(11)


def reference(order, band, fs=SAMPLE_RATE):
    return butter(order, band, btype="bandpass", fs=fs, output="sos")


@pytest.mark.parametrize("band", APP_BANDS)
def test_the_apps_bands_are_designed_exactly_as_scipy_designs_them(band):
    assert np.array_equal(butter_bandpass_sos(2, band, SAMPLE_RATE), reference(2, band))


@pytest.mark.parametrize("order", [1, 2, 3, 4, 6])
@pytest.mark.parametrize("band", OTHER_BANDS)
def test_other_orders_and_bands_match_scipy(order, band):
    ours = butter_bandpass_sos(order, band, SAMPLE_RATE)
    assert ours.shape == (order, 6)
    np.testing.assert_allclose(ours, reference(order, band), rtol=1e-12, atol=1e-15)


def test_another_sample_rate_matches_scipy():
    np.testing.assert_allclose(butter_bandpass_sos(2, (300.0, 3400.0), 8000.0),
                               reference(2, (300.0, 3400.0), fs=8000.0), rtol=1e-12)


@pytest.mark.parametrize("band", [(0.0, 100.0), (500.0, 400.0), (100.0, 8000.0)])
def test_a_band_outside_zero_to_nyquist_is_refused(band):
    with pytest.raises(ValueError, match="band-pass"):
        butter_bandpass_sos(2, band, SAMPLE_RATE)


def scipy_stream(sos, pieces):
    zi, out = np.zeros((sos.shape[0], 2)), []
    for piece in pieces:
        if len(piece):  # scipy refuses an empty block; it changes nothing
            y, zi = sosfilt(sos, piece, zi=zi)
            out.append(y)
    return np.concatenate(out), zi


def split(signal, lengths):
    cuts = np.cumsum(lengths)
    return np.split(signal, cuts[cuts < len(signal)])


def random_lengths(total):
    choices = [0, 1, 2, 3, 39, CHUNK, CHUNK + 1, 159, 160, 161, 1599, 1600, 1601,
               MAX_BLOCK + 7, 3 * MAX_BLOCK + 13]
    lengths = []
    while sum(lengths) < total:
        lengths.append(int(RNG.choice(choices)) if RNG.random() < 0.7
                       else int(RNG.integers(0, 2000)))
    return lengths


@pytest.mark.parametrize("band", APP_BANDS + OTHER_BANDS[:2])
def test_streaming_in_random_blocks_gives_scipys_output_and_state(band):
    sos = reference(2, band)
    for trial in range(3):
        signal = RNG.standard_normal(12000) * (10.0 ** RNG.uniform(-4, 0))
        pieces = split(signal, random_lengths(len(signal)))
        ours = SosFilter(sos)
        got = np.concatenate([ours.process(p) for p in pieces])
        want, state = scipy_stream(sos, pieces)
        scale = np.max(np.abs(want))
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-10 * scale)
        np.testing.assert_allclose(ours.state, state, rtol=0, atol=1e-10 * scale)


def test_a_higher_order_cascade_streams_as_scipys():
    sos = reference(4, (250.0, 3000.0))
    signal = RNG.standard_normal(5000)
    pieces = split(signal, [7, 160, 1, 0, 1600, 33, 3300])
    got = np.concatenate([SosFilter(sos).process(p) for p in [np.concatenate(pieces)]])
    ours = SosFilter(sos)
    streamed = np.concatenate([ours.process(p) for p in pieces])
    want, _ = scipy_stream(sos, pieces)
    np.testing.assert_allclose(streamed, want, rtol=0, atol=1e-10 * np.max(np.abs(want)))
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-10 * np.max(np.abs(want)))


def test_a_bank_filters_each_cascade_as_scipy_does_alone():
    bank = [reference(2, band) for band in SUB_BANDS_HZ]
    signal = (0.3 * RNG.standard_normal(9000)).astype(np.float32)  # the pipeline's dtype
    pieces = split(signal, random_lengths(len(signal)))
    ours = SosFilter(bank)
    got = np.concatenate([ours.process(p) for p in pieces], axis=1)
    assert got.shape == (len(bank), len(signal)) and ours.state.shape == (len(bank), 2, 2)
    for i, sos in enumerate(bank):
        want, state = scipy_stream(sos, pieces)
        scale = np.max(np.abs(want))
        np.testing.assert_allclose(got[i], want, rtol=0, atol=1e-10 * scale)
        np.testing.assert_allclose(ours.state[i], state, rtol=0, atol=1e-10 * scale)


def test_an_empty_block_gives_nothing_and_keeps_the_state():
    ours = SosFilter(reference(2, BAND_HZ))
    ours.process(RNG.standard_normal(100))
    before = ours.state
    assert ours.process(np.zeros(0)).shape == (0,)
    assert np.array_equal(ours.state, before)
    assert SosFilter([reference(2, b) for b in SUB_BANDS_HZ]).process([]).shape == (6, 0)


def test_sections_not_normalised_are_refused():
    sos = reference(2, BAND_HZ)
    sos[0, 3] = 2.0
    with pytest.raises(ValueError, match="a0"):
        SosFilter(sos)
