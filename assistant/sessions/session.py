"""What a session is: its metadata, its events in audio-time order, its summary and notes."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from assistant.ground.events import Event
from assistant.ground.summary import Summary


class SessionState(str, enum.Enum):
    RECORDING = "recording"
    """Being written now (or its writer died and nobody has looked yet)."""
    COMPLETE = "complete"
    RECOVERED = "recovered"
    """The writer stopped mid-call (crash, power loss): everything up to the last commit."""


class AudioState(str, enum.Enum):
    NONE = "none"
    """The pack does not record audio."""
    RECORDING = "recording"
    COMPLETE = "complete"
    PARTIAL = "partial"
    """Recovered after a crash: the audio up to the last write."""
    STOPPED = "stopped"
    """Writing failed (disk full, folder not writable); ``remark`` says why."""


class Source(str, enum.Enum):
    LIVE = "live"
    DEMO = "demo"
    FILE = "file"
    IMPORTED = "imported"


@dataclass(frozen=True)
class NewSession:
    """What the recorder knows when a call starts."""

    source: str
    language: str
    pack_id: str
    pack_version: str
    has_caller: bool
    pack_text: str = ""
    source_path: str = ""
    started_at: datetime | None = None
    call_time: datetime | None = None
    agent_name: str = ""
    agent_id: str = ""
    model: str = ""
    recogniser: str = "off"
    app_version: str = ""
    retention_days: int | None = None


SESSION_ID = re.compile(r"[0-9]{8}-[0-9]{6}-[0-9a-f]{6}")
"""The one id grammar (``20261125-143000-a1b2c3``: start time and 24 random bits), checked
wherever an id comes from outside: import, a typed prefix, a file name. Fixed length, so no
id is a prefix of another; nothing in it can leave a folder or move a terminal's cursor."""
ID_PREFIX = re.compile(r"[0-9a-f-]{1,22}")


def is_session_id(text: object) -> bool:
    return isinstance(text, str) and SESSION_ID.fullmatch(text) is not None


@dataclass(frozen=True)
class SessionInfo:
    id: str
    source: str
    source_path: str
    started_at: datetime
    call_time: datetime | None
    agent_name: str
    agent_id: str
    language: str
    pack_id: str
    pack_version: str
    model: str
    recogniser: str
    has_caller: bool
    app_version: str
    state: SessionState
    duration_s: float
    audio_file: str
    audio_state: AudioState
    retention_days: int | None
    remark: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SessionInfo:
        row = dict(row)
        row["started_at"] = datetime.fromisoformat(row["started_at"])
        row["call_time"] = datetime.fromisoformat(row["call_time"]) if row["call_time"] else None
        row["has_caller"] = bool(row["has_caller"])
        row["state"] = SessionState(row["state"])
        row["audio_state"] = AudioState(row["audio_state"])
        return cls(**row)

    @property
    def agent(self) -> str:
        return " ".join(part for part in (self.agent_name, self.agent_id) if part) or "—"

    def to_json(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        out["started_at"] = self.started_at.isoformat(timespec="seconds")
        out["call_time"] = self.call_time.isoformat(timespec="seconds") if self.call_time else None
        out["state"] = self.state.value
        out["audio_state"] = self.audio_state.value
        return out


@dataclass(frozen=True)
class Note:
    """A trainer's note at a time position of the call."""

    id: int
    session_id: str
    t: float
    text: str
    author: str
    created_at: str


@dataclass
class Session:
    info: SessionInfo
    events: list[Event]
    summary: Summary | None
    pack_text: str
    notes: list[Note] = field(default_factory=list)
