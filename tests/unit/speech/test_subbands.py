"""The syllable envelope: the mean sub-band level with the room's floor taken out of each band."""

import numpy as np
import pytest

from assistant.ground.events import SAMPLE_RATE, Channel
from assistant.speech.analyzer import ChannelAnalyzer
from assistant.speech.frames import FRAME_SAMPLES
from assistant.speech.subbands import SUB_BANDS_HZ, BandNoise, BandNoiseSettings, SubBandEnvelope
from tests.unit.speech.synthetic import blocks, utterance

RNG = np.random.default_rng(7)


def test_blocks_give_the_same_envelope_as_the_whole_signal():
    signal = np.concatenate([utterance(12, 240), 0.01 * RNG.standard_normal(SAMPLE_RATE)])
    whole = SubBandEnvelope().process(signal)
    for size in (437, 1600):
        envelope = SubBandEnvelope()
        parts = [envelope.process(chunk) for _, chunk in blocks(signal, size)]
        assert np.allclose(np.concatenate(parts), whole)


def test_the_floor_follows_the_room_and_not_the_speaker():
    noise = BandNoise(BandNoiseSettings(time_constant_s=1.0, gap_s=0.2))
    room = np.full((len(SUB_BANDS_HZ), 300), 1e-6)
    noise.update(room, np.zeros(300, dtype=bool))
    measured = noise.floor / noise._weight
    assert np.allclose(measured, 1e-6, rtol=0.05)
    loud = np.full((len(SUB_BANDS_HZ), 300), 1e-2)
    speaking = np.zeros(300, dtype=bool)
    speaking[::15] = True  # the speaker every 150 ms: never 0.2 s away from them
    noise.update(loud, speaking)
    assert np.allclose(noise.floor / noise._weight, measured)


def test_above_floor_is_zero_at_the_room_and_positive_over_it():
    noise = BandNoise()
    room = np.full((len(SUB_BANDS_HZ), 200), 1e-6)
    noise.update(room, np.zeros(200, dtype=bool))
    level = noise.above_floor(np.concatenate([room[:, :1], 10 * room[:, :1]], axis=1))
    assert level[0] <= 0.0
    assert level[1] == pytest.approx(10 * np.log10(10 - 1.5), abs=0.5)


def test_the_callers_voice_is_not_the_agents_room():
    """On the agent's microphone the caller's echo comes while the caller speaks: those
    frames never set the floor the agent's syllables are measured above."""
    noisy = (0.0003 * RNG.standard_normal(3 * SAMPLE_RATE)).astype(np.float32)
    frames = len(noisy) // FRAME_SAMPLES
    measured = {}
    for caller_speaks in (False, True):
        analyzer = ChannelAnalyzer(Channel.AGENT)
        analyzer.process(noisy, 0, reference=np.full(frames, -30.0),
                         reference_voiced=np.full(frames, caller_speaks))
        measured[caller_speaks] = analyzer.syllables.noise.floor.sum()
    assert measured[False] > 0.0
    assert measured[True] == 0.0
