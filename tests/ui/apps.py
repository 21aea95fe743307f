"""The tray app in a test: its settings in the test's folder, audio from a fake source, no
recogniser, and nothing reported to a terminal."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings

from assistant.audio.block import BLOCK_SAMPLES, Block
from assistant.ground.events import Channel
from assistant.ground.notices import DeviceChange, DeviceChangeKind
from assistant.ui.app import App
from assistant.ui.preferences import AppSettings

SILENCE = np.zeros(BLOCK_SAMPLES, dtype=np.float32)


class FakeSource:
    """Blocks and device states on demand, the way ``LiveSource`` gives them."""

    has_caller = True

    def __init__(self, settings, on_state):
        self.on_state = on_state
        self.steps: queue.Queue = queue.Queue()
        self.position = 0
        self.stopped = threading.Event()

    def blocks(self):
        self.on_state(DeviceChange(DeviceChangeKind.LISTENING, Channel.AGENT,
                                   "'Fake Mic' (#1, ALSA)", "Fake Mic", 16000.0))
        while not self.stopped.is_set():
            try:
                step = self.steps.get(timeout=0.05)
            except queue.Empty:
                continue
            if isinstance(step, int):
                for _ in range(step):
                    yield Block(self.position, SILENCE, SILENCE)
                    self.position += BLOCK_SAMPLES
            else:
                self.on_state(step)
        self.on_state(DeviceChange(DeviceChangeKind.STOPPED))

    def stop(self):
        self.stopped.set()


def headless_app(folder: Path, settings: AppSettings, sources: list, *,
                 source: Callable = FakeSource, **options: object) -> App:
    """An ``App`` whose every audio source is a ``source`` appended to ``sources``."""
    def factory(settings: AppSettings, on_state: Callable) -> object:
        sources.append(source(settings, on_state))
        return sources[-1]

    return App(settings, store=QSettings(str(folder / "app.ini"), QSettings.Format.IniFormat),
               overlay_settings=QSettings(str(folder / "overlay.ini"),
                                          QSettings.Format.IniFormat),
               source_factory=factory, recognisers=lambda pack, mode, caller: ({}, []),
               report=lambda text: None, **options)
