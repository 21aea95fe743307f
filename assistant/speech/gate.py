"""Feed the recogniser around speech only: silence costs the decoder as much as words.

An agent's app listens all shift, and most of a shift is silence: between calls, while the
caller waits on a lookup, while the other side speaks. Decoding that silence is most of the
recogniser's CPU. The gate passes a channel's audio to the recogniser only while the VAD
hears voiced frames, plus ``PREROLL_S`` before (the VAD's onset comes a few frames into a
word) and ``HANGOVER_S`` after (the recogniser needs trailing silence to end an utterance);
then it flushes the utterance and waits. The recogniser maps its own times across the gaps
(:class:`~assistant.speech.recogniser.VoskRecogniser` keeps audio time), so word times and
phrase prompts are those of an ungated run.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from assistant.ground.events import SAMPLE_RATE, Transcript
from assistant.speech.recogniser import Recogniser

PREROLL_S = 0.5
HANGOVER_S = 1.0


class SpeechGate:
    def __init__(self, recogniser: Recogniser, *, preroll_s: float = PREROLL_S,
                 hangover_s: float = HANGOVER_S):
        self.recogniser = recogniser
        self.hangover = round(hangover_s * SAMPLE_RATE)
        self._preroll_samples = round(preroll_s * SAMPLE_RATE)
        self._held: deque[tuple[np.ndarray, int]] = deque()
        self._open = False
        self._last_voice_end = 0  # sample index where the last voiced block ended
        self.fed_samples = 0
        """Samples the recogniser was given (for benchmarks: the share it was spared)."""

    def process(self, samples: np.ndarray, start: int, voiced: bool) -> list[Transcript]:
        """One block and whether it holds voiced frames; the recogniser's transcripts."""
        end = start + len(samples)
        out: list[Transcript] = []
        if voiced:
            self._last_voice_end = end
            if not self._open:
                self._open = True
                for held, held_start in self._held:
                    out += self._feed(held, held_start)
                self._held.clear()
            out += self._feed(samples, start)
        elif self._open:
            out += self._feed(samples, start)
            if end - self._last_voice_end >= self.hangover:
                self._open = False
                out += self.recogniser.finish(end)
        else:
            self._hold(samples, start)
        return out

    def finish(self, end: int) -> list[Transcript]:
        return self.recogniser.finish(end)

    def _feed(self, samples: np.ndarray, start: int) -> list[Transcript]:
        self.fed_samples += len(samples)
        return self.recogniser.accept(samples, start)

    def _hold(self, samples: np.ndarray, start: int) -> None:
        self._held.append((samples, start))
        while sum(len(s) for s, _ in self._held) - len(self._held[0][0]) >= self._preroll_samples:
            self._held.popleft()
