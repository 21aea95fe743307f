"""Why something the agent relies on changed: typed, so every front end words it itself.

A refused pack, a recording that stopped and a capture device that went away or came back
are facts with a *kind* (an enum) and *details* (a frozen dataclass). The overlay, the
settings window and the terminal choose their own words for each kind, in the reader's
language; nothing ever parses a sentence back into a kind. ``str()`` of each is the English
sentence for the log and the administrator (full paths, the library's own error), which no
code reads back.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from assistant.ground.events import Channel


class PackRefusalKind(str, enum.Enum):
    """Why a prompt pack is not in use (the last good pack, or the default, stays)."""

    UNSIGNED = "unsigned"
    TAMPERED = "tampered"
    UNTRUSTED = "untrusted"
    UNREADABLE = "unreadable"
    INVALID = "invalid"
    """Signed, but not a valid pack (bad field, not UTF-8)."""
    UNREACHABLE = "unreachable"
    """The managed folder cannot be reached."""
    ROLLBACK = "rollback"
    """A lower version than one already accepted: a pack is never rolled back."""
    NO_KEY = "no_key"
    """No trusted signing key is installed, so no managed pack can be accepted."""
    KEYS = "keys"
    """A trusted-key file could not be read."""
    POLICY = "policy"
    """The administrator's policy has problems: every setting is locked until fixed."""
    BROKEN = "broken"
    """The pack chosen in the settings does not load (the default pack is used)."""
    FAILED = "failed"
    """Looking at the managed folder failed in an unforeseen way."""


@dataclass(frozen=True)
class PackRefusal:
    kind: PackRefusalKind
    path: str = ""
    """The file (or folder) concerned, in full; front ends may show its name only."""
    version: str = ""
    """``ROLLBACK``: the refused file's version."""
    held: str = ""
    """``ROLLBACK``: the version already accepted, which stays."""
    message: str = ""
    """The English sentence for the log (the library's or loader's own words)."""

    @property
    def file(self) -> str:
        """The file's name without its folders (``/mnt/packs/a.toml`` → ``a.toml``)."""
        return self.path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]

    def __str__(self) -> str:
        return self.message or f"{self.path}: {self.kind.value}"


class RecordingStopKind(str, enum.Enum):
    DISK_FULL = "disk_full"
    NOT_WRITABLE = "not_writable"
    """Permission denied, or a read-only file system or database."""
    FAILED = "failed"
    """Anything else; ``error`` says what."""


@dataclass(frozen=True)
class RecordingStop:
    """Why the session recorder stopped (prompts go on without it)."""

    kind: RecordingStopKind
    where: str = ""
    """The folder or file that could not be written."""
    error: str = ""
    """The system's own words (``Permission denied``, ``database is locked``)."""

    def __str__(self) -> str:
        place = f" ({self.where})" if self.where else ""
        if self.kind is RecordingStopKind.DISK_FULL:
            return f"the disk is full{place}; free some space"
        if self.kind is RecordingStopKind.NOT_WRITABLE:
            return (f"cannot write to {self.where or 'the session folder'} ({self.error}); "
                    f"check the folder's permissions or set ASSISTANT_DATA_DIR")
        return self.error or "the recording failed"


class DeviceChangeKind(str, enum.Enum):
    """What happened to live capture. The values are the JSON stream's ``state`` names."""

    LISTENING = "listening"
    LOST = "device_lost"
    BACK = "reacquired"
    NO_CALLER = "no_caller_channel"
    STOPPED = "stopped"


class LossCause(str, enum.Enum):
    STREAM_STOPPED = "stream_stopped"
    SILENT = "silent"
    """Delivered nothing for ``seconds``."""
    SILENT_AFTER_OPEN = "silent_after_open"
    """Opened, but delivered nothing within ``seconds``."""
    CANNOT_OPEN = "cannot_open"
    """The library refused to open it; ``error`` says how."""


@dataclass(frozen=True)
class DeviceChange:
    kind: DeviceChangeKind
    channel: Channel | None = None
    device: str = ""
    """The device as the app names it (``'USB Headset' (#3, ALSA)``)."""
    device_name: str = ""
    """Its name alone (``USB Headset``), for a small overlay."""
    rate: float = 0.0
    """``LISTENING``/``BACK``: the stream's sample rate."""
    cause: LossCause | None = None
    seconds: float = 0.0
    """``LOST``: how long it was silent; ``BACK``: how long it was gone."""
    retry_s: float = 0.0
    """``LOST``: how often it is tried again."""
    error: str = ""
    """``CANNOT_OPEN``: the audio library's own words."""

    def __str__(self) -> str:
        label = f"{self.channel.value} device {self.device}" if self.channel else ""
        if self.kind is DeviceChangeKind.LISTENING:
            return f"{label} at {self.rate:g} Hz"
        if self.kind is DeviceChangeKind.BACK:
            return (f"{label} at {self.rate:g} Hz, back after {self.seconds:.1f} s "
                    "(silence filled the gap)")
        if self.kind is DeviceChangeKind.LOST:
            return (f"{label}: {_CAUSES[self.cause](self)}; trying again every "
                    f"{self.retry_s:g} s, silence fills the gap")
        if self.kind is DeviceChangeKind.NO_CALLER:
            return ("no caller device: the checks that compare agent and caller (pace match, "
                    "overtalk, listening) are off")
        return "capture stopped"


_CAUSES: dict[LossCause | None, Callable[[DeviceChange], str]] = {
    LossCause.STREAM_STOPPED: lambda c: "the stream stopped",
    LossCause.SILENT: lambda c: f"no audio for {c.seconds:.1f} s",
    LossCause.SILENT_AFTER_OPEN: lambda c: f"no audio {c.seconds:g} s after opening",
    LossCause.CANNOT_OPEN: lambda c: f"cannot open it ({c.error})",
    None: lambda c: "lost",
}
