"""Speech-like test signals with known syllables and known speaking spans.

A "syllable" is a voiced harmonic complex (150 Hz and its harmonics to 3 kHz) under a
raised-cosine envelope; syllables of one utterance are separated by dips, utterances by
silence. The ground truth (onsets, ends, syllable count) is exact by construction.
"""

from __future__ import annotations

import numpy as np

from assistant.ground.events import SAMPLE_RATE


def syllable(duration_s: float, amplitude: float = 0.3, f0: float = 150.0) -> np.ndarray:
    t = np.arange(int(duration_s * SAMPLE_RATE)) / SAMPLE_RATE
    tone = sum(np.sin(2 * np.pi * f0 * k * t) / k for k in range(1, int(3000 / f0)))
    envelope = 0.5 - 0.5 * np.cos(2 * np.pi * t / duration_s)
    return (amplitude * envelope * tone / 3.0).astype(np.float32)


def utterance(syllables: int, rate_spm: float, amplitude: float = 0.3) -> np.ndarray:
    """``syllables`` syllables back to back at ``rate_spm`` syllables per minute."""
    period = 60.0 / rate_spm
    return np.concatenate([syllable(period, amplitude) for _ in range(syllables)])


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)


def blocks(signal: np.ndarray, size: int = SAMPLE_RATE // 10):
    for start in range(0, len(signal), size):
        yield start, signal[start:start + size]


def run_together(syllables: int, rate_spm: float, f0: float = 150.0) -> np.ndarray:
    """Syllables joined by a voiced murmur (a nasal or glide between vowels): the lowest
    harmonics stay at full level throughout, only the upper ones dip 25 dB between
    vowels, so the broad speech band's energy hardly moves."""
    period = 60.0 / rate_spm
    t = np.arange(int(period * SAMPLE_RATE) * syllables) / SAMPLE_RATE
    phase = (t % period) / period
    floor = 10 ** (-25 / 20)
    upper = floor + (1 - floor) * (0.5 - 0.5 * np.cos(2 * np.pi * phase))
    low = 2 * sum(np.sin(2 * np.pi * f0 * k * t) / k for k in (1, 2, 3))
    high = sum(np.sin(2 * np.pi * f0 * k * t) / k for k in range(4, int(3000 / f0)))
    return (0.1 * (low + upper * high)).astype(np.float32)
