"""The caller by loopback: what the softphone's output device plays, as an input stream.

The PortAudio inside sounddevice's wheels has no WASAPI loopback, so the caller channel
comes from ``soundcard``, which records an output device's mix on each system with one
API: WASAPI loopback on Windows, the sink's monitor source on PulseAudio/PipeWire. Each
output device appears as an input device named after it with `` [Loopback]`` (PulseAudio
names its monitors ``Monitor of …`` already).

``LoopbackStream`` looks like a sounddevice ``InputStream`` to ``LiveSource``: a thread
records one block at a time and hands it to the same callback, and a failure ends the
stream through ``finished_callback``, so a lost device is reported and re-acquired the
way a lost microphone is. The library is the boundary: tests give ``LoopbackStream`` a
fake module; the live tests give it the real one and a real PulseAudio server.

Idle output on Windows (nothing playing between calls) is not a lost device: soundcard
returns silence for it, so the caller channel keeps flowing.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from types import ModuleType, SimpleNamespace
from typing import Any

from assistant.audio.device_info import LOOPBACK, DeviceError, DeviceInfo, DeviceProblem
from assistant.ground.events import SAMPLE_RATE

SUFFIX = " [Loopback]"
OPEN_TIMEOUT_S = 3.0
PRESENCE_CHECK_S = 1.0
"""How often a recording stream checks that its device is still there: PulseAudio moves a
stream whose source is removed to another one (it would record the wrong device), and
WASAPI may keep a removed endpoint's stream open, silent."""
_NO_STATUS = SimpleNamespace(input_overflow=False)
_module: ModuleType | None = None
problem: DeviceError | None = None
"""Why there are no loopback devices (the library failed to load), or ``None``."""


def soundcard_module() -> ModuleType:
    """The ``soundcard`` module, connected to the audio server; ``DeviceError`` if it
    cannot run here (no PulseAudio library or server on Linux, no WASAPI)."""
    global _module
    if _module is None:
        try:
            import soundcard
        except AssertionError:  # it connects at import, and asserts that it did
            raise DeviceError(DeviceProblem.NO_AUDIO_SERVER) from None
        except Exception as exc:  # noqa: BLE001 - any failure at import means "unavailable"
            raise DeviceError(DeviceProblem.NO_LOOPBACK, error=_say(exc)) from None
        _module = soundcard
    _revive_pulse(_module)
    return _module


def _revive_pulse(soundcard: ModuleType) -> None:
    """soundcard connects to PulseAudio once, at import; after the server restarts that
    connection is dead for good. Make a new one so the monitor can be re-acquired."""
    backend = getattr(soundcard, "pulseaudio", None) if sys.platform.startswith("linux") else None
    pulse = getattr(backend, "_pulse", None)
    if backend is None or pulse is None:
        return
    try:
        ready = pulse._pa_context_get_state(pulse.context) == backend._pa.PA_CONTEXT_READY
        if not ready:
            backend._pulse = backend._PulseAudio()
    except Exception as exc:  # noqa: BLE001 - the server is still away: try again later
        raise DeviceError(DeviceProblem.SERVER_AWAY, error=_say(exc)) from None


def loopback_name(name: str) -> str:
    return name if "monitor" in name.casefold() else name + SUFFIX


def list_loopback(first_index: int, module: ModuleType | None = None) -> list[DeviceInfo]:
    """Every output device that can be recorded, numbered from ``first_index``; none
    (and ``problem`` says why) when the library cannot run here."""
    global problem
    try:
        sc = module or soundcard_module()
        microphones = [m for m in sc.all_microphones(include_loopback=True) if m.isloopback]
        devices = [
            DeviceInfo(index=first_index + i, name=loopback_name(m.name),
                       host_api=f"loopback ({_system()})", input_channels=int(m.channels),
                       default_samplerate=float(SAMPLE_RATE), backend=LOOPBACK, key=str(m.id))
            for i, m in enumerate(microphones)
        ]
    except DeviceError as exc:
        problem = exc
        return []
    except Exception as exc:  # noqa: BLE001 - listing must never stop the app
        problem = DeviceError(DeviceProblem.CANNOT_LIST_LOOPBACK, error=_say(exc))
        return []
    problem = None
    return devices


