"""A long shift's worth of events: the overlay neither grows widgets nor memory."""

from __future__ import annotations

import gc
import sys
import tracemalloc

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLabel

from assistant.engine.call_core import CallCore
from assistant.ground.events import (
    CallAction,
    Channel,
    PaceReading,
    SpeechEnd,
    SpeechStart,
    Transcript,
)
from assistant.overlay.state import OverlayState
from assistant.ui import qt_guard
from assistant.ui.bridge import EventBridge
from assistant.ui.overlay import OverlayWindow
from tests.unit.conduct.scripted_call import pack_for

CYCLE_S = 40.0


def busy_call_events(cycles: int) -> list:
    """Lookups with 18-s silences (hold, update prompt), pace readings, recaps and thanks."""
    pack = pack_for()
    events: list = []
    core = CallCore(pack, has_caller=True, recognising={ch: True for ch in Channel},
                    sinks=[events.append])
    core.control(0.0, CallAction.START)
    script = []
    for c in range(cycles):
        t = c * CYCLE_S
        script += [SpeechStart(Channel.AGENT, t + 0.5), SpeechEnd(Channel.AGENT, t + 3.0, t + 0.5),
                   Transcript(Channel.AGENT, t + 3.4, "请您稍等，我帮您查一下"),
                   SpeechStart(Channel.AGENT, t + 21.0),
                   SpeechEnd(Channel.AGENT, t + 24.0, t + 21.0),
                   Transcript(Channel.AGENT, t + 24.4, "跟您确认一下，您看可以吗，感谢您的来电"),
                   SpeechStart(Channel.CALLER, t + 25.0),
                   SpeechEnd(Channel.CALLER, t + 35.0, t + 25.0)]
        script += [PaceReading(Channel.CALLER, t + 26 + i, 200.0, 200.0, 0, 30.0)
                   for i in range(9)]
        script += [PaceReading(Channel.AGENT, t + 1 + i, 180.0 + 10 * (i % 5), 200.0, 0, 30.0)
                   for i in range(2)]
    script.sort(key=lambda e: e.t)
    step, now = 0.1, 0.0
    while now < cycles * CYCLE_S:
        now = round(now + step, 6)
        while script and script[0].t <= now:
            core.observe(script.pop(0))
        core.advance(now)
    return events


def feed(window: OverlayWindow, bridge: EventBridge, events: list, chunk: int = 25) -> None:
    for i in range(0, len(events), chunk):
        for event in events[i:i + chunk]:
            bridge(event)
        bridge.flush()
        window.refresh()
        QApplication.processEvents()


@pytest.mark.no_qt_log  # the log capture itself would grow with every Qt warning
def test_5000_events_leave_widget_count_and_memory_flat(qtbot, settings):
    events = busy_call_events(cycles=24)
    warmup, measured = events[:4000], events[4000:9000]
    assert len(measured) == 5000
    state = OverlayState(pack_for())
    window = OverlayWindow(state, settings=settings)
    bridge = EventBridge()
    window.attach(bridge)
    qtbot.addWidget(window)
    window.show()
    feed(window, bridge, warmup)
    gc.collect()
    objects = len(window.findChildren(QObject))
    tracemalloc.start()
    first, second = measured[:2500], measured[2500:]
    feed(window, bridge, first)
    gc.collect()
    middle, _ = tracemalloc.get_traced_memory()
    feed(window, bridge, second)
    qtbot.wait(800)  # let any fade finish
    gc.collect()
    end, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"traced memory after 2500 / 5000 events: {middle} / {end} bytes")
    assert len(window.findChildren(QObject)) == objects
    assert state.prompts.raised_count >= 10  # prompts came and went all along
    assert bridge.received == 9000 and bridge.delivered < 9000  # ticks coalesced
    # Python-side memory levels off (binding wrappers and enum caches fill up, then stay);
    # a leak per event would add hundreds of bytes per event here, not a few.
    assert end < 160 * 1024, f"{end} bytes traced after 5000 events"
    assert end - middle < 48 * 1024, f"grew by {end - middle} bytes over the last 2500 events"


def test_a_long_run_of_qt_calls_and_emits_keeps_the_interpreter_intact(qtbot):
    """PySide6 6.12.0 on Python < 3.12 drops references to None/True: see qt_guard."""
    bridge = EventBridge()
    received = []
    bridge.batch.connect(lambda: received.append(1))
    label = QLabel()
    for i in range(30_000):
        bridge.batch.emit()
        label.setText(str(i % 7))
        label.setVisible(bool(i % 2))
    assert len(received) == 30_000
    if qt_guard.binding_drops_references():
        assert qt_guard.GUARDED
        assert sys.getrefcount(None) > 1 << 40
