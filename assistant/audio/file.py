"""A recorded call as an audio source: WAV, FLAC (anything libsndfile reads), from disk.

Stereo recordings carry the agent on one channel and the caller on the other (left =
agent unless told otherwise); a mono recording is the agent alone. The file is read in
chunks and resampled to ``SAMPLE_RATE`` as it streams, so memory stays flat for a call
of any length and the pipeline sees exactly what a live call would give it.

Bad files are caught as early as possible: ``open_call_file`` checks existence, format,
channel count, length and a truncated end before any analysis starts; damage in the
middle of a compressed file can only show while decoding, so ``blocks()`` reports it
with the position where decoding failed.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import soundfile as sf

from assistant.audio.block import BLOCK_SAMPLES, Block
from assistant.audio.file_words import clock as _clock
from assistant.audio.file_words import file_problem
from assistant.audio.resample import SampleFifo, StreamResampler
from assistant.audio.samples import SampleCheck
from assistant.ground.safefile import UnsafeFile, check_regular

AgentChannel = Literal["left", "right"]

MAX_FILE_BYTES = 16 * 1024**3
"""16 GiB: an 8-hour stereo 48 kHz 24-bit WAV is 8 GiB; anything larger is not one call."""

CHUNK_FRAMES = 8_192
"""Frames read from disk at a time (1 s at 8 kHz, 0.17 s at 48 kHz): bounds memory, and
how closely damage in the middle of a file is located."""


class AudioFileError(Exception):
    """A recording that cannot be analysed; the message names the file and the problem."""


@dataclass(frozen=True)
class CallFile:
    """An opened, checked recording. ``blocks()`` may be called more than once."""

    path: Path
    sample_rate: int
    channels: int
    frames: int
    agent_channel: AgentChannel = "left"
    format: str = ""

    @property
    def has_caller(self) -> bool:
        return self.channels == 2

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate

    def blocks(self, check: SampleCheck | None = None) -> Iterator[Block]:
        """Blocks of ``BLOCK_SAMPLES`` at ``SAMPLE_RATE``; only the last may be shorter.

        Raises ``AudioFileError`` naming the position if the file turns out to be damaged
        part-way (the blocks before the damage have been yielded by then). Samples that are
        not numbers or out of range are repaired and counted in ``check`` (see
        :class:`~assistant.audio.samples.SampleCheck`), so one bad sample cannot silence
        a check for the rest of the call.
        """
        check = check or SampleCheck(self.sample_rate)
        agent = 1 if self.has_caller and self.agent_channel == "right" else 0
        caller = (1 - agent) if self.has_caller else None
        resampler = StreamResampler(self.sample_rate, self.channels)
        fifo = SampleFifo(self.channels)
        start = read = 0
        for chunk in self._chunks():
            chunk, read = check.clean(chunk, read), read + len(chunk)
            fifo.push(resampler.process(chunk))
            while len(fifo) >= BLOCK_SAMPLES:
                yield _block(start, fifo.pop(BLOCK_SAMPLES), agent, caller)
                start += BLOCK_SAMPLES
        fifo.push(resampler.flush())
        while len(fifo):
            frames = fifo.pop(BLOCK_SAMPLES)
            yield _block(start, frames, agent, caller)
            start += len(frames)

    def _chunks(self) -> Iterator[np.ndarray]:
        read = 0
        try:
            with sf.SoundFile(self.path) as f:
                for chunk in f.blocks(CHUNK_FRAMES, dtype="float32", always_2d=True):
                    read += len(chunk)
                    yield chunk
        except (sf.SoundFileError, RuntimeError, OSError) as exc:
            raise AudioFileError(file_problem(
                "damaged", path=self.path, at=_clock(read / self.sample_rate),
                total=_clock(self.duration_s), why=_reason(exc))) from None
        if read < self.frames:
            raise AudioFileError(file_problem(
                "stops_early", path=self.path, at=_clock(read / self.sample_rate),
                total=_clock(self.duration_s)))


def open_call_file(path: str | Path, agent_channel: AgentChannel = "left") -> CallFile:
    """Check a recording and describe it; raises ``AudioFileError`` with the reason.

    ``agent_channel`` says which side of a stereo recording is the agent; it is
    ignored for mono recordings, which are the agent alone.
    """
    if agent_channel not in ("left", "right"):
        raise ValueError(f"agent_channel must be 'left' or 'right', not {agent_channel!r}")
    path = Path(path)
    _check_present(path)
    try:
        info = sf.info(str(path))
    except (sf.SoundFileError, RuntimeError) as exc:
        raise AudioFileError(file_problem("not_audio", path=path, why=_reason(exc))) from None
    if info.channels > 2:
        raise AudioFileError(file_problem("channels", path=path, n=info.channels))
    _check_wav_length(path)
    if info.frames <= 0 or info.samplerate <= 0:
        raise AudioFileError(file_problem("no_audio", path=path))
    _check_end_readable(path, info.frames, info.duration)
    return CallFile(
        path=path,
        sample_rate=int(info.samplerate),
        channels=int(info.channels),
        frames=int(info.frames),
        agent_channel=agent_channel,
        format=info.format,
    )


def _check_present(path: Path) -> None:
    if not path.exists():
        raise AudioFileError(file_problem("missing", path=path))
    if path.is_dir():
        raise AudioFileError(file_problem("folder", path=path))
    try:
        check_regular(path, MAX_FILE_BYTES)  # a FIFO or a device would hang or never end
    except UnsafeFile as exc:
        raise AudioFileError(file_problem("unsafe", path=path, why=exc)) from None
    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except OSError as exc:
        raise AudioFileError(file_problem("unreadable", path=path,
                                          why=exc.strerror or exc)) from None
    if size == 0:
        raise AudioFileError(file_problem("empty", path=path))


def _check_wav_length(path: Path) -> None:
    """Catch a WAV cut off while being written, before hours of analysis start."""
    shortfall = _wav_data_shortfall(path)
    if shortfall is not None:
        promised, present = shortfall
        raise AudioFileError(file_problem("wav_short", path=path, promised=_clock(promised),
                                          present=_clock(present)))


def _check_end_readable(path: Path, frames: int, duration: float) -> None:
    """A compressed file cut short shows when seeking to its last frame (cheap)."""
    try:
        with sf.SoundFile(str(path)) as f:
            f.seek(frames - 1)
            last = f.read(1)
    except (sf.SoundFileError, RuntimeError) as exc:
        raise AudioFileError(file_problem("end_unreadable", path=path, promised=_clock(duration),
                                          why=_reason(exc))) from None
    if len(last) == 0:
        raise AudioFileError(file_problem("end_missing", path=path, promised=_clock(duration)))


def _wav_data_shortfall(path: Path) -> tuple[float, float] | None:
    """(seconds the WAV header declares, seconds present) when the data is cut short.

    libsndfile quietly shortens such files, which would hide a broken recording.
    Streaming writers that leave the length open (0 or 0xFFFFFFFF) are not truncated.
    """
    size = path.stat().st_size
    byte_rate = 0
    with path.open("rb") as fh:
        head = fh.read(12)
        if len(head) < 12 or head[:4] not in (b"RIFF", b"RIFX") or head[8:12] != b"WAVE":
            return None
        order = "<" if head[:4] == b"RIFF" else ">"
        pos = 12
        while pos + 8 <= size:
            fh.seek(pos)
            chunk_id, length = struct.unpack(order + "4sI", fh.read(8))
            if chunk_id == b"fmt " and length >= 12:
                byte_rate = struct.unpack(order + "8xI", fh.read(12))[0]
            elif chunk_id == b"data":
                present = size - (pos + 8)
                if length in (0, 0xFFFFFFFF) or length <= present or byte_rate <= 0:
                    return None
                return length / byte_rate, present / byte_rate
            pos += 8 + length + (length & 1)
    return None


def _block(start: int, frames: np.ndarray, agent: int, caller: int | None) -> Block:
    return Block(
        start=start,
        agent=np.ascontiguousarray(frames[:, agent]),
        caller=None if caller is None else np.ascontiguousarray(frames[:, caller]),
    )


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    if text.startswith("Error opening"):
        text = text.split(": ", 1)[-1]
    return text.removeprefix("Error : ").strip() or type(exc).__name__


