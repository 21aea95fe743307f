"""What the app knows of one input device, whichever library records it."""

from __future__ import annotations

from dataclasses import dataclass

PORTAUDIO = "portaudio"
LOOPBACK = "loopback"


class DeviceError(Exception):
    """No usable input device, or its library is unavailable; the message says what to do."""


@dataclass(frozen=True)
class DeviceInfo:
    index: int
    name: str
    host_api: str
    input_channels: int
    default_samplerate: float
    is_default_input: bool = False
    backend: str = PORTAUDIO
    """``portaudio`` (sounddevice: microphones, ALSA devices) or ``loopback`` (soundcard:
    what an output device plays — WASAPI loopback on Windows, a PulseAudio/PipeWire
    monitor on Linux)."""
    key: str = ""
    """The backend's own id of a loopback device (a PulseAudio source name, a WASAPI
    endpoint id), used to find it again after it was lost."""

    def __str__(self) -> str:
        return f"'{self.name}' (#{self.index}, {self.host_api})"
