"""A capture stream for one side of a call: a PortAudio input at 16 kHz when the device
takes it (else at its native rate), or a soundcard loopback of the softphone's output.
``LiveSource`` opens, watches and reopens them; a level meter opens one on its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from assistant.audio.device_info import LOOPBACK, DeviceInfo
from assistant.audio.devices import sounddevice
from assistant.audio.loopback import open_loopback_stream
from assistant.ground.events import SAMPLE_RATE


class InputStream(Protocol):
    """What ``LiveSource`` needs of a stream: sounddevice.InputStream has all of it."""

    samplerate: float

    def start(self) -> None: ...

    def close(self) -> None: ...


class StreamFactory(Protocol):
    def __call__(self, *, device: DeviceInfo, channels: int, blocksize: int,
                 callback: Callable[..., None],
                 finished_callback: Callable[[], None]) -> InputStream: ...


def open_input_stream(*, device: DeviceInfo, channels: int, blocksize: int,
                      callback: Callable[..., None],
                      finished_callback: Callable[[], None]) -> InputStream:
    """A sounddevice stream at 16 kHz when the device takes it, else at its native rate;
    for a loopback device, a ``LoopbackStream`` (soundcard) at 16 kHz.

    ``blocksize`` is in samples at ``SAMPLE_RATE``; the stream's blocks last as long.
    PortAudio knows only the devices present when it was initialised: a device that is
    unplugged and plugged back is found again only if it keeps its index (as the
    ``pulse`` and ``default`` devices do).
    """
    if device.backend == LOOPBACK:
        return open_loopback_stream(device=device, channels=channels, blocksize=blocksize,
                                    callback=callback, finished_callback=finished_callback)
    sd = sounddevice()
    rate = float(SAMPLE_RATE)
    try:
        sd.check_input_settings(device=device.index, channels=channels, samplerate=rate,
                                dtype="float32")
    except Exception:  # noqa: BLE001 - any refusal means "not at 16 kHz"
        rate = device.default_samplerate
    return sd.InputStream(
        device=device.index, channels=channels, samplerate=rate, dtype="float32",
        blocksize=max(1, round(blocksize * rate / SAMPLE_RATE)),
        callback=callback, finished_callback=finished_callback,
    )
