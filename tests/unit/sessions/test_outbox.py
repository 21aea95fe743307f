"""The outbox: a finished (or recovered) call is queued with it, once; deleting the call
removes its entry; a failed try is remembered with when to try again and why."""

from __future__ import annotations

import time

from assistant.floor.sync import Backoff
from assistant.sessions.session import NewSession
from assistant.sessions.store.database import SessionStore
from assistant.sessions.store.outbox import Outbox


def _new() -> NewSession:
    return NewSession(source="live", language="zh", pack_id="p", pack_version="1",
                      has_caller=True, agent_id="5678")


def test_a_finished_call_is_queued_once_and_leaves_with_the_call(tmp_path):
    with SessionStore(tmp_path) as store:
        first = store.create(_new()).id
        second = store.create(_new()).id
        outbox = Outbox(store.db_path)
        assert outbox.entries() == []  # a call in progress is not queued
        store.finish(first, None)
        store.finish(first, None)
        assert [e.session_id for e in outbox.entries()] == [first]
        store.finish(second, None)
        store.delete(first)
        assert [e.session_id for e in outbox.entries()] == [second]
        outbox.close()


def test_a_call_recovered_after_a_crash_is_queued_too(tmp_path):
    with SessionStore(tmp_path) as store:
        sid = store.create(_new()).id
        store._db.execute("UPDATE sessions SET writer_pid = 999999999")  # a process gone
        store._db.commit()
        assert [info.id for info in store.recover()] == [sid]
        outbox = Outbox(store.db_path)
        assert [e.session_id for e in outbox.entries()] == [sid]
        outbox.close()


def test_a_failed_try_waits_and_says_why(tmp_path):
    with SessionStore(tmp_path) as store:
        sid = store.create(_new()).id
        store.finish(sid, None)
        outbox = Outbox(store.db_path)
        outbox.later(sid, 60, "cannot connect")
        assert outbox.due() == []
        entry = outbox.entries()[0]
        assert (entry.attempts, entry.last_error) == (1, "cannot connect")
        assert [e.session_id for e in outbox.due(time.time() + 61)] == [sid]
        outbox.done(sid)
        assert outbox.entries() == []
        outbox.close()


def test_the_backoff_doubles_with_jitter_up_to_its_cap():
    backoff = Backoff(base_s=2.0, cap_s=600.0)
    for attempts in range(12):
        full = min(600.0, 2.0 * 2 ** attempts)
        delays = [backoff.delay(attempts) for _ in range(50)]
        assert all(full / 2 <= d <= full for d in delays)
    assert len({round(backoff.delay(3), 6) for _ in range(20)}) > 1  # desktops spread out
