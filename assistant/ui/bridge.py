"""The one place where the core's events cross into Qt.

The pipeline runs on a worker thread and calls its sinks there; Qt widgets may only be
touched on the main thread. ``EventBridge`` is a sink for any thread: it queues the
event and wakes the main thread with one posted event per burst (never one per core
event), then delivers the burst in order through ``event`` and says ``batch`` once at
the end, so a view repaints once per burst.

The wake-up is a queued ``QMetaObject.invokeMethod`` (thread-safe in Qt); the worker
never touches any other Qt object.

Events that only say "the latest value is …" are coalesced while they wait: a newer
``Tick`` replaces an older one still queued, likewise a channel's ``LevelReading`` and
partial ``Transcript``. Every event a view must see (phases, prompts, phrase hits, pace)
is delivered. A replay at 100x therefore costs the main thread a handful of deliveries
per frame, not thousands.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable

from PySide6.QtCore import QMetaObject, QObject, Qt, Signal, Slot

import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)
from assistant.ground.events import LevelReading, Tick, Transcript


def coalesce_key(event: object) -> Hashable | None:
    """Events with the same key replace each other while queued; ``None``: never."""
    if isinstance(event, Tick):
        return Tick
    if isinstance(event, LevelReading):
        return (LevelReading, event.channel)
    if isinstance(event, Transcript) and not event.final:
        return (Transcript, event.channel)
    return None


class EventBridge(QObject):
    event = Signal(object)
    """One event, on the thread this bridge lives on (the Qt main thread), in order."""
    batch = Signal()
    """A burst of events has been delivered; time to repaint."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._lock = threading.Lock()
        self._queue: list[object | None] = []
        self._latest: dict[Hashable, int] = {}
        self._woken = False
        self.received = 0
        self.delivered = 0
        self.coalesced = 0

    def __call__(self, event: object) -> None:
        """Queue ``event``; safe from any thread (this is the pipeline's sink)."""
        key = coalesce_key(event)
        with self._lock:
            self.received += 1
            if key is not None:
                older = self._latest.get(key)
                if older is not None:
                    self._queue[older] = None
                    self.coalesced += 1
                self._latest[key] = len(self._queue)
            self._queue.append(event)
            wake, self._woken = not self._woken, True
        if wake:
            QMetaObject.invokeMethod(self, "flush", Qt.ConnectionType.QueuedConnection)

    @Slot()
    def flush(self) -> None:
        """Deliver what is queued now (the queued wake-up calls this on the main thread)."""
        with self._lock:
            queue, self._queue = self._queue, []
            self._latest.clear()
            self._woken = False
        for event in queue:
            if event is not None:
                self.delivered += 1
                self.event.emit(event)
        if queue:
            self.batch.emit()

    @property
    def pending(self) -> int:
        with self._lock:
            return sum(event is not None for event in self._queue)
