"""Streaming rate conversion to the pipeline's rate, and the FIFO that cuts it into blocks.

Sources read audio in pieces whose size they do not choose (file chunks, device callbacks)
at whatever rate the file or device has (8 kHz telephone, 44.1 kHz, 48 kHz). A
``StreamResampler`` converts piece by piece with the filter state carried across
pieces, so the output is the same as converting the whole signal at once: no clicks at
piece boundaries, no drift, and the output starts at the input's time zero (soxr takes
its own filter delay off). ``SampleFifo`` then hands out exact block lengths.
"""

from __future__ import annotations

from collections import deque

import numpy as np
import soxr

from assistant.ground.events import SAMPLE_RATE


class StreamResampler:
    """Converts ``rate_in`` to ``SAMPLE_RATE`` in pieces; float32, shape (frames, channels).

    After the last piece call ``flush()``: it returns the tail still held in the filter,
    so the total output is ``round(frames_in * SAMPLE_RATE / rate_in)`` samples.
    At ``rate_in == SAMPLE_RATE`` it passes audio through untouched.
    """

    def __init__(self, rate_in: float, channels: int, *, quality: str = "HQ"):
        self.rate_in = float(rate_in)
        self.channels = channels
        self._passthrough = self.rate_in == SAMPLE_RATE
        self._stream = (
            None
            if self._passthrough
            else soxr.ResampleStream(self.rate_in, SAMPLE_RATE, channels, dtype="float32",
                                     quality=quality)
        )

    def process(self, chunk: np.ndarray) -> np.ndarray:
        chunk = np.ascontiguousarray(chunk, dtype=np.float32).reshape(-1, self.channels)
        if self._stream is None:
            return chunk
        return self._stream.resample_chunk(chunk).reshape(-1, self.channels)

    def flush(self) -> np.ndarray:
        if self._stream is None:
            return np.zeros((0, self.channels), np.float32)
        tail = self._stream.resample_chunk(np.zeros((0, self.channels), np.float32), last=True)
        return tail.reshape(-1, self.channels)


class SampleFifo:
    """A first-in first-out buffer of float32 frames (frames, channels), cut at any length.

    Pieces are kept as they came and joined only when popped, so pushing is O(1) and a
    long call never re-copies what is already buffered.
    """

    def __init__(self, channels: int = 1):
        self.channels = channels
        self._pieces: deque[np.ndarray] = deque()
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def push(self, frames: np.ndarray) -> None:
        frames = np.asarray(frames, dtype=np.float32).reshape(-1, self.channels)
        if len(frames):
            self._pieces.append(frames)
            self._size += len(frames)

    def push_silence(self, n: int) -> None:
        if n > 0:
            self.push(np.zeros((n, self.channels), np.float32))

    def pop(self, n: int) -> np.ndarray:
        """The oldest ``min(n, len(self))`` frames, as one new contiguous array."""
        n = min(n, self._size)
        out = np.empty((n, self.channels), np.float32)
        filled = 0
        while filled < n:
            piece = self._pieces[0]
            take = min(len(piece), n - filled)
            out[filled:filled + take] = piece[:take]
            filled += take
            if take == len(piece):
                self._pieces.popleft()
            else:
                self._pieces[0] = piece[take:]
        self._size -= n
        return out
