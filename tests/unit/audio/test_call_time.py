"""A recorded call's time comes from the recording, its sidecar or its name, never the
file's modification time."""

from __future__ import annotations

import os
from datetime import datetime

import numpy as np
import soundfile as sf

from assistant.audio.call_time import CallTime, TimeSource, call_time_of

SILENCE = np.zeros((1600, 2), dtype="float32")


def write(path, date: str | None = None):
    with sf.SoundFile(str(path), "w", 16000, 2) as audio:
        if date is not None:
            audio.date = date
        audio.write(SILENCE)
    os.utime(path, (1_800_000_000, 1_800_000_000))  # copied at some other hour
    return path


def test_the_container_tag_wins_then_the_sidecar_then_the_name(tmp_path):
    tagged = write(tmp_path / "a.flac", "2026-11-25T14:30:00")
    assert call_time_of(tagged) == CallTime(datetime(2026, 11, 25, 14, 30), TimeSource.RECORDING)
    assert call_time_of(write(tmp_path / "b.wav", "2026-11-25 09:05")).source is \
        TimeSource.RECORDING
    side = write(tmp_path / "c.wav", "2026-11-25")  # a bare date: no hour for the greeting
    side.with_suffix(".toml").write_text("call_time = 2026-11-25T19:10:00\n", encoding="utf-8")
    assert call_time_of(side).when == datetime(2026, 11, 25, 19, 10)
    assert call_time_of(side).source is TimeSource.SIDECAR
    named = write(tmp_path / "20261125_143000_1024.wav")
    assert call_time_of(named).when == datetime(2026, 11, 25, 14, 30, 0)
    folder = tmp_path / "2026-11-25 0915"
    folder.mkdir()
    assert call_time_of(write(folder / "call.wav")).when == datetime(2026, 11, 25, 9, 15)


def test_nothing_known_is_unknown_not_the_modification_time(tmp_path):
    plain = write(tmp_path / "call.wav")
    assert call_time_of(plain).when is None
    assert call_time_of(plain).source is TimeSource.UNKNOWN
    given = datetime(2026, 1, 2, 8, 0)
    assert call_time_of(plain, given).when == given


def bext_chunk(date: bytes, time: bytes) -> bytes:
    """A Broadcast-WAV ``bext`` chunk (EBU Tech 3285, version 1): origination date at
    byte 320, time at 330."""
    body = bytearray(602)
    body[0:11] = b"call 1024 A"
    body[320:330] = date
    body[330:338] = time
    body[346:348] = (1).to_bytes(2, "little")
    return b"bext" + len(body).to_bytes(4, "little") + bytes(body)


def broadcast_wav(path, date: bytes, time: bytes, icrd: str | None = None):
    """A WAV with a ``bext`` chunk ahead of its audio (and ``ICRD`` after, as
    libsndfile writes it)."""
    write(path, icrd)
    data = path.read_bytes()
    chunk = bext_chunk(date, time)
    riff = data[:4] + (int.from_bytes(data[4:8], "little") + len(chunk)).to_bytes(4, "little")
    fmt_end = 12 + 8 + int.from_bytes(data[16:20], "little")  # RIFF header, then fmt
    path.write_bytes(riff + data[8:fmt_end] + chunk + data[fmt_end:])
    os.utime(path, (1_800_000_000, 1_800_000_000))
    return path


def test_a_broadcast_wav_origination_stamp_is_the_call_time(tmp_path):
    bwf = broadcast_wav(tmp_path / "20261125_090000_1024.wav", b"2026-11-25", b"14:30:05")
    assert call_time_of(bwf) == CallTime(datetime(2026, 11, 25, 14, 30, 5), TimeSource.RECORDING)
    assert sf.info(str(bwf)).frames == len(SILENCE)  # still a playable WAV
    colons = broadcast_wav(tmp_path / "b.wav", b"2026:11:25", b"08.15.00")
    assert call_time_of(colons).when == datetime(2026, 11, 25, 8, 15)


def test_the_bext_stamp_comes_before_icrd_the_sidecar_and_the_name(tmp_path):
    bwf = broadcast_wav(tmp_path / "20261125_090000.wav", b"2026-11-25", b"19:45:00",
                        icrd="2026-11-26T10:00:00")
    bwf.with_suffix(".toml").write_text("call_time = 2026-11-25T07:00:00\n", encoding="utf-8")
    assert call_time_of(bwf).when == datetime(2026, 11, 25, 19, 45)


def test_an_empty_or_broken_bext_stamp_falls_through_to_the_next_source(tmp_path):
    empty = broadcast_wav(tmp_path / "a.wav", bytes(10), bytes(8), icrd="2026-11-25T16:20:00")
    assert call_time_of(empty).when == datetime(2026, 11, 25, 16, 20)
    bad = broadcast_wav(tmp_path / "20261125_101500.wav", b"2026-13-40", b"25:61:00")
    assert call_time_of(bad) == CallTime(datetime(2026, 11, 25, 10, 15), TimeSource.NAME)
    cut = tmp_path / "cut.wav"  # a file that ends inside its bext chunk
    cut.write_bytes(broadcast_wav(tmp_path / "c.wav", b"2026-11-25", b"14:30:00").read_bytes()[:200])
    assert call_time_of(cut).source is TimeSource.UNKNOWN
