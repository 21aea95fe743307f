"""Audio input devices: PortAudio's (through sounddevice), then the loopback devices.

Microphones and ALSA devices come from PortAudio; what an output device plays (the
softphone's headset, for the caller channel) comes from ``soundcard``'s loopback devices
(``assistant.audio.loopback``), numbered after PortAudio's. Agents pick their microphone
and the softphone's loopback by index or by a piece of the name (``--agent-device "USB
Headset"``, ``--caller-device "Jabra EVOLVE 20 [Loopback]"``); every problem here turns
into a ``DeviceError`` that says what to do, because a missing library or an unplugged headset is a normal
event on an agent's desktop, not a crash.
"""

from __future__ import annotations

from types import ModuleType

from assistant.audio.device_info import (
    DeviceError,
    DeviceInfo,
    DeviceProblem,
    device_table,
)
from assistant.audio.loopback import list_loopback


def sounddevice() -> ModuleType:
    """The sounddevice module, or a ``DeviceError`` telling how to install PortAudio."""
    try:
        import sounddevice as sd
    except OSError as exc:
        raise DeviceError(DeviceProblem.NO_PORTAUDIO, error=exc) from None
    return sd


def list_devices() -> list[DeviceInfo]:
    """Every device that can record: PortAudio's inputs in its order, then the loopback
    devices (none when the loopback library cannot run here)."""
    inputs, first_free = portaudio_devices()
    return inputs + list_loopback(first_free)


def portaudio_devices() -> tuple[list[DeviceInfo], int]:
    """PortAudio's input devices, and the first index PortAudio does not use."""
    sd = sounddevice()
    try:
        raw = sd.query_devices()
        host_apis = [api["name"] for api in sd.query_hostapis()]
        default_input = sd.default.device[0]
    except sd.PortAudioError as exc:
        raise DeviceError(DeviceProblem.CANNOT_LIST, error=exc) from None
    inputs = [
        DeviceInfo(
            index=int(dev["index"]),
            name=str(dev["name"]),
            host_api=host_apis[dev["hostapi"]] if dev["hostapi"] < len(host_apis) else "?",
            input_channels=int(dev["max_input_channels"]),
            default_samplerate=float(dev["default_samplerate"]),
            is_default_input=int(dev["index"]) == default_input,
        )
        for dev in raw
        if dev["max_input_channels"] > 0
    ]
    return inputs, max((int(dev["index"]) for dev in raw), default=-1) + 1


def format_devices(devices: list[DeviceInfo]) -> str:
    """A table of input devices in the reader's language, ``*`` marking the default; says
    so when there are none."""
    return device_table(devices)


def find_device(spec: str | int | None, devices: list[DeviceInfo] | None = None) -> DeviceInfo:
    """The input device named by ``spec``: an index, a case-insensitive piece of its name,
    or ``None`` for the default input. An exact name wins over partial matches."""
    devices = list_devices() if devices is None else devices
    if not devices:
        raise DeviceError(DeviceProblem.NO_DEVICES)
    if spec is None:
        for device in devices:
            if device.is_default_input:
                return device
        raise DeviceError(DeviceProblem.NO_DEFAULT, choices=devices)
    if isinstance(spec, int) or spec.strip().isdigit():
        index = int(spec)
        for device in devices:
            if device.index == index:
                return device
        raise DeviceError(DeviceProblem.NO_SUCH_INDEX, choices=devices, index=index)
    wanted = spec.strip().casefold()
    exact = [d for d in devices if d.name.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    matches = exact or [d for d in devices if wanted in d.name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise DeviceError(DeviceProblem.NO_MATCH, choices=devices, spec=spec)
    raise DeviceError(DeviceProblem.SEVERAL, choices=matches, spec=spec)


def no_devices_problem() -> str | None:
    """Why live capture cannot start (no PortAudio, no input device), or ``None``."""
    try:
        devices = list_devices()
    except DeviceError as exc:
        return str(exc)
    return None if devices else str(DeviceError(DeviceProblem.NO_DEVICES))
