"""Syllable-nuclei pace on signals whose syllable rate is known exactly."""

import numpy as np
import pytest

from assistant.ground.events import Channel, PaceReading
from assistant.speech.analyzer import ChannelAnalyzer
from assistant.speech.pace import PaceSettings
from tests.unit.speech.synthetic import blocks, silence, utterance


def readings(signal, block=1600, settings=PaceSettings()):
    analyzer = ChannelAnalyzer(Channel.AGENT, pace=settings)
    out = []
    for start, chunk in blocks(signal, block):
        out += analyzer.process(chunk, start)
    out += analyzer.finish(len(signal))
    return [e for e in out if isinstance(e, PaceReading)]


def talk(rate_spm, sentences=4, syllables=12, pause=0.8):
    parts = [silence(0.5)]
    for _ in range(sentences):
        parts += [utterance(syllables, rate_spm), silence(pause)]
    return np.concatenate(parts)


@pytest.mark.parametrize("rate", [150, 200, 250, 300])
def test_call_pace_matches_the_true_syllable_rate(rate):
    final = readings(talk(rate))[-1]
    assert final.syllables == 48
    assert final.call_spm == pytest.approx(rate, rel=0.05)


def test_block_size_does_not_change_the_result():
    signal = talk(220)
    a, b = readings(signal, 1600)[-1], readings(signal, 437)[-1]
    assert (a.syllables, a.call_spm) == (b.syllables, b.call_spm)


def test_no_pace_until_enough_speech():
    signal = np.concatenate([silence(0.5), utterance(8, 240), silence(1.0)])  # 2 s of speech
    assert all(r.call_spm is None and r.rolling_spm is None for r in readings(signal))


def test_rolling_pace_follows_a_change_while_the_call_pace_lags():
    settings = PaceSettings(window_s=10.0)
    signal = np.concatenate([talk(150, sentences=6), talk(300, sentences=6)])
    final = readings(signal, settings=settings)[-1]
    assert final.rolling_spm == pytest.approx(300, rel=0.08)
    assert 180 < final.call_spm < 240


def test_readings_come_during_long_speech_not_only_at_its_end():
    signal = np.concatenate([silence(0.5), utterance(60, 240), silence(1.0)])  # 15 s, one turn
    during = [r for r in readings(signal) if r.t < 15.0 and r.rolling_spm is not None]
    assert len(during) >= 8
    assert during[-1].rolling_spm == pytest.approx(240, rel=0.08)
