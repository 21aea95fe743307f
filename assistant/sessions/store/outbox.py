"""The outbox: finished sessions waiting to reach the central store, kept on disk.

A table in the session database itself, so a session is queued in the very transaction
that finishes it (a crash cannot finish a call without queuing it), and deleting a session
takes its queue entry with it. Rows leave the outbox only when the central store has
acknowledged them (:mod:`assistant.floor.sync` sends them); each row remembers how often it
was tried, when to try next and why the last try failed. With no central store configured
nothing reads the table: a row per call, removed with the call.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    queued_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at REAL NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    document_sent INTEGER NOT NULL DEFAULT 0
);
"""


def enqueue(db: sqlite3.Connection, session_id: str) -> None:
    """Queue ``session_id`` (inside the caller's transaction); queuing twice is once."""
    db.execute("INSERT INTO outbox (session_id, queued_at) VALUES (?, ?) "
               "ON CONFLICT (session_id) DO NOTHING",
               (session_id, datetime.now().isoformat(timespec="seconds")))


@dataclass(frozen=True)
class Entry:
    session_id: str
    queued_at: str
    attempts: int
    next_at: float
    last_error: str
    document_sent: bool


_COLUMNS = "session_id, queued_at, attempts, next_at, last_error, document_sent"


def _entry(row: tuple) -> Entry:
    sid, queued_at, attempts, next_at, last_error, sent = row
    return Entry(sid, queued_at, attempts, next_at, last_error, bool(sent))


class Outbox:
    """The outbox of the session database at ``db_path``, on its own connection."""

    def __init__(self, db_path: Path):
        self._db = sqlite3.connect(db_path, timeout=10, check_same_thread=False)
        self._db.execute("PRAGMA foreign_keys=ON")
        with self._db:
            self._db.executescript(SCHEMA)

    def close(self) -> None:
        self._db.close()

    def due(self, now: float | None = None, limit: int = 50) -> list[Entry]:
        now = time.time() if now is None else now
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM outbox WHERE next_at <= ? "
                                "ORDER BY queued_at, session_id LIMIT ?", (now, limit))
        return [_entry(row) for row in rows]

    def entries(self) -> list[Entry]:
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM outbox ORDER BY queued_at, session_id")
        return [_entry(row) for row in rows]

    def next_due(self) -> float | None:
        (when,) = self._db.execute("SELECT min(next_at) FROM outbox").fetchone()
        return when

    def document_sent(self, session_id: str) -> None:
        with self._db:
            self._db.execute("UPDATE outbox SET document_sent = 1, last_error = '' "
                             "WHERE session_id = ?", (session_id,))

    def done(self, session_id: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM outbox WHERE session_id = ?", (session_id,))

    def later(self, session_id: str, delay_s: float, why: str) -> None:
        with self._db:
            self._db.execute("UPDATE outbox SET attempts = attempts + 1, next_at = ?, "
                             "last_error = ? WHERE session_id = ?",
                             (time.time() + delay_s, why, session_id))

    def wait(self, session_id: str, delay_s: float) -> None:
        """Not ready yet (its audio is still being written): look again later, no attempt."""
        with self._db:
            self._db.execute("UPDATE outbox SET next_at = ? WHERE session_id = ?",
                             (time.time() + delay_s, session_id))
