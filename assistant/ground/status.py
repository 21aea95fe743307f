"""What the overlay must know about the listening side, as events like the core's.

The core's events say what happened in the call; these say what the sources and the
recognisers can do right now: which channels exist, whether a model runs, whether a
device went away. They are Qt-free frozen dataclasses stamped with audio time, so the
live wiring (sources, tray, settings) sends them through the same bridge as the core's
events and the overlay sees everything in one order.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from assistant.ground.events import Channel
from assistant.ground.notices import DeviceChange, PackRefusal, RecordingStop


class Listening(str, enum.Enum):
    LISTENING = "listening"
    PAUSED = "paused"
    STOPPED = "stopped"


@dataclass(frozen=True)
class CallSetup:
    """What is known before the first word: sent when following a call (live or replayed).

    Sending it again later updates these facts without resetting the call (for example
    when the caller's loopback device appears part-way). ``model_hint`` is the command
    that installs the missing model, shown when phrase checks are off.
    """

    t: float
    has_caller: bool
    recognising: frozenset[Channel] = frozenset()
    call_time: datetime | None = None
    model_hint: str = ""
    demo: bool = False
    """The bundled demo call is playing, not a real call: every view says so."""


@dataclass(frozen=True)
class ListeningChanged:
    """The agent paused or resumed listening (tray, hotkey), or capture stopped."""

    t: float
    listening: Listening


@dataclass(frozen=True)
class DeviceLost:
    """A capture device went away; the source keeps trying to re-acquire it."""

    t: float
    channel: Channel
    device: str
    why: DeviceChange | None = None
    """The source's account of it (cause, seconds silent, the library's error), for a
    window to word in its language."""


@dataclass(frozen=True)
class DeviceBack:
    t: float
    channel: Channel
    device: str


@dataclass(frozen=True)
class RecordingChanged:
    """The session recorder stopped (``stop`` says why) or records again (``None``).

    Prompts never depend on it; the agent is told so a supervisor is not surprised by
    a missing session.
    """

    t: float
    stop: RecordingStop | None = None


@dataclass(frozen=True)
class PackNotice:
    """Something about the prompt pack the agent should know (``()``: all is well again).

    A pack from the managed folder refused (unsigned, tampered, untrusted key, broken) or
    a chosen pack file that does not load: the app keeps the last good pack and says so.
    """

    t: float
    refusals: tuple[PackRefusal, ...] = ()


StatusEvent = (CallSetup | ListeningChanged | DeviceLost | DeviceBack | RecordingChanged
               | PackNotice)
