"""Pace on a crowded floor: the room's stray syllables are neither the agent's speaking
time nor their syllables; a slow speaker's pauses stay inside the utterance."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.ground.events import SAMPLE_RATE, Channel, PaceReading, SpeechEnd
from assistant.speech.analyzer import ChannelAnalyzer
from assistant.speech.ownvoice import OwnVoiceSettings
from assistant.speech.vad import Vad, VadSettings
from tests.unit.speech.synthetic import blocks, silence, syllable, utterance


def _segment_end(sustain_frames: int) -> float:
    """A 1-s stretch of speech, then 1.5 s of the room crossing the cut for one or two
    frames at a time, 0.3 s apart (inside the hangover of each other)."""
    energies = np.full(400, -80.0)
    energies[50:150] = -20.0
    for at in range(180, 300, 30):
        energies[at: at + 1 + at % 2] = -30.0
    vad = Vad(Channel.AGENT, VadSettings(sustain_frames=sustain_frames))
    events, _ = vad.process(energies, 0)
    [end] = [e for e in events if isinstance(e, SpeechEnd)]
    return end.t


def test_the_rooms_blips_after_the_last_word_do_not_stretch_the_segment():
    assert _segment_end(1) > 2.7  # every blip moved the end
    assert _segment_end(3) == pytest.approx(1.5, abs=0.01)


def _agent_readings(signal: np.ndarray, own_voice: OwnVoiceSettings | None) -> PaceReading:
    analyzer = ChannelAnalyzer(Channel.AGENT, own_voice=own_voice)
    out = []
    for start, block in blocks(signal):
        out += analyzer.process(block, start)
    out += analyzer.finish(len(signal))
    return [e for e in out if isinstance(e, PaceReading)][-1]


def _with_neighbours(level_db: float) -> tuple[np.ndarray, int]:
    """Six clauses of 8 syllables with 0.4-s comma pauses (inside the VAD's hangover),
    neighbours talking ``level_db`` under the agent all along."""
    parts = [silence(1.0)]
    for _ in range(6):
        parts += [utterance(8, 220), silence(0.4)]
    parts.append(silence(1.5))
    signal = np.concatenate(parts)
    rng = np.random.default_rng(3)
    at = 0
    while at < len(signal):
        piece = syllable(float(rng.uniform(0.12, 0.25)), 0.3, float(rng.choice([120, 230, 270])))
        piece = piece[: len(signal) - at] * np.float32(10 ** (level_db / 20))
        signal[at: at + len(piece)] += piece
        at += len(piece) + int(rng.uniform(0.02, 0.12) * SAMPLE_RATE)
    return signal, 48


@pytest.mark.parametrize("level_db", [-20.0, -25.0])
def test_a_neighbours_syllable_in_the_agents_comma_pause_is_not_theirs(level_db):
    signal, syllables = _with_neighbours(level_db)
    counted = _agent_readings(signal, OwnVoiceSettings()).syllables
    assert abs(counted - syllables) <= 1
    # without the room's cut on the nuclei, the pauses add syllables of their own
    loose = OwnVoiceSettings(nucleus_drop_db=60.0)
    assert _agent_readings(signal, loose).syllables > syllables + 3


def test_a_slow_speakers_long_comma_pause_is_inside_the_utterance():
    """At 150 字/分 a comma's pause runs past a second; at 300 the same pause ends the
    utterance."""
    def speaking(rate: int) -> float:
        clause = utterance(10, rate)
        signal = np.concatenate([silence(0.5)] + [clause, silence(1.2)] * 4 + [silence(1.0)])
        return _agent_readings(signal, None).speaking_s

    # the first pause comes before the speaker's own rate is known (20 syllables)
    slow, fast = speaking(150), speaking(300)
    assert slow == pytest.approx(4 * 4.0 + 2 * 1.2, abs=0.15)
    assert fast == pytest.approx(4 * 2.0, abs=0.15)
