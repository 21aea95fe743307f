"""Where an archive run's results go: one narrow interface, one implementation per store.

The process that runs ``analyze --cluster`` is the only writer: workers hand their records
back and it writes each one as it arrives. Every write is keyed by the call's content id,
so a call redone (its worker was killed after finishing it, the manifest was run again) is
written once; ``put`` says whether the call was new.

* :class:`SessionStoreSink` — the local SQLite session store (the single-machine default):
  each call becomes a finished session (source ``file``) whose id is the call time and the
  first 24 bits of the content id, so the same call maps to the same session every time.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol

from assistant.archive.record import CallRecord


class ResultSink(Protocol):
    where: str
    """The store, for the user (a path or an address)."""

    def put(self, record: CallRecord) -> bool:
        """Keep one analysed call; ``False`` when it was already kept (nothing written)."""
        ...

    def close(self) -> None:
        ...


def session_id_of(record: CallRecord) -> str:
    """``20261125-091200-3fa9c1``: the call's local time and its content id's first 6 hex."""
    when = datetime.fromisoformat(record.call_time) if record.call_time else datetime(1970, 1, 1)
    return f"{when:%Y%m%d-%H%M%S}-{record.call_id[:6]}"


class SessionStoreSink:
    def __init__(self, root: Path | None = None):
        from assistant.sessions.store import SessionStore

        self.store = SessionStore(root)
        self.where = str(self.store.db_path)

    def put(self, record: CallRecord) -> bool:
        from assistant.sessions.codec import decode, summary_from_dict
        from assistant.sessions.model import AudioState, SessionInfo, SessionState, Source
        from assistant.sessions.store import StoreError

        session_id = session_id_of(record)
        try:
            self.store.info(session_id)
            return False
        except StoreError:
            pass
        when = datetime.fromisoformat(record.call_time) if record.call_time else None
        meta = record.session
        summary = summary_from_dict(record.summary) if record.summary else None
        info = SessionInfo(
            id=session_id, source=Source.FILE.value, source_path=record.path,
            started_at=when or datetime(1970, 1, 1), call_time=when,
            agent_name=record.agent_name, agent_id=record.agent_id, language=meta["language"],
            pack_id=meta["pack_id"], pack_version=meta["pack_version"], model=meta["model"],
            recogniser=meta["recogniser"], has_caller=meta["has_caller"],
            app_version=meta["app_version"], state=SessionState.COMPLETE,
            duration_s=summary.duration_s if summary else 0.0, audio_file="",
            audio_state=AudioState.NONE, retention_days=meta["retention_days"], remark="")
        self.store.import_session(info, pack_text=meta["pack_text"], summary=summary,
                                  events=(decode(*row) for row in record.events))
        return True

    def close(self) -> None:
        self.store.close()
