"""Events cross from the pipeline's worker thread to the Qt main thread, in order, thinned."""

from __future__ import annotations

import threading

from assistant.ground.events import Channel, LevelReading, PhraseHit, Tick, Transcript
from assistant.ui.bridge import EventBridge


def hit(t: float) -> PhraseHit:
    return PhraseHit(Channel.AGENT, t, "recap", "跟您确认一下")


def test_events_from_a_worker_arrive_on_the_main_thread_in_order_with_ticks_coalesced(qtbot):
    bridge = EventBridge()
    got, threads = [], set()
    bridge.event.connect(lambda e: (got.append(e), threads.add(threading.get_ident())))

    def worker() -> None:  # a 100x replay: ten thousand blocks as fast as the CPU goes
        for i in range(10_000):
            if i % 100 == 0:
                bridge(hit(i / 10))
            bridge(LevelReading(Channel.AGENT, i / 10, -20.0, -10.0, False, True))
            bridge(Tick(i / 10))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bridge.pending == 0 and bool(got), timeout=3000)
    assert threads == {threading.main_thread().ident}
    hits = [e for e in got if isinstance(e, PhraseHit)]
    assert [h.t for h in hits] == [i / 10 for i in range(0, 10_000, 100)]
    ticks = [e for e in got if isinstance(e, Tick)]
    assert ticks[-1].t == 999.9
    assert len(ticks) < 20  # the main thread was busy elsewhere: the newest tick wins
    times = [e.t for e in got]
    assert times == sorted(times)
    assert bridge.received == 20_100
    assert bridge.delivered == len(got) < 200


def test_one_wakeup_per_burst_and_batch_after_it(qtbot):
    bridge = EventBridge()
    batches = []
    bridge.batch.connect(lambda: batches.append(bridge.delivered))
    for i in range(50):
        bridge(hit(i))
    qtbot.waitUntil(lambda: bool(batches))
    assert batches == [50]


def test_concurrent_producer_keeps_every_event_that_matters(qtbot):
    bridge = EventBridge()
    got = []
    bridge.event.connect(got.append)
    done = threading.Event()

    def worker() -> None:
        for i in range(3000):
            bridge(Tick(i / 10))
            if i % 7 == 0:
                bridge(hit(i / 10))
            bridge(Transcript(Channel.AGENT, i / 10, "部分", final=False))
        done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    qtbot.waitUntil(done.is_set, timeout=5000)
    thread.join()
    qtbot.waitUntil(lambda: bridge.pending == 0, timeout=3000)
    assert len([e for e in got if isinstance(e, PhraseHit)]) == len(range(0, 3000, 7))
    assert [e for e in got if isinstance(e, Tick)][-1].t == 299.9
    times = [e.t for e in got]
    assert times == sorted(times)


def test_flush_delivers_synchronously_on_the_main_thread():
    bridge = EventBridge()
    got = []
    bridge.event.connect(got.append)
    bridge(Tick(1.0))
    bridge(Tick(2.0))
    bridge.flush()
    assert got == [Tick(2.0)]
    assert bridge.coalesced == 1
