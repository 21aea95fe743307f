"""The VAD on signals whose speech spans are known exactly."""

import numpy as np
import pytest

from assistant.ground.events import Channel, SpeechEnd, SpeechStart
from assistant.speech.analyzer import ChannelAnalyzer
from tests.unit.speech.synthetic import blocks, silence, syllable, utterance


def speech_events(signal):
    analyzer = ChannelAnalyzer(Channel.AGENT)
    events = []
    for start, block in blocks(signal):
        events += analyzer.process(block, start)
    events += analyzer.finish(len(signal))
    return [e for e in events if isinstance(e, (SpeechStart, SpeechEnd))]


def spans(events):
    return [(e.start, e.t) for e in events if isinstance(e, SpeechEnd)]


def test_segments_start_and_end_where_the_speech_is():
    signal = np.concatenate([silence(1.0), utterance(10, 240), silence(2.0), utterance(6, 200),
                             silence(1.0)])
    [(s1, e1), (s2, e2)] = spans(speech_events(signal))
    assert s1 == pytest.approx(1.0, abs=0.06) and e1 == pytest.approx(3.5, abs=0.06)
    assert s2 == pytest.approx(5.5, abs=0.06) and e2 == pytest.approx(7.3, abs=0.06)


def test_a_short_pause_inside_a_sentence_does_not_split_it_but_a_long_one_does():
    short = np.concatenate([silence(0.5), utterance(5, 240), silence(0.3), utterance(5, 240),
                            silence(1.0)])
    long = np.concatenate([silence(0.5), utterance(5, 240), silence(0.9), utterance(5, 240),
                           silence(1.0)])
    assert len(spans(speech_events(short))) == 1
    assert len(spans(speech_events(long))) == 2


def test_a_keyboard_click_is_not_speech():
    click = syllable(0.03, amplitude=0.8)
    signal = np.concatenate([silence(1.0), click, silence(1.0), click, silence(1.0)])
    assert speech_events(signal) == []


def test_the_threshold_follows_a_noisy_line():
    rng = np.random.default_rng(1)
    speech = np.concatenate([silence(3.0), utterance(12, 240), silence(3.0)])
    noise = rng.normal(0, 0.01, len(speech)).astype(np.float32)  # about -40 dBFS of hiss
    [(start, end)] = spans(speech_events(speech + noise))
    assert start == pytest.approx(3.0, abs=0.1) and end == pytest.approx(6.0, abs=0.1)


def test_hiss_alone_is_never_speech():
    rng = np.random.default_rng(2)
    noise = rng.normal(0, 0.02, 16000 * 8).astype(np.float32)
    assert speech_events(noise) == []


def _onsets(strong_frames: int) -> list:
    """A 0.3-s stretch loud enough to be speech, ``strong_frames`` of it (in a row, in
    its middle) at the speaker's own level."""
    from assistant.speech.vad import Vad, VadSettings

    vad = Vad(Channel.AGENT, VadSettings(onset_frames=10, onset_window=20,
                                         onset_strong_frames=8))
    energies = np.full(200, -80.0)
    energies[100:130] = -30.0
    strong = np.zeros(200, dtype=bool)
    strong[110: 110 + strong_frames] = True
    events, _ = vad.process(energies, 0, np.ones(200, dtype=bool), strong)
    return [e for e in events if isinstance(e, SpeechStart)]


def test_an_onset_needs_a_syllables_length_at_the_speakers_own_level():
    assert _onsets(5) == []  # a neighbour's loudest instant
    [start] = _onsets(8)  # a vowel at the agent's level
    assert start.t == pytest.approx(1.0, abs=0.01)  # stamped where the sound began
