"""Sessions for the floor's tests: one call recorded by the real pipeline (espeak-ng speech,
the real rules), then copied into other agents' stores as new calls (new ids), each
finished through the store as the recorder finishes one (so each is queued to be sent)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from assistant.sessions.session import AudioState, NewSession, Session
from assistant.sessions.store.database import SessionStore
from tests.fixtures.sessions import SCENARIOS, record_scenario

POLITE = SCENARIOS / "zh_polite_call.toml"


@dataclass(frozen=True)
class Recorded:
    session: Session
    audio: Path | None
    """Its FLAC (both channels), when recorded with audio."""


def record_one(work: Path, *, audio: bool = True) -> Recorded:
    """The polite call, recorded once into a store of its own; returned loaded."""
    with SessionStore(work / "source") as store:
        info, _ = record_scenario(store, POLITE, work, audio=audio)
        return Recorded(store.load(info.id), store.audio_path(store.info(info.id)))


def finish_copy(store: SessionStore, recorded: Recorded, agent_id: str, agent_name: str = "",
                *, minutes: int = 0, audio: bool = False) -> str:
    """The recorded call as a new call of ``agent_id`` in ``store`` (with its audio if
    ``audio``); returns its id."""
    call = recorded.session
    info = call.info
    when = (info.call_time or info.started_at) + timedelta(minutes=minutes)
    new = store.create(NewSession(
        source="live", language=info.language, pack_id=info.pack_id,
        pack_version=info.pack_version, has_caller=info.has_caller, pack_text=call.pack_text,
        started_at=datetime.now() + timedelta(minutes=minutes), call_time=when,
        agent_name=agent_name or agent_id, agent_id=agent_id, recogniser=info.recogniser))
    store.append(new.id, call.events, duration_s=info.duration_s)
    if audio:
        assert recorded.audio is not None
        name = f"{new.id}.flac"
        shutil.copyfile(recorded.audio, store.audio_dir / name)
        store.set_audio(new.id, name, AudioState.COMPLETE)
    store.finish(new.id, call.summary)
    return new.id
