"""Faults on the way to the central store: the database stopped, the service killed in the
middle of a sync (nothing lost, nothing doubled when they return), and one agent's
credential used to write another agent's session (refused, by the service and by
PostgreSQL's row-level security)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from assistant.floor.credentials import Identity
from assistant.floor.repository import acting
from assistant.floor.sync import Sender
from assistant.sessions.store.database import SessionStore
from assistant.sessions.store.outbox import Outbox
from assistant.sessions.store.transfer import session_document
from tests.fixtures.postgres import read_all
from tests.floor.agents import FAST, desktop, enrolled
from tests.floor.recorded import finish_copy

CALLS = 8


def _until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def _queue(desk: Path, polite_call, agent: str) -> list[str]:
    with SessionStore(desk) as store:
        return [finish_copy(store, polite_call, agent, minutes=i) for i in range(CALLS)]


def _stored_counts(db_url: str) -> dict[str, int]:
    with read_all(db_url) as conn:
        rows = conn.execute("SELECT s.id, coalesce(jsonb_array_length(e.events), 0) "
                            "FROM sessions s LEFT JOIN session_events e "
                            "ON e.session_id = s.id").fetchall()
    return dict(rows)


def _sync_through(fault: Callable[[], None], recover: Callable[[], None], desk: Path,
                  config) -> list[str]:
    """Run the sender; once part of the outbox is acknowledged, ``fault``; wait until the
    sender meets it (and check nothing more was acknowledged meanwhile); ``recover``; wait
    until the outbox is empty.
    Returns the errors the outbox recorded during the fault."""
    outbox = Outbox(desk / "sessions.db")
    sender = Sender(config, desk, backoff=FAST)
    sender.start()
    try:
        _until(lambda: len(outbox.entries()) < CALLS, 30, "the first acknowledgement")
        fault()
        left = len(outbox.entries())
        assert 0 < left < CALLS, "the fault came after the sync, not in its middle"
        _until(lambda: any(e.last_error for e in outbox.entries()), 30,
               "the sender to meet the fault")
        during = outbox.entries()
        errors = [e.last_error for e in during if e.last_error]
        assert len(during) >= left - 1  # at most the one in flight was acknowledged
        recover()
        _until(lambda: not outbox.entries(), 60, "the outbox to empty after recovery")
    finally:
        sender.stop()
        outbox.close()
    return errors


def test_postgres_stopped_in_the_middle_of_a_sync_loses_and_doubles_nothing(
        postgres_server, floor_db, floor_service, tls_files, site, tmp_path, polite_call):
    service = floor_service(floor_db)
    config = desktop(site, service.url, tls_files.cert, enrolled(floor_db, "F100"))
    ids = _queue(tmp_path / "desk", polite_call, "F100")
    try:
        errors = _sync_through(lambda: postgres_server.stop("immediate"),
                               postgres_server.start, tmp_path / "desk", config)
    finally:
        if not postgres_server.running:
            postgres_server.start()
    assert any("503" in e and "not reachable" in e for e in errors), errors
    stored = _stored_counts(floor_db)
    assert sorted(stored) == sorted(ids)
    assert set(stored.values()) == {_sent_events(polite_call)}


def test_the_service_killed_in_the_middle_of_a_sync_loses_and_doubles_nothing(
        floor_db, floor_service, tls_files, site, tmp_path, polite_call):
    service = floor_service(floor_db)
    config = desktop(site, service.url, tls_files.cert, enrolled(floor_db, "F200"))
    ids = _queue(tmp_path / "desk", polite_call, "F200")
    errors = _sync_through(lambda: service.stop(hard=True), service.start,
                           tmp_path / "desk", config)
    assert any("cannot connect" in e or "connection failed" in e for e in errors), errors
    stored = _stored_counts(floor_db)
    assert sorted(stored) == sorted(ids)
    assert set(stored.values()) == {_sent_events(polite_call)}


def test_an_agents_credential_cannot_write_another_agents_session(
        floor_db, floor_service, tmp_path, polite_call):
    service = floor_service(floor_db)
    mine = enrolled(floor_db, "G100")
    enrolled(floor_db, "G200")
    with SessionStore(tmp_path / "other") as store:
        theirs = store.load(finish_copy(store, polite_call, "G200"))
    doc = session_document(theirs)
    with service.client(mine) as http:
        refused = http.post("/v1/sessions", json=doc)
        assert refused.status_code == 403
        assert "G200" in refused.json()["detail"]
        assert http.get(f"/v1/sessions/{theirs.info.id}").status_code == 404
        assert http.get("/v1/sessions").json() == {"sessions": []}
    with service.client("0123456789abcdef.forged") as http:
        assert http.post("/v1/sessions", json=doc).status_code == 401
    assert _stored_counts(floor_db) == {}


def test_row_level_security_refuses_another_agents_row_even_past_the_service(
        floor_db, polite_call):
    enrolled(floor_db, "H100")
    enrolled(floor_db, "H200")
    info = polite_call.session.info
    with psycopg.connect(floor_db) as conn, \
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"), \
            acting(conn, Identity("H100", "", "agent")):
        conn.execute("INSERT INTO sessions (id, agent_id, started_at, language, pack_id, "
                     "pack_version, state, duration_s, info, payload_sha256) VALUES "
                     "(%s, 'H200', now(), 'zh', 'p', '1', 'complete', 1, '{}', 'x')",
                     (info.id,))
    assert _stored_counts(floor_db) == {}


def _sent_events(recorded) -> int:
    """Events a session carries to the store under the default policy (no transcript)."""
    return sum(type(e).__name__ != "Transcript" for e in recorded.session.events)
