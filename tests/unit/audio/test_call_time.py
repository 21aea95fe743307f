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
