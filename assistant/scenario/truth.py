"""Ground truth of a synthetic call, for tests and benchmarks of own-voice detection and pace.

A synthetic call knows where each speaker's own voice is (its turns' spans, short pauses
inside an utterance included), how many syllables (characters) each turn has, and what
else was put on each channel: the caller's echo in the agent's microphone lands
``echo_delay_ms`` after each caller turn; babble, hiss and keys are everywhere.

The true pace is what call-centre QA tools compute as 字/分钟: characters over the summed
durations of the utterances.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.ground.events import Channel
from assistant.scenario.synth import SyntheticCall, SynthTurn

HOP_S = 0.01


def turns_of(call: SyntheticCall, channel: Channel) -> list[SynthTurn]:
    return [t for t in call.turns if t.who is channel]


def speech_spans(call: SyntheticCall, channel: Channel) -> list[tuple[float, float]]:
    """Where ``channel``'s own voice is, in seconds of the call."""
    return [(t.t0, t.t1) for t in turns_of(call, channel)]


def echo_spans(call: SyntheticCall) -> list[tuple[float, float]]:
    """Where the caller's echo is in the agent's microphone (empty without echo)."""
    if call.conditions.echo_db is None:
        return []
    delay = call.conditions.echo_delay_ms / 1000
    return [(t0 + delay, min(t1 + delay, call.duration_s))
            for t0, t1 in speech_spans(call, Channel.CALLER)]


def true_pace(call: SyntheticCall, channel: Channel) -> float | None:
    """``channel``'s pace over the call in syllables (characters) a minute of speaking time."""
    turns = turns_of(call, channel)
    speaking = sum(t.duration for t in turns)
    return 60.0 * sum(t.syllables for t in turns) / speaking if speaking > 0 else None


def mask(spans: Iterable[tuple[float, float]], duration_s: float,
         hop_s: float = HOP_S) -> np.ndarray:
    """One bool per ``hop_s`` frame of the call: does the frame's centre fall in a span."""
    centres = (np.arange(int(np.ceil(duration_s / hop_s))) + 0.5) * hop_s
    out = np.zeros(len(centres), dtype=bool)
    for t0, t1 in spans:
        out |= (centres >= t0) & (centres < t1)
    return out


def frame_truth(call: SyntheticCall, channel: Channel, hop_s: float = HOP_S) -> np.ndarray:
    """Per frame: is ``channel``'s own voice there."""
    return mask(speech_spans(call, channel), call.duration_s, hop_s)


@dataclass(frozen=True)
class Scores:
    """Own-voice detection against the truth, frame by frame."""

    precision: float
    recall: float
    detected_s: float
    true_s: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else 0.0


def scores(call: SyntheticCall, channel: Channel, detected: Sequence[tuple[float, float]],
           hop_s: float = HOP_S) -> Scores:
    """Precision and recall of ``detected`` speech spans against ``channel``'s own voice.

    Precision is 1.0 when nothing is detected; recall is 1.0 when the channel never speaks.
    """
    truth = frame_truth(call, channel, hop_s)
    found = mask(detected, call.duration_s, hop_s)
    hits = int(np.sum(truth & found))
    return Scores(precision=hits / int(found.sum()) if found.any() else 1.0,
                  recall=hits / int(truth.sum()) if truth.any() else 1.0,
                  detected_s=float(found.sum()) * hop_s, true_s=float(truth.sum()) * hop_s)
