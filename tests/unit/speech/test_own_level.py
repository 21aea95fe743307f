"""The agent's own level in a crowded room: one raised sentence does not become it."""

from __future__ import annotations

import numpy as np

from assistant.ground.events import SAMPLE_RATE, Channel, SpeechEnd
from assistant.speech.analyzer import ChannelAnalyzer
from assistant.speech.ownvoice import OwnVoiceSettings
from tests.unit.speech.synthetic import blocks, silence, syllable, utterance


def _crowded(signal: np.ndarray, level_db: float, seed: int = 4) -> np.ndarray:
    """Neighbours talking ``level_db`` under the agent's normal voice all along."""
    rng = np.random.default_rng(seed)
    out = signal.copy()
    at = 0
    while at < len(out):
        piece = syllable(float(rng.uniform(0.12, 0.25)), 0.3, float(rng.choice([120, 230, 270])))
        piece = piece[: len(out) - at] * np.float32(10 ** (level_db / 20))
        out[at: at + len(piece)] += piece
        at += len(piece) + int(rng.uniform(0.02, 0.12) * SAMPLE_RATE)
    return out


def _call(raised_db: float) -> tuple[np.ndarray, list[float]]:
    """Four normal sentences, one ``raised_db`` louder, then five normal ones, 2.5 s
    apart; returns the signal and where the sentences after the raised one start."""
    gain = 10 ** (raised_db / 20)
    parts, starts, t = [silence(1.0)], [], 1.0
    for i in range(10):
        sentence = utterance(10, 240, amplitude=0.3 * (gain if i == 4 else 1.0))
        if i > 4:
            starts.append(t)
        parts += [sentence, silence(2.5)]
        t += (len(sentence) + len(silence(2.5))) / SAMPLE_RATE
    return np.concatenate(parts), starts


def _starts(signal: np.ndarray) -> list[float]:
    analyzer = ChannelAnalyzer(Channel.AGENT, own_voice=OwnVoiceSettings())
    out = []
    for start, block in blocks(signal):
        out += analyzer.process(block, start)
    out += analyzer.finish(len(signal))
    return [e.start for e in out if isinstance(e, SpeechEnd)]


def test_after_one_raised_sentence_the_agents_normal_voice_is_still_speech():
    signal, later = _call(raised_db=9.0)
    found = _starts(_crowded(signal, -14.0))
    missed = [t for t in later if not any(abs(s - t) < 0.3 for s in found)]
    assert missed == [], (missed, found)
