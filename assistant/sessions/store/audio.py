"""A session's audio: streamed to a crash-tolerant ``.partial`` WAV, compressed at the end.

While a call runs, both channels go to ``<id>.flac.partial`` as 16-bit PCM behind a fixed
44-byte WAV header whose sizes are left open (``0xFFFFFFFF``, as streaming writers do).
Nothing in the file depends on being closed properly: after a crash the audio is simply
``(size - 44) // frame_bytes`` frames, so recovery reads whatever reached the disk. Any
player opens it too. At the end (or at recovery) it is converted to FLAC through a
temporary name and renamed, so a ``<id>.flac`` is always whole.

Audio reaches the OS (``write``) at every commit of the recorder, so a ``kill -9`` loses
at most what the recorder would lose of the events; power loss is not covered (no fsync
per second: agents' disks are slow and it would stutter the softphone).
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np
import soundfile as sf

from assistant.ground.events import SAMPLE_RATE

HEADER_BYTES = 44
SAMPLE_BYTES = 2
_OPEN = 0xFFFFFFFF
CONVERT_FRAMES = SAMPLE_RATE * 30
"""Frames converted at a time: memory stays flat for a call of any length."""


class AudioError(Exception):
    """A partial recording cannot be read or converted; the message names the file."""


def wav_header(channels: int, rate: int = SAMPLE_RATE) -> bytes:
    block_align = channels * SAMPLE_BYTES
    return (b"RIFF" + struct.pack("<I", _OPEN) + b"WAVE"
            + b"fmt " + struct.pack("<IHHIIHH", 16, 1, channels, rate, rate * block_align,
                                    block_align, 8 * SAMPLE_BYTES)
            + b"data" + struct.pack("<I", _OPEN))


def read_header(path: Path) -> tuple[int, int]:
    """``(channels, rate)`` of a partial file; ``AudioError`` if it is not one of ours."""
    with path.open("rb") as fh:
        head = fh.read(HEADER_BYTES)
    if len(head) < HEADER_BYTES or head[:4] != b"RIFF" or head[8:16] != b"WAVEfmt " \
            or head[36:40] != b"data":
        raise AudioError(f"{path}: not a partial session recording (header missing or "
                         f"foreign); it can be deleted")
    fmt, channels, rate, _, _, bits = struct.unpack("<HHIIHH", head[20:36])
    if fmt != 1 or bits != 8 * SAMPLE_BYTES or channels not in (1, 2) or rate <= 0:
        raise AudioError(f"{path}: unexpected layout ({channels} channels, {bits} bit, "
                         f"format {fmt}); it can be deleted")
    return channels, rate


def partial_frames(path: Path) -> int:
    """Whole frames present in a partial file (a frame cut by a crash is ignored)."""
    channels, _ = read_header(path)
    return max(path.stat().st_size - HEADER_BYTES, 0) // (channels * SAMPLE_BYTES)


class PartialWriter:
    """Appends blocks to a partial WAV; ``flush`` hands what is buffered to the OS."""

    def __init__(self, path: Path, channels: int):
        self.path = path
        self.channels = channels
        self.frames = 0
        self._pending: list[bytes] = []
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            _write_all(self._fd, wav_header(channels))
        except OSError:
            self.close()
            raise

    def write(self, agent: np.ndarray, caller: np.ndarray | None) -> None:
        columns = [agent] if self.channels == 1 else [
            agent, caller if caller is not None else np.zeros_like(agent)]
        pcm = np.clip(np.column_stack(columns), -1.0, 1.0) * 32767.0
        self._pending.append(np.round(pcm).astype("<i2").tobytes())
        self.frames += len(agent)

    def flush(self) -> None:
        if self._pending and self._fd is not None:
            data, self._pending = b"".join(self._pending), []
            _write_all(self._fd, data)

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)


def convert(partial: Path, flac: Path) -> float:
    """Compress a partial recording to FLAC (atomically) and remove it; returns seconds."""
    channels, rate = read_header(partial)
    frames = partial_frames(partial)
    if frames == 0:
        partial.unlink()
        raise AudioError(f"{partial}: holds no audio (the call stopped before the first "
                         f"second was written)")
    tmp = flac.with_name(flac.name + ".tmp")
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))  # private from birth
    try:
        # Read in chunks, not through a memory map: a mapped 3-hour call counts ~700 MB
        # against the process however little of it is in use.
        with sf.SoundFile(str(tmp), "w", samplerate=rate, channels=channels, format="FLAC",
                          subtype="PCM_16") as out, partial.open("rb") as fh:
            fh.seek(HEADER_BYTES)
            for start in range(0, frames, CONVERT_FRAMES):
                count = min(CONVERT_FRAMES, frames - start)
                chunk = np.fromfile(fh, dtype="<i2", count=count * channels)
                out.write(chunk.reshape(-1, channels))
        os.replace(tmp, flac)
    except (AssertionError, RuntimeError, sf.SoundFileError) as exc:
        tmp.unlink(missing_ok=True)
        # libsndfile reports a short write (disk full) as a bare assertion: say what it is
        raise OSError(f"{tmp}: the compressed audio could not be written "
                      f"({exc or 'short write: is the disk full?'})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    partial.unlink()
    return frames / rate


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