def _say(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _system() -> str:
    return "WASAPI" if sys.platform == "win32" else "PulseAudio"


class LoopbackStream:
    """A sounddevice-like input stream over a soundcard recorder, on its own thread."""

    def __init__(self, *, device: DeviceInfo, channels: int, blocksize: int,
                 callback: Callable[..., None], finished_callback: Callable[[], None],
                 module: ModuleType | None = None):
        self.device = device
        self.samplerate = float(SAMPLE_RATE)
        self._channels = max(1, min(channels, device.input_channels or channels))
        self._blocksize = blocksize
        self._callback = callback
        self._finished = finished_callback
        self._module = module
        self._stop = threading.Event()
        self._opened = threading.Event()
        self._error: BaseException | None = None
        self._recording = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Open the device and start recording; ``DeviceError`` if it is not there."""
        microphone = self._find()
        self._thread = threading.Thread(target=self._run, args=(microphone,),
                                        name=f"loopback {self.device.name}", daemon=True)
        self._thread.start()
        self._opened.wait(OPEN_TIMEOUT_S)
        if self._error is not None:
            raise DeviceError(DeviceProblem.CANNOT_RECORD, device=self.device,
                              error=_say(self._error))

    def close(self) -> None:
        """Stop recording; returns within about a block (the thread ends on its own)."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=2 * self._blocksize / SAMPLE_RATE + 0.5)

    def _find(self) -> Any:
        microphones = self._loopbacks()
        by_id = [m for m in microphones if str(m.id) == self.device.key]
        by_name = [m for m in microphones if loopback_name(m.name) == self.device.name]
        for found in (by_id, by_name):
            if found:
                return found[0]
        raise DeviceError(DeviceProblem.NOT_THERE, device=self.device)

    def _loopbacks(self) -> list[Any]:
        sc = self._module or soundcard_module()
        try:
            return [m for m in sc.all_microphones(include_loopback=True) if m.isloopback]
        except Exception as exc:  # noqa: BLE001 - the server or driver is away
            raise DeviceError(DeviceProblem.CANNOT_LIST_LOOPBACK, error=_say(exc)) from None

    def _still_there(self, microphone: Any) -> None:
        if not any(str(m.id) == str(microphone.id) for m in self._loopbacks()):
            raise DeviceError(DeviceProblem.REMOVED, device=self.device)

    def _run(self, microphone: Any) -> None:
        try:
            with microphone.recorder(samplerate=SAMPLE_RATE, channels=self._channels,
                                     blocksize=self._blocksize) as recorder:
                self._recording = True
                self._opened.set()
                since_check = 0
                while not self._stop.is_set():
                    frames = recorder.record(numframes=self._blocksize)
                    if self._stop.is_set():
                        break
                    since_check += len(frames)
                    if since_check >= PRESENCE_CHECK_S * SAMPLE_RATE:
                        since_check = 0
                        self._still_there(microphone)
                    self._callback(frames.reshape(len(frames), -1), len(frames), None,
                                   _NO_STATUS)
        except Exception as exc:  # noqa: BLE001 - any failure means the device is lost
            self._error = exc
        finally:
            self._opened.set()
            if self._recording and not self._stop.is_set():
                self._finished()  # a failure while opening is raised by start() instead


def open_loopback_stream(*, device: DeviceInfo, channels: int, blocksize: int,
                         callback: Callable[..., None],
                         finished_callback: Callable[[], None]) -> LoopbackStream:
    return LoopbackStream(device=device, channels=channels, blocksize=blocksize,
                          callback=callback, finished_callback=finished_callback)
