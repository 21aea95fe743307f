"""The syllable envelope: 10 ms frames of the mean sub-band level across the speech band.

One broad band's energy (:mod:`assistant.speech.frames`) dips little between syllables
that run together: a glide or a zero-initial syllable after a vowel (服务 fu-wu, 一下
yi-xia) keeps the band loud while its energy only moves from one formant region to
another. The mean of the levels (dB) of six sub-bands across 250–3600 Hz — the geometric
mean of their powers — dips there too, since some band falls between two vowels whenever
the spectrum moves, so the peaks counted on it are syllables at slow and fast rates alike.

The band powers come from one short-time spectrum per frame (a 20 ms Hann window ending
at the frame, so a frame's spectrum is two pitch periods of a low voice long), each
averaged over three frames (centred one frame back) before the mean: a window that
catches one glottal pulse or two would ripple into false syllables. One FFT per frame
costs a fraction of six band-pass filters run over every sample.

Neighbours' babble fills the dips between syllables in the quiet sub-bands (the room is
as loud as the agent there), so each band's noise floor (:class:`BandNoise`, tracked on
the frames that are not the speaker's) is subtracted before the mean. Samples carry to
the next block, so blocks give the same frames as a whole file.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.ground.events import SAMPLE_RATE
from assistant.speech.frames import FRAME_SAMPLES

SUB_BANDS_HZ = ((250.0, 500.0), (500.0, 800.0), (800.0, 1200.0), (1200.0, 1800.0),
                (1800.0, 2600.0), (2600.0, 3600.0))
"""Roughly equal steps of the auditory scale; the top band ends below the telephone
band's 3.4–4 kHz edge, where a telephone line leaves nothing to hear."""

WINDOW_SAMPLES = 2 * FRAME_SAMPLES
_WINDOW = np.hanning(WINDOW_SAMPLES + 2)[1:-1]
_FREQS = np.fft.rfftfreq(WINDOW_SAMPLES, 1.0 / SAMPLE_RATE)
_BAND_OF_BIN = np.full(len(_FREQS), -1)
for _i, (_low, _high) in enumerate(SUB_BANDS_HZ):
    _BAND_OF_BIN[(_FREQS >= _low) & (_FREQS < _high)] = _i
_BINS = [np.flatnonzero(_BAND_OF_BIN == i) for i in range(len(SUB_BANDS_HZ))]
_SCALE = 2.0 / (WINDOW_SAMPLES * float(np.sum(np.square(_WINDOW))))
"""A full-scale sine in a band reads as mean-square power 0.5, as a band-pass filter's
output would."""


def band_powers(frames: np.ndarray) -> np.ndarray:
    """Mean-square power in each sub-band (rows) of each windowed frame (``frames``: one
    ``WINDOW_SAMPLES`` row per frame)."""
    spectrum = np.square(np.abs(np.fft.rfft(frames * _WINDOW, axis=1)))
    return np.stack([spectrum[:, bins].sum(axis=1) for bins in _BINS]) * _SCALE


@dataclass(frozen=True)
class BandNoiseSettings:
    time_constant_s: float = 2.0
    """The floor follows the room over this long (babble's level moves in seconds)."""
    over_subtract: float = 1.5
    """Subtract this many times the floor: babble fluctuates about its mean, and what is
    left of it above the mean would ripple into syllables of its own."""
    keep: float = 0.1
    """What a band keeps at most of the floor when subtracted to nothing (-10 dB)."""
    gap_s: float = 0.5
    """The room is measured this long or more after the speaker's last frame (a
    syllable's soft tail and the dips between syllables are not the room)."""


SILENCE_POWER = 1e-12
"""-120 dBFS: the floor of a digitally silent channel."""


class BandNoise:
    """Each sub-band's noise floor: the mean power of the frames that are not speech."""

    def __init__(self, settings: BandNoiseSettings = BandNoiseSettings()):
        self.settings = settings
        self.floor = np.zeros(len(SUB_BANDS_HZ))
        self._weight = 0.0  # how much of the floor is measured (0 until a noise frame)
        self._alpha = FRAME_SAMPLES / SAMPLE_RATE / settings.time_constant_s
        self._gap = round(settings.gap_s * SAMPLE_RATE / FRAME_SAMPLES)
        self._since_speech = 0

    def update(self, power: np.ndarray, speech: np.ndarray) -> None:
        """Follow the floor on the frames (columns of ``power``) ``gap_s`` or more after
        the last one marked ``speech``."""
        for column, speaking in enumerate(speech):
            self._since_speech = 0 if speaking else self._since_speech + 1
            if self._since_speech > self._gap:
                self._weight += self._alpha * (1.0 - self._weight)
                self.floor += self._alpha * (power[:, column] - self.floor)

    def above_floor(self, power: np.ndarray) -> np.ndarray:
        """Each frame's mean level (dB) over the sub-bands, the floor taken out of each
        band, relative to the floor's: 0 dB is as loud as the room, what stands out of it
        is positive. Until a noise frame comes, the floor is digital silence."""
        cfg = self.settings
        floor = np.full((len(self.floor), 1), SILENCE_POWER)
        if self._weight > 0.0:
            floor = np.maximum(self.floor / self._weight, SILENCE_POWER)[:, None]
        clean = np.maximum(power - cfg.over_subtract * floor, cfg.keep * floor)
        return np.asarray(np.mean(10.0 * np.log10(clean / floor), axis=0))


class SubBandEnvelope:
    """Streaming framer, spectrum and noise floor; leftover samples carry to the next block."""

    def __init__(self, noise: BandNoiseSettings = BandNoiseSettings()) -> None:
        self._carry = np.zeros(FRAME_SAMPLES)  # the frame before the next one (its window)
        self._previous = np.zeros((len(SUB_BANDS_HZ), 2))  # the last two frames' band powers
        self.noise = BandNoise(noise)

    def process(self, samples: np.ndarray, speech: np.ndarray | None = None) -> np.ndarray:
        """Mean sub-band level above the room (dB, :meth:`BandNoise.above_floor`) of each
        whole 10 ms frame now available; ``speech`` marks, frame for frame, those that
        are the speaker's (the others, away from them, update the floor)."""
        data = np.concatenate([self._carry, np.asarray(samples, dtype=np.float64)])
        count = (len(data) - FRAME_SAMPLES) // FRAME_SAMPLES
        self._carry = data[count * FRAME_SAMPLES:]
        if count == 0:
            return np.zeros(0)
        windows = np.lib.stride_tricks.sliding_window_view(
            data[: (count + 1) * FRAME_SAMPLES], WINDOW_SAMPLES)[::FRAME_SAMPLES]
        power = np.concatenate([self._previous, band_powers(windows)], axis=1)
        self._previous = power[:, -2:]
        smoothed = 0.25 * power[:, :-2] + 0.5 * power[:, 1:-1] + 0.25 * power[:, 2:]
        if speech is not None and len(speech) == count:
            self.noise.update(smoothed, speech)
        return self.noise.above_floor(smoothed)
