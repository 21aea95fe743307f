"""Syllable-nuclei pace on signals whose syllable rate is known exactly."""

import numpy as np
import pytest

from assistant.ground.events import Channel, PaceReading
from assistant.speech.analyzer import ChannelAnalyzer
from assistant.speech.pace import PaceSettings
from tests.unit.speech.synthetic import blocks, run_together, silence, utterance


def readings(signal, block=1600, settings=PaceSettings()):
    analyzer = ChannelAnalyzer(Channel.AGENT, pace=settings)
    out = []
    for start, chunk in blocks(signal, block):
        out += analyzer.process(chunk, start)
    out += analyzer.finish(len(signal))
    return [e for e in out if isinstance(e, PaceReading)]


def talk(rate_spm, sentences=4, syllables=12, pause=1.5):
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


def test_a_short_pause_inside_an_utterance_is_speaking_time():
    """A comma's pause longer than the VAD's hangover splits the segments but not the
    utterance: QA tools' 字/分钟 divide by the utterance's whole duration."""
    clause = utterance(12, 240)  # 3 s
    signal = np.concatenate([silence(0.5), clause, silence(0.7), clause, silence(0.7), clause,
                             silence(2.0)])
    final = readings(signal)[-1]
    assert final.speaking_s == pytest.approx(9.0 + 1.4, abs=0.1)
    assert final.call_spm == pytest.approx(60 * 36 / 10.4, rel=0.05)


def test_a_long_pause_ends_the_utterance_and_is_not_counted():
    clause = utterance(12, 240)
    signal = np.concatenate([silence(0.5), clause, silence(1.5), clause, silence(2.0)])
    final = readings(signal)[-1]
    assert final.speaking_s == pytest.approx(6.0, abs=0.1)
    assert final.call_spm == pytest.approx(240, rel=0.05)


def test_syllables_that_run_together_are_counted():
    """Between two vowels joined by a murmur the broad band barely dips; the upper
    sub-bands do, and each syllable is counted."""
    signal = np.concatenate([silence(0.5), run_together(24, 240), silence(1.0)])
    final = readings(signal)[-1]
    assert final.syllables == 24
    assert final.call_spm == pytest.approx(240, rel=0.05)
