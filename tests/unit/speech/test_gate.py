"""The speech gate: silence is held back (only the pre-roll is ever fed), speech opens the
gate with its pre-roll, the hangover is fed, then the utterance is flushed."""

from __future__ import annotations

import numpy as np

from assistant.ground.events import Channel
from assistant.speech.gate import SpeechGate

BLOCK = 1600


class Recorder:
    channel, grammar, skips_silence = Channel.AGENT, True, True

    def __init__(self):
        self.fed: list[int] = []
        self.finished: list[int] = []

    def accept(self, samples, start):
        self.fed.append(start)
        return []

    def finish(self, end):
        self.finished.append(end)
        return []


def run(pattern: str) -> Recorder:
    """``pattern``: one character per 100-ms block, ``#`` voiced, ``.`` silent."""
    rec = Recorder()
    gate = SpeechGate(rec, preroll_s=0.3, hangover_s=0.5)
    for i, mark in enumerate(pattern):
        gate.process(np.zeros(BLOCK, np.float32), i * BLOCK, mark == "#")
    return rec


def test_silence_alone_is_never_fed():
    rec = run("." * 300)
    assert rec.fed == [] and rec.finished == []


def test_speech_is_fed_with_its_preroll_and_hangover_then_flushed():
    rec = run("." * 20 + "###" + "." * 20)
    blocks = [start // BLOCK for start in rec.fed]
    assert blocks == [17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27]  # 3 pre-roll, 3 voiced, 5 after
    assert rec.finished == [28 * BLOCK]


def test_a_short_pause_keeps_the_gate_open():
    rec = run("###...###" + "." * 10)
    assert [s // BLOCK for s in rec.fed][:9] == list(range(9))
    assert len(rec.finished) == 1
