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

from assistant.audio.device_info import DeviceError, DeviceInfo
from assistant.audio.loopback import list_loopback


def sounddevice() -> ModuleType:
    """The sounddevice module, or a ``DeviceError`` telling how to install PortAudio."""
    try:
        import sounddevice as sd
    except OSError as exc:
        raise DeviceError(
            f"the PortAudio library is missing ({exc}); install it with "
            "`apt-get install libportaudio2` (Debian/Ubuntu), then try again"
        ) from None
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
        raise DeviceError(f"PortAudio cannot list the audio devices: {exc}") from None
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
    """A table of input devices, ``*`` marking the default; says so when there are none."""
    if not devices:
        return _no_devices_message()
    header = ("", "#", "name", "host api", "inputs", "rate")
    rows = [
        ("*" if d.is_default_input else "", str(d.index), d.name, d.host_api,
         str(d.input_channels), f"{d.default_samplerate:g}")
        for d in devices
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    right = {1, 4, 5}

    def line(cells: tuple[str, ...]) -> str:
        padded = (cell.rjust(width) if i in right else cell.ljust(width)
                  for i, (cell, width) in enumerate(zip(cells, widths, strict=True)))
        return "  ".join(padded).rstrip()

    out = [line(header), *(line(r) for r in rows)]
    if any(d.is_default_input for d in devices):
        out.append("* default input")
    return "\n".join(out)


def find_device(spec: str | int | None, devices: list[DeviceInfo] | None = None) -> DeviceInfo:
    """The input device named by ``spec``: an index, a case-insensitive piece of its name,
    or ``None`` for the default input. An exact name wins over partial matches."""
    devices = list_devices() if devices is None else devices
    if not devices:
        raise DeviceError(_no_devices_message())
    if spec is None:
        for device in devices:
            if device.is_default_input:
                return device
        raise DeviceError("there is no default input device; choose one:\n"
                          + format_devices(devices))
    if isinstance(spec, int) or spec.strip().isdigit():
        index = int(spec)
        for device in devices:
            if device.index == index:
                return device
        raise DeviceError(f"no input device #{index}; choose one of:\n" + format_devices(devices))
    wanted = spec.strip().casefold()
    exact = [d for d in devices if d.name.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    matches = exact or [d for d in devices if wanted in d.name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise DeviceError(f"no input device matches '{spec}'; choose one of:\n"
                          + format_devices(devices))
    raise DeviceError(f"'{spec}' matches several input devices; give the index or more of "
                      "the name:\n" + format_devices(matches))


def _no_devices_message() -> str:
    return ("no audio input devices found: plug in a headset or check the audio server; "
            "`assistant demo` shows the assistant on a recorded call meanwhile")


def no_devices_problem() -> str | None:
    """Why live capture cannot start (no PortAudio, no input device), or ``None``."""
    try:
        devices = list_devices()
    except DeviceError as exc:
        return str(exc)
    return None if devices else _no_devices_message()
