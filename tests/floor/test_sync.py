"""Finished sessions reach the central store from an agent's desktop: queued on disk, resent
until acknowledged, once each; what the site policy keeps on the desktop stays there."""

from __future__ import annotations

import time

from assistant.floor.client import FloorClient
from assistant.floor.sync import Sender, send_due
from assistant.sessions.store.database import SessionStore
from assistant.sessions.store.outbox import Outbox
from tests.fixtures.postgres import read_all
from tests.floor.agents import FAST, desktop, enrolled
from tests.floor.recorded import finish_copy


def _stored(db_url: str) -> dict[str, tuple[str, int, bool]]:
    with read_all(db_url) as conn:
        rows = conn.execute("SELECT s.id, s.agent_id, jsonb_array_length(e.events), "
                            "s.has_transcript FROM sessions s "
                            "JOIN session_events e ON e.session_id = s.id")
        return {sid: (agent, n, transcript) for sid, agent, n, transcript in rows}


def test_a_finished_call_is_sent_once_without_its_transcript_by_default(
        floor_db, floor_service, tls_files, site, tmp_path, polite_call):
    service = floor_service(floor_db)
    config = desktop(site, service.url, tls_files.cert, enrolled(floor_db, "A100"))
    with SessionStore(tmp_path / "desk") as store, FloorClient(config) as client:
        ids = [finish_copy(store, polite_call, "A100", minutes=i) for i in range(3)]
        outbox = Outbox(store.db_path)
        assert sorted(e.session_id for e in outbox.entries()) == sorted(ids)
        first = send_due(store, outbox, client, FAST)
        assert sorted(first.sent) == sorted(ids) and not first.failed
        assert outbox.entries() == []
        assert send_due(store, outbox, client, FAST).sent == []
        outbox.close()
    stored = _stored(floor_db)
    assert sorted(stored) == sorted(ids)
    events = polite_call.session.events
    transcripts = sum(type(e).__name__ == "Transcript" for e in events)
    assert transcripts > 0
    for agent, count, has_transcript in stored.values():
        assert (agent, count, has_transcript) == ("A100", len(events) - transcripts, False)


def test_the_policy_can_send_the_masked_transcript_and_the_audio(
        floor_db, floor_service, tls_files, site, tmp_path, polite_call):
    service = floor_service(floor_db)
    config = desktop(site, service.url, tls_files.cert, enrolled(floor_db, "A200"),
                     transcripts=True, audio=True)
    with SessionStore(tmp_path / "desk") as store, FloorClient(config) as client:
        sid = finish_copy(store, polite_call, "A200", audio=True)
        outbox = Outbox(store.db_path)
        assert send_due(store, outbox, client, FAST).sent == [sid]
        assert outbox.entries() == []
        outbox.close()
        assert client.audio(sid) == polite_call.audio.read_bytes()
    events = len(polite_call.session.events)
    assert _stored(floor_db)[sid] == ("A200", events, True)


def test_a_sender_thread_empties_the_outbox_and_keeps_what_is_refused(
        floor_db, floor_service, tls_files, site, tmp_path, polite_call):
    service = floor_service(floor_db)
    config = desktop(site, service.url, tls_files.cert, enrolled(floor_db, "A300"))
    with SessionStore(tmp_path / "desk") as store:
        mine = finish_copy(store, polite_call, "A300")
        theirs = finish_copy(store, polite_call, "B999")  # e.g. a setting typed wrong
    sender = Sender(config, tmp_path / "desk", backoff=FAST)
    sender.start()
    try:
        outbox = Outbox(tmp_path / "desk" / "sessions.db")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            left = {e.session_id: e for e in outbox.entries()}
            if mine not in left and theirs in left and left[theirs].attempts >= 2:
                break
            time.sleep(0.05)
        assert mine not in left
        assert "403" in left[theirs].last_error and "B999" in left[theirs].last_error
        outbox.close()
    finally:
        sender.stop()
    assert sorted(_stored(floor_db)) == [mine]
