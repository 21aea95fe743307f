"""The origination date and time of a Broadcast-WAV file (EBU Tech 3285 ``bext`` chunk).

Call recorders and broadcast tools stamp the moment a recording began in the ``bext``
chunk's ``OriginationDate`` (``yyyy-mm-dd``, 10 bytes at offset 320) and
``OriginationTime`` (``hh:mm:ss``, 8 bytes at offset 330); the standard allows any of
``-_:. `` as the separator. libsndfile reads the chunk but the soundfile binding does not
expose it, so the RIFF chunks are walked here: a few bytes of the file's head, no audio
read. RIFF, RF64 and BW64 files are read alike (their chunk lists have the same layout).
"""

from __future__ import annotations

import re
import struct
from datetime import datetime
from pathlib import Path

_DATE_AT, _TIME_AT = 320, 330
_DATE = re.compile(r"(\d{4})[-_:. /](\d{2})[-_:. /](\d{2})")
_TIME = re.compile(r"(\d{2})[-_:. ](\d{2})[-_:. ](\d{2})")
_MAX_CHUNKS = 64
"""``bext`` comes before the audio; a file with more chunks ahead of it is not searched on."""


def origination_time(path: Path) -> datetime | None:
    """When the recording began by its ``bext`` chunk, or None (not a Broadcast-WAV, no
    stamp, or a stamp that is not a real date and time)."""
    try:
        with path.open("rb") as file:
            head = file.read(12)
            if len(head) < 12 or head[:4] not in (b"RIFF", b"RF64", b"BW64") \
                    or head[8:12] != b"WAVE":
                return None
            for _ in range(_MAX_CHUNKS):
                header = file.read(8)
                if len(header) < 8:
                    return None
                kind, size = header[:4], struct.unpack("<I", header[4:])[0]
                if kind == b"bext":
                    return _stamp(file.read(min(size, _TIME_AT + 8)))
                if kind == b"data":
                    return None
                file.seek(size + (size & 1), 1)
    except OSError:
        return None
    return None


def _stamp(body: bytes) -> datetime | None:
    if len(body) < _TIME_AT + 8:
        return None
    date = _DATE.fullmatch(body[_DATE_AT:_DATE_AT + 10].decode("ascii", "replace"))
    time = _TIME.fullmatch(body[_TIME_AT:_TIME_AT + 8].decode("ascii", "replace"))
    if date is None or time is None:
        return None
    year, month, day = (int(g) for g in date.groups())
    hour, minute, second = (int(g) for g in time.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
