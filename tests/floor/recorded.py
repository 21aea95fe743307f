"""Sessions for the floor's tests: one call recorded by the real pipeline (espeak-ng speech,
the real rules), then copied into other agents' stores as new calls (new ids), each
finished through the store as the recorder finishes one (so each is queued to be sent)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from assistant.sessions.model import NewSession, Session
from assistant.sessions.store import SessionStore
from tests.fixtures.sessions import SCENARIOS, record_scenario

POLITE = SCENARIOS / "zh_polite_call.toml"


def record_one(work: Path, *, audio: bool = True) -> Session:
    """The polite call, recorded once into a store of its own; returned loaded."""
    with SessionStore(work / "source") as store:
        info, _ = record_scenario(store, POLITE, work, audio=audio)
        return store.load(info.id)


def finish_copy(store: SessionStore, call: Session, agent_id: str, agent_name: str = "",
                *, minutes: int = 0) -> str:
    """``call`` as a new call of ``agent_id`` in ``store``; returns its id."""
    info = call.info
    when = (info.call_time or info.started_at) + timedelta(minutes=minutes)
    new = store.create(NewSession(
        source="live", language=info.language, pack_id=info.pack_id,
        pack_version=info.pack_version, has_caller=info.has_caller, pack_text=call.pack_text,
        started_at=datetime.now() + timedelta(minutes=minutes), call_time=when,
        agent_name=agent_name or agent_id, agent_id=agent_id, recogniser=info.recogniser))
    store.append(new.id, call.events, duration_s=info.duration_s)
    store.finish(new.id, call.summary)
    return new.id
