"""10 ms frames of speech-band energy: the one feature VAD and pace both read.

The band (250–3000 Hz) keeps the vowels that carry syllables and drops rumble, hum and
most fricative hiss. The filter keeps its state across blocks, so a stream cut into
blocks gives the same frames as the whole file at once. (A second-order Butterworth,
designed and streamed by :mod:`assistant.speech.iir`, which keeps scipy out of the app.)
"""

from __future__ import annotations

import numpy as np

from assistant.ground.events import SAMPLE_RATE
from assistant.speech.iir import SosFilter, butter_bandpass_sos
from assistant.speech.level import to_dbfs

FRAME_SAMPLES = SAMPLE_RATE // 100
BAND_HZ = (250.0, 3000.0)

_SOS = butter_bandpass_sos(2, BAND_HZ, SAMPLE_RATE)


class BandEnergy:
    """Streaming band-pass filter and framer; leftover samples carry to the next block."""

    def __init__(self) -> None:
        self._filter = SosFilter(_SOS)
        self._carry = np.zeros(0, dtype=np.float32)
        self.frames_done = 0

    def process(self, samples: np.ndarray) -> tuple[np.ndarray, int]:
        """Energies (dBFS) of the whole frames now available, and the first one's index."""
        filtered = self._filter.process(samples)
        data = np.concatenate([self._carry, filtered.astype(np.float32)])
        count = len(data) // FRAME_SAMPLES
        used = count * FRAME_SAMPLES
        self._carry = data[used:]
        frames = data[:used].reshape(count, FRAME_SAMPLES)
        power = np.mean(np.square(frames, dtype=np.float64), axis=1)
        first = self.frames_done
        self.frames_done += count
        return np.asarray(to_dbfs(power)), first
