"""When a recorded call took place, from the recording itself before anything else.

The greeting check needs the hour of the call (早上好/下午好/晚上好), and every view shows
the call's own time. A file's modification time is when it was copied, not when the call
was made, so it is never used. In order: a time the user gave; a Broadcast-WAV's
``bext`` origination date and time (:mod:`assistant.audio.bext`: the recorder's stamp of
the moment it began, made for exactly this); the container's own date tag (WAV ``ICRD``,
FLAC/Ogg ``DATE``, read through libsndfile: free text that editors rewrite, so second)
when it has a time of day; the sidecar ``<recording>.toml`` (``call_time = 2026-11-25T14:30:00``); a date and
time in the file's or its folder's name (``20261125_143000_1024.wav``, the way call
recorders name files); else unknown, and the user is asked to say it (``--call-time``).
"""

from __future__ import annotations

import enum
import re
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import soundfile as sf

from assistant.audio.bext import origination_time

_IN_NAME = re.compile(r"(20\d{2})[-_.]?(\d{2})[-_.]?(\d{2})[T _-]?(\d{2})[:h._-]?(\d{2})"
                      r"(?:[:m._-]?(\d{2}))?")


class TimeSource(str, enum.Enum):
    GIVEN = "given"
    RECORDING = "recording"
    SIDECAR = "sidecar"
    NAME = "name"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CallTime:
    when: datetime | None
    source: TimeSource


def call_time_of(path: Path, given: datetime | None = None) -> CallTime:
    """The call's local time and where it came from (see the module's order)."""
    if given is not None:
        return CallTime(given, TimeSource.GIVEN)
    for source, reader in ((TimeSource.RECORDING, _tagged),
                           (TimeSource.SIDECAR, sidecar_call_time),
                           (TimeSource.NAME, _named)):
        when = reader(path)
        if when is not None:
            return CallTime(when, source)
    return CallTime(None, TimeSource.UNKNOWN)


def _with_time(text: str) -> datetime | None:
    """An ISO date-time with a time of day; a bare date says nothing about the greeting."""
    text = text.strip()
    if len(text) <= 10:
        return None
    try:
        when = datetime.fromisoformat(text.replace("/", "-"))
    except ValueError:
        return None
    return when.replace(tzinfo=None) if when.tzinfo is None else when.astimezone().replace(
        tzinfo=None)


def _tagged(path: Path) -> datetime | None:
    stamped = origination_time(path)
    if stamped is not None:
        return stamped
    try:
        with sf.SoundFile(str(path)) as audio:
            return _with_time(audio.date or "")
    except (sf.LibsndfileError, RuntimeError, OSError, TypeError):
        return None


def sidecar_call_time(path: Path) -> datetime | None:
    side = path.with_suffix(".toml")
    if not side.is_file():
        return None
    try:
        data = tomllib.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    when = data.get("call_time") or data.get("scenario", {}).get("call_time")
    if isinstance(when, datetime):
        return when.replace(tzinfo=None)
    if isinstance(when, str):
        return _with_time(when)
    return None


def _named(path: Path) -> datetime | None:
    for name in (path.stem, path.parent.name):
        match = _IN_NAME.search(name)
        if match:
            year, month, day, hour, minute, second = (int(g or 0) for g in match.groups())
            try:
                return datetime(year, month, day, hour, minute, second)
            except ValueError:
                continue
    return None
