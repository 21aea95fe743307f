"""Where an archive run's results go: one narrow interface, one implementation per store.

The process that runs ``analyze --cluster`` is the only writer: workers hand their records
back and it writes each one as it arrives. Every write is keyed by the call's content id,
so a call redone (its worker was killed after finishing it, the manifest was run again) is
written once; ``put`` says whether the call was new.

Each call becomes a finished session (source ``file``) whose id is the call time and the
first 24 bits of the content id, so the same call maps to the same session every time:

* :class:`CentralSink` — the floor's central store, when the site policy names one;
* :class:`SessionStoreSink` — the local SQLite session store (the single-machine default).
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from assistant.archive.record import CallRecord

if TYPE_CHECKING:
    from assistant.sessions.session import SessionInfo


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


class SinkError(Exception):
    """The store cannot take results now (after retries); what was written stays written."""


def session_info(record: CallRecord) -> SessionInfo:
    """The finished session (source ``file``, no audio kept) that one analysed call is."""
    from assistant.sessions.session import AudioState, SessionInfo, SessionState, Source

    when = datetime.fromisoformat(record.call_time) if record.call_time else None
    meta = record.session
    return SessionInfo(
        id=session_id_of(record), source=Source.FILE.value, source_path=record.path,
        started_at=when or datetime(1970, 1, 1), call_time=when,
        agent_name=record.agent_name, agent_id=record.agent_id, language=meta["language"],
        pack_id=meta["pack_id"], pack_version=meta["pack_version"], model=meta["model"],
        recogniser=meta["recogniser"], has_caller=meta["has_caller"],
        app_version=meta["app_version"], state=SessionState.COMPLETE,
        duration_s=record.summary["duration_s"] if record.summary else 0.0, audio_file="",
        audio_state=AudioState.NONE, retention_days=meta["retention_days"], remark="")


class SessionStoreSink:
    def __init__(self, root: Path | None = None):
        from assistant.sessions.store.database import SessionStore

        self.store = SessionStore(root)
        self.where = str(self.store.db_path)

    def put(self, record: CallRecord) -> bool:
        from assistant.sessions.store.codec import decode, summary_from_dict
        from assistant.sessions.store.database import StoreError

        info = session_info(record)
        try:
            self.store.info(info.id)
            return False
        except StoreError:
            pass
        summary = summary_from_dict(record.summary) if record.summary else None
        try:
            self.store.import_session(info, pack_text=record.session["pack_text"],
                                      summary=summary,
                                      events=(decode(*row) for row in record.events))
        except StoreError as exc:
            raise SinkError(str(exc)) from None
        return True

    def close(self) -> None:
        self.store.close()


class CentralSink:
    """The floor's central store, through its ingestion service (``FloorClient``): the
    credential of the site policy's ``[floor]`` table, one session document per call."""

    RETRY_FOR_S = 120.0

    def __init__(self, config):
        from assistant.floor.client import FloorClient

        self.client = FloorClient(config)
        self.where = config.url
        self.conflicts: list[str] = []
        """Session ids stored earlier with other results (the stored ones are kept)."""

    def put(self, record: CallRecord) -> bool:
        from assistant.floor.client import FloorError

        document = session_document(record)
        delay, deadline = 0.5, time.monotonic() + self.RETRY_FOR_S
        while True:
            try:
                return self.client.send_session(document) == "new"
            except FloorError as exc:
                if exc.status == 409:
                    self.conflicts.append(document["info"]["id"])
                    return False
                if not exc.retry or time.monotonic() + delay > deadline:
                    raise SinkError(str(exc)) from None
            time.sleep(delay)
            delay = min(delay * 2, 10.0)

    def close(self) -> None:
        self.client.close()


def session_document(record: CallRecord) -> dict:
    """The central store's wire format (``assistant.sessions.store.transfer``) for one call."""
    from assistant.sessions.store.transfer import FORMAT, FORMAT_VERSION

    return {"format": FORMAT, "format_version": FORMAT_VERSION,
            "info": session_info(record).to_json(), "pack_text": record.session["pack_text"],
            "summary": record.summary, "notes": [], "audio": None,
            "events": [list(row) for row in record.events]}


def open_sink() -> ResultSink:
    """The central store when the site policy configures one, else the local session store."""
    try:
        from assistant.floor.config import FloorConfigError, load_floor_config
    except ImportError:
        return SessionStoreSink()
    try:
        config = load_floor_config()
    except FloorConfigError as exc:
        raise SinkError(str(exc)) from None
    return CentralSink(config) if config is not None else SessionStoreSink()
