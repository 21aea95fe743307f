"""A recogniser that "hears" a synthetic call's own script.

No Chinese or English vosk model can be installed on the test machines, so scenario runs
for those languages use this stand-in at the recogniser boundary (the Korean tests use the
real decoder). It keeps the real recogniser's contract: fed 100 ms blocks in audio time,
it gives each of its channel's turns as one final result ``delay_s`` after the turn's
speech ends, with word times spread evenly over the voiced span, as vosk would stamp them.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from assistant.ground.events import SAMPLE_RATE, Channel, Transcript, Word
from assistant.scenario.synth import SynthTurn, speech_units


class ScriptedRecogniser:
    grammar: bool = True
    skips_silence = False  # it speaks each turn on the clock, so it needs every block

    def __init__(self, turns: Iterable[SynthTurn], channel: Channel, *, delay_s: float = 0.5):
        self.channel = channel
        self.delay_s = delay_s
        self._pending = sorted((t for t in turns if t.who is channel), key=lambda t: t.t1)

    def accept(self, samples: np.ndarray, start: int) -> list[Transcript]:
        """Results due by the end of this block (``start`` is its first sample's index)."""
        return self._due((start + len(samples)) / SAMPLE_RATE)

    def finish(self, end: int) -> list[Transcript]:
        """End of stream: what is still pending and was fully spoken comes out now."""
        end_s = end / SAMPLE_RATE
        out = self._due(end_s)
        while self._pending and self._pending[0].t1 <= end_s + 1e-9:
            out.append(self._transcript(self._pending.pop(0), end_s))
        self._pending = []
        return out

    def _due(self, now: float) -> list[Transcript]:
        out = []
        while self._pending and self._pending[0].t1 + self.delay_s <= now + 1e-9:
            turn = self._pending.pop(0)
            out.append(self._transcript(turn, turn.t1 + self.delay_s))
        return out

    def _transcript(self, turn: SynthTurn, t: float) -> Transcript:
        units = speech_units(turn.text, turn.lang)
        step = (turn.t1 - turn.t0) / max(len(units), 1)
        words = tuple(
            Word(unit, round(turn.t0 + i * step, 3), round(turn.t0 + (i + 1) * step, 3))
            for i, unit in enumerate(units)
        )
        return Transcript(self.channel, round(t, 3), " ".join(units), words, final=True,
                          grammar=True)
