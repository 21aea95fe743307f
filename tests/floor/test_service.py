"""The central store's service against a real PostgreSQL server, over TLS."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import psycopg
import pytest
from psycopg.types.json import Jsonb

from assistant.floor.credentials import enrol, identify, revoke
from assistant.floor.migrate import available, migrate
from assistant.floor.repository import payload_hash, store_session
from assistant.sessions.store.transfer import session_document
from tests.fixtures.postgres import read_all


def test_migrations_apply_once_and_record_their_versions(postgres_server):
    url = postgres_server.url("floor")
    first = migrate(url)
    assert first == [m.name for m in available()]
    assert migrate(url) == []
    with psycopg.connect(url) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    assert versions == [m.version for m in available()]


def test_a_credential_is_kept_only_as_a_hash_and_can_be_revoked(floor_db):
    with psycopg.connect(floor_db) as conn:
        done = enrol(conn, "5678", name="小李", team="A")
        token_id, secret = done.token.split(".")
        (stored,) = conn.execute("SELECT secret_hash FROM credentials WHERE token_id = %s",
                                 (token_id,)).fetchone()
        assert secret not in stored and len(stored) == 64
        assert identify(conn, done.token).agent_id == "5678"
        assert identify(conn, token_id + ".wrong") is None
        assert identify(conn, "no-dot") is None
        assert revoke(conn, "5678") == 1
        assert identify(conn, done.token) is None


def test_a_session_is_stored_once_however_often_it_is_sent(floor_db, floor_service,
                                                           polite_call):
    service = floor_service(floor_db)
    with psycopg.connect(floor_db) as conn:
        token = enrol(conn, polite_call.session.info.agent_id, name=polite_call.session.info.agent_name).token
    doc = session_document(polite_call.session)
    with service.client(token) as http:
        first = http.post("/v1/sessions", json=doc)
        again = http.post("/v1/sessions", json=doc)
        assert (first.status_code, first.json()["stored"]) == (201, "new")
        assert (again.status_code, again.json()["stored"]) == (200, "already")
        changed = {**doc, "summary": {**doc["summary"], "duration_s": 1.0}}
        assert http.post("/v1/sessions", json=changed).status_code == 409
        back = http.get(f"/v1/sessions/{polite_call.session.info.id}").json()
    assert payload_hash(back) == payload_hash(doc)
    with read_all(floor_db) as conn:
        rows = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
        events = conn.execute("SELECT sum(jsonb_array_length(events)) "
                              "FROM session_events").fetchone()[0]
    assert rows == 1 and events == len(polite_call.session.events) > 0


def test_the_service_is_reached_only_over_tls_it_can_verify(floor_db, floor_service):
    service = floor_service(floor_db)
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        httpx.get(service.url + "/v1/health")
    with pytest.raises(httpx.TransportError):
        httpx.get(service.url.replace("https", "http") + "/v1/health")


def test_a_batch_credential_stores_any_agents_calls_and_an_agent_still_only_its_own(
        floor_db, floor_service, polite_call):
    service = floor_service(floor_db)
    with psycopg.connect(floor_db) as conn:
        batch = enrol(conn, "qa-archive", role="batch").token
        agent = enrol(conn, "K100").token
    doc = session_document(polite_call.session)
    info = doc["info"]
    unknown = {**doc, "info": {**info, "id": info["id"][:-6] + "0000aa", "agent_id": ""}}
    other = {**doc, "info": {**info, "id": info["id"][:-6] + "0000bb", "agent_id": "K200"}}
    with service.client(batch) as http:
        assert http.post("/v1/sessions", json=unknown).status_code == 201
        assert http.post("/v1/sessions", json=other).status_code == 201
        assert http.post("/v1/sessions", json=other).json()["stored"] == "already"
    with service.client(agent) as http:
        mine = {**doc, "info": {**info, "id": info["id"][:-6] + "0000cc", "agent_id": "K100"}}
        assert http.post("/v1/sessions", json=mine).status_code == 201
        theirs = {**other, "info": {**other["info"], "id": info["id"][:-6] + "0000dd"}}
        assert http.post("/v1/sessions", json=theirs).status_code == 403
    with read_all(floor_db) as conn:
        owners = dict(conn.execute("SELECT right(id, 6), agent_id FROM sessions").fetchall())
    assert owners == {"0000aa": "qa-archive", "0000bb": "K200", "0000cc": "K100"}


def test_the_events_move_from_rows_to_one_array_per_session_with_nothing_lost(
        postgres_server, tmp_path, polite_call):
    """A store at schema 2 (a row per event) keeps every event, in order, at schema 3."""
    early = tmp_path / "migrations"
    early.mkdir()
    for migration in available()[:2]:
        shutil.copy(migration.path, early / Path(migration.path).name)
    url = postgres_server.url("floor")
    migrate(url, early)
    doc = session_document(polite_call.session)
    prompt = ["PromptRaised", 5.0, None, {"rule": "hold.update", "clause": "kf-11.3",
                                          "text": "…", "severity": "warning", "priority": 50,
                                          "detail": {}}]
    doc["events"] = [*doc["events"], prompt]
    with psycopg.connect(url) as conn:
        who = enrol(conn, polite_call.session.info.agent_id).identity
        with conn.transaction():
            conn.execute("SELECT set_config('app.agent', %s, true)", (who.agent_id,))
            conn.execute("INSERT INTO sessions (id, agent_id, started_at, language, pack_id, "
                         "pack_version, state, duration_s, info, payload_sha256) VALUES "
                         "(%s, %s, now(), 'zh', 'p', '1', 'complete', 1, '{}', 'x')",
                         (doc["info"]["id"], who.agent_id))
            with conn.cursor() as cur:
                cur.executemany("INSERT INTO events VALUES (%s, %s, %s, %s, %s, %s)",
                                [(doc["info"]["id"], i, t, kind, channel, Jsonb(data))
                                 for i, (kind, t, channel, data) in enumerate(doc["events"])])
    assert migrate(url) == [m.name for m in available()[2:]]
    with read_all(url) as conn:
        events, prompts = conn.execute("SELECT e.events, s.prompts FROM session_events e "
                                       "JOIN sessions s ON s.id = e.session_id").fetchone()
    assert events == doc["events"]
    assert prompts == 1


def test_digits_sent_unmasked_are_masked_before_they_are_stored(floor_db, polite_call):
    doc = session_document(polite_call.session)
    number = ["Transcript", 3.0, "caller",
              {"text": "我的电话是 13800138000", "words": [["13800138000", 2.0, 3.0, 1.0]],
               "final": True, "grammar": False}]
    doc["events"] = sorted([*doc["events"], number], key=lambda row: row[1])
    with psycopg.connect(floor_db) as conn:
        who = enrol(conn, polite_call.session.info.agent_id).identity
        store_session(conn, who, doc)
    with read_all(floor_db) as conn:
        (events,) = conn.execute("SELECT events FROM session_events").fetchone()
    stored = [row for row in events if row[0] == "Transcript" and row[2] == "caller"
              and row[1] == 3.0]
    assert stored and "13800138000" not in json.dumps(stored, ensure_ascii=False)
    assert "#" * 11 in stored[0][3]["text"]
    assert len(events) == len(doc["events"])


def test_an_oversized_request_is_refused_before_it_is_read(floor_db, monkeypatch):
    from fastapi.testclient import TestClient

    from assistant.floor import app as service

    monkeypatch.setattr(service, "MAX_DOCUMENT", 1000)
    with TestClient(service.create_app(floor_db)) as http:
        refused = http.post("/v1/sessions", content=b"{" + b" " * 2000 + b"}",
                            headers={"Content-Type": "application/json"})
    assert refused.status_code == 413 and "larger than" in refused.json()["detail"]
