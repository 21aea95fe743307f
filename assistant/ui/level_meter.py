"""Live level meters for the settings dialog: is this really the agent's microphone?

While the dialog is open, each chosen device gets a short-lived input stream
whose callback only keeps the latest peak; a timer on the Qt thread draws it. The probe
is closed when the device changes or the dialog closes, so the app never holds a device
it is not using.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressBar, QWidget

from assistant.audio.block import BLOCK_SAMPLES
from assistant.audio.devices import DeviceError, DeviceInfo
from assistant.audio.input_stream import open_input_stream

FLOOR_DB = -60.0
REFRESH_MS = 60


class LevelProbe(Protocol):
    def peak(self) -> float:
        """The highest absolute sample since the last call, 0..1."""

    def close(self) -> None: ...


class SoundDeviceProbe:
    """A probe on the stream live capture would open: PortAudio, or loopback."""

    def __init__(self, device: DeviceInfo):
        self._peak = 0.0
        self._stream = open_input_stream(device=device, channels=1, blocksize=BLOCK_SAMPLES,
                                         callback=self._callback, finished_callback=_nothing)
        self._stream.start()

    def _callback(self, indata: np.ndarray, frames: int, time_info: object,
                  status: object) -> None:
        self._peak = max(self._peak, float(np.max(np.abs(indata))) if frames else 0.0)

    def peak(self) -> float:
        peak, self._peak = self._peak, 0.0
        return peak

    def close(self) -> None:
        self._stream.close()


ProbeFactory = Callable[[DeviceInfo], LevelProbe]


def _nothing() -> None:
    pass


def to_percent(peak: float) -> int:
    """A peak on a dB scale from ``FLOOR_DB`` (0 %) to full scale (100 %)."""
    if peak <= 0:
        return 0
    db = 20 * math.log10(min(peak, 1.0))
    return round(max(0.0, (db - FLOOR_DB) / -FLOOR_DB) * 100)


class LevelMeter(QProgressBar):
    """A thin bar following one device's level; ``watch(None)`` stops it."""

    def __init__(self, factory: ProbeFactory = SoundDeviceProbe, parent: QWidget | None = None):
        super().__init__(parent)
        self.factory = factory
        self.setRange(0, 100)
        self.setTextVisible(False)
        self.setMaximumHeight(8)
        self.probe: LevelProbe | None = None
        self.error = ""
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)

    def watch(self, device: DeviceInfo | None, lang: str | None = None) -> str:
        """Follow ``device``; returns why it cannot be opened (``""`` when it can), in
        ``lang`` when the reason is one of the app's (PortAudio's own words stay as they are)."""
        self.stop()
        self.error = ""
        if device is None:
            return ""
        try:
            self.probe = self.factory(device)
        except DeviceError as exc:
            self.error = exc.words(lang)
            return self.error
        except Exception as exc:  # noqa: BLE001 - PortAudio refuses in many ways; all are "cannot open"
            self.error = str(exc)
            return self.error
        self._timer.start(REFRESH_MS)
        return ""

    def stop(self) -> None:
        self._timer.stop()
        if self.probe is not None:
            self.probe.close()
            self.probe = None
        self.setValue(0)

    def _tick(self) -> None:
        if self.probe is not None:
            self.setValue(to_percent(self.probe.peak()))
