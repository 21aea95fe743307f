"""``ControlInbox``: call commands from any thread, applied by the pipeline's worker.

``Pipeline.control`` is meant for the thread that feeds the pipeline (its list is swapped
between blocks without a lock). The control server, the tray and hotkeys live on other
threads, so they post here; the worker calls ``apply`` right before each ``feed``, and a
command therefore takes effect at the audio time of the next block.
"""

from __future__ import annotations

import queue
from typing import Protocol

from assistant.control.protocol import Command
from assistant.ground.events import CallAction, Channel


class Controllable(Protocol):
    def control(self, action: CallAction, by: Channel | None = None) -> None: ...


class ControlInbox:
    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[Command] = queue.SimpleQueue()

    def post(self, command: Command) -> str:
        """Queue ``command``; safe from any thread. Returns the reply for the caller."""
        self._queue.put(command)
        by = f" by {command.by.value}" if command.by else ""
        return f"{command.action.value}{by}: takes effect at the next audio block"

    __call__ = post

    def apply(self, pipeline: Controllable) -> int:
        """Hand every queued command to ``pipeline``; call it on the worker thread."""
        applied = 0
        while True:
            try:
                command = self._queue.get_nowait()
            except queue.Empty:
                return applied
            pipeline.control(command.action, command.by)
            applied += 1
