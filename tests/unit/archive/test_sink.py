"""Result stores of an archive run: one session per call id, retries while the central store
is briefly away, a conflict kept as stored. (The real service and PostgreSQL are in
tests/integration/test_archive_cluster.py.)"""

from __future__ import annotations

import pytest

from assistant.archive.record import CallRecord
from assistant.archive.sink import CentralSink, SessionStoreSink, SinkError, session_id_of
from assistant.floor.client import FloorError
from assistant.floor.config import FloorConfig


def record(content: str = "ab12cd" + "0" * 58, when: str = "2026-11-25T09:12:00") -> CallRecord:
    return CallRecord(
        "/archive/0912.wav", call_id=content, agent_name="王芳", agent_id="1024", call_time=when,
        session={"language": "zh", "pack_id": "default-zh", "pack_version": "1",
                 "pack_text": "", "has_caller": True, "model": "", "recogniser": "off",
                 "app_version": "test", "retention_days": None},
        summary={"duration_s": 61.0, "has_caller": True, "recognising": {}, "pace": {},
                 "findings": [{"rule": "overtalk", "clause": "kf-12.2", "status": "missed"}],
                 "prompts": []},
        events=[("SpeechStart", 1.0, "agent", {})])


def test_the_session_id_is_the_call_time_and_the_content_id():
    assert session_id_of(record()) == "20261125-091200-ab12cd"


def test_the_local_store_keeps_a_call_once(tmp_path):
    sink = SessionStoreSink(tmp_path)
    try:
        assert sink.put(record()) is True
        assert sink.put(record()) is False
        assert sink.put(record(content="ff" * 32)) is True  # another recording, same second
        sessions = sink.store.list()
        assert len(sessions) == 2 and {s.agent for s in sessions} == {"王芳 1024"}
        assert sink.store.load("20261125-091200-ab12cd").summary.duration_s == 61.0
    finally:
        sink.close()


class FakeClient:
    """The ingestion service's client at the boundary: answers given in order."""

    def __init__(self, *answers):
        self.answers, self.sent = list(answers), []

    def send_session(self, document):
        self.sent.append(document)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def close(self):
        pass


@pytest.fixture
def central(monkeypatch):
    sink = CentralSink(FloorConfig("https://127.0.0.1:9", "id.secret"))
    monkeypatch.setattr("assistant.archive.sink.time.sleep", lambda s: None)
    return sink


def test_the_central_store_is_retried_while_it_is_away(central):
    central.client = FakeClient(FloorError("down", retry=True, status=503),
                                FloorError("no route", retry=True), "new", "already")
    assert central.put(record()) is True
    assert central.put(record()) is False
    doc = central.client.sent[0]
    assert doc["format"] == "etiquette-assistant-session"
    assert doc["info"]["id"] == "20261125-091200-ab12cd" and doc["info"]["source"] == "file"
    assert doc["events"] == [["SpeechStart", 1.0, "agent", {}]]


def test_a_conflict_is_kept_as_stored_and_a_refusal_stops_the_run(central):
    central.client = FakeClient(FloorError("other payload", retry=False, status=409),
                                FloorError("forbidden", retry=False, status=403))
    assert central.put(record()) is False and central.conflicts == ["20261125-091200-ab12cd"]
    with pytest.raises(SinkError, match="forbidden"):
        central.put(record())


def test_a_store_away_for_too_long_stops_the_run(central, monkeypatch):
    monkeypatch.setattr(CentralSink, "RETRY_FOR_S", 0.0)
    central.client = FakeClient(FloorError("down", retry=True, status=503))
    with pytest.raises(SinkError, match="down"):
        central.put(record())
