"""The sender waits for a call's audio to be compressed before sending it, but not forever.
(The client is a fake here; the real one is tested against the real service in tests/floor.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.floor import sync
from assistant.floor.config import FloorConfig
from assistant.floor.sync import Backoff, send_due
from assistant.sessions.session import AudioState, NewSession
from assistant.sessions.store.database import SessionStore
from assistant.sessions.store.outbox import Outbox

NOW = Backoff(base_s=0.0, cap_s=0.0, poll_s=0.0)


@dataclass
class FakeClient:
    config: FloorConfig = field(default_factory=lambda: FloorConfig(
        "https://floor.example", "a.b", send_audio=True))
    sent: list[str] = field(default_factory=list)
    audio: list[str] = field(default_factory=list)

    def send_session(self, doc: dict) -> str:
        self.sent.append(doc["info"]["id"])
        return "new"

    def send_audio(self, session_id: str, flac: bytes) -> str:
        self.audio.append(session_id)
        return "new"


def test_a_call_waits_for_its_audio_then_goes_with_it(tmp_path):
    client = FakeClient()
    with SessionStore(tmp_path) as store:
        sid = store.create(NewSession(source="live", language="zh", pack_id="p",
                                      pack_version="1", has_caller=True, agent_id="5")).id
        store.set_audio(sid, f"{sid}.flac", AudioState.RECORDING)
        store.finish(sid, None)
        outbox = Outbox(store.db_path)
        assert send_due(store, outbox, client, NOW).sent == [] and client.sent == []
        (store.audio_dir / f"{sid}.flac").write_bytes(b"fLaC")
        store.set_audio(sid, f"{sid}.flac", AudioState.COMPLETE)
        assert send_due(store, outbox, client, NOW).sent == [sid]
        assert client.audio == [sid] and outbox.entries() == []
        outbox.close()


def test_a_call_whose_audio_never_finishes_is_sent_without_it(tmp_path, monkeypatch):
    client = FakeClient()
    with SessionStore(tmp_path) as store:
        sid = store.create(NewSession(source="live", language="zh", pack_id="p",
                                      pack_version="1", has_caller=True, agent_id="5")).id
        store.set_audio(sid, f"{sid}.flac", AudioState.RECORDING)
        store.finish(sid, None)
        outbox = Outbox(store.db_path)
        monkeypatch.setattr(sync, "AUDIO_WAIT_S", -1.0)
        assert send_due(store, outbox, client, NOW).sent == [sid]
        assert client.audio == [] and outbox.entries() == []
        outbox.close()


def test_demo_runs_are_never_sent(tmp_path):
    client = FakeClient()
    with SessionStore(tmp_path) as store:
        sid = store.create(NewSession(source="demo", language="zh", pack_id="p",
                                      pack_version="1", has_caller=True)).id
        store.finish(sid, None)
        outbox = Outbox(store.db_path)
        assert send_due(store, outbox, client, NOW).skipped == [sid]
        assert client.sent == [] and outbox.entries() == []
        outbox.close()
