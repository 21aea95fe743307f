"""The session store: one SQLite database (WAL) in the user data dir, audio files beside it.

    <data dir>/sessions/sessions.db      sessions, their events, trainers' notes
    <data dir>/sessions/audio/<id>.flac  the call's two channels, when the pack records

A session is written while the call runs: the recorder appends events in small
transactions (at least once a second), so a crash loses at most the last second; the
session stays in state ``recording`` until it is finished. The next start finds sessions
left ``recording`` by a process that is gone and marks them ``recovered``.

Everything is created readable by this user only (dirs 0700, files 0600). Transcripts are
masked (:mod:`assistant.sessions.store.privacy`) here, on the way in, so no caller of the store
can put a number on disk by mistake.

Each thread that writes should use its own ``SessionStore`` (one connection each); WAL
lets a replay window read while a call is being recorded.
"""

from __future__ import annotations

import functools
import json
import math
import os
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from assistant.ground.events import Event
from assistant.ground.paths import data_dir
from assistant.ground.summary import Summary
from assistant.sessions.session import (
    ID_PREFIX,
    AudioState,
    NewSession,
    Note,
    Session,
    SessionInfo,
    SessionState,
    is_session_id,
)
from assistant.sessions.store import outbox
from assistant.sessions.store.codec import (
    CodecError,
    decode,
    encode,
    is_stored,
    summary_from_dict,
    summary_to_dict,
)
from assistant.sessions.store.opening import StoreError, open_database
from assistant.sessions.store.privacy import mask_event, mask_path

T = TypeVar("T")


def sessions_dir() -> Path:
    return data_dir() / "sessions"


def _reading(method: Callable[..., T]) -> Callable[..., T]:
    """A read that meets a damaged page says so as a ``StoreError``, not a traceback."""
    @functools.wraps(method)
    def read(self: SessionStore, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.db_path}: cannot be read ({exc}); the next start sets "
                             "it aside and keeps what can be read") from None
    return read


class SessionStore:
    def __init__(self, root: Path | None = None, *, repair: bool = True):
        """``repair=False`` for a window that only looks: a damaged database is refused
        with why and left as it is (the next start of the assistant sets it aside)."""
        self.root = Path(root) if root is not None else sessions_dir()
        self.db_path = self.root / "sessions.db"
        self.audio_dir = self.root / "audio"
        self._lock = threading.Lock()
        self._seq: dict[str, int] = {}
        self.repairs: list[str] = []
        """What the start-up check found and did (a damaged database set aside), worded."""
        self._db = open_database(self.root, self.db_path, self.audio_dir, repair=repair,
                                 repairs=self.repairs)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SessionStore:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing a call -------------------------------------------------------------

    def create(self, new: NewSession) -> SessionInfo:
        started = new.started_at or datetime.now()
        session_id = f"{started:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
        with self._write() as db:
            db.execute(
                "INSERT INTO sessions (id, source, source_path, started_at, call_time, "
                "agent_name, agent_id, language, pack_id, pack_version, pack_text, model, "
                "recogniser, has_caller, app_version, writer_pid, state, retention_days) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (session_id, new.source, mask_path(new.source_path),
                 started.isoformat(timespec="seconds"),
                 _iso(new.call_time), new.agent_name, new.agent_id, new.language, new.pack_id,
                 new.pack_version, new.pack_text, new.model, new.recogniser,
                 int(new.has_caller), new.app_version, os.getpid(),
                 SessionState.RECORDING.value, new.retention_days),
            )
        self._seq[session_id] = 0
        return self.info(session_id)

    def append(self, session_id: str, events: Iterable[Event], *, duration_s: float) -> int:
        """Store events (masked) and the audio time reached, in one transaction."""
        seq = self._next_seq(session_id)
        rows = []
        for event in events:
            if not is_stored(event):
                continue
            kind, t, channel, data = encode(mask_event(event))
            rows.append((session_id, seq, t, kind, channel, json.dumps(data, ensure_ascii=False)))
            seq += 1
        with self._write() as db:
            db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?)", rows)
            db.execute("UPDATE sessions SET duration_s = max(duration_s, ?) WHERE id = ?",
                       (duration_s, session_id))
        self._seq[session_id] = seq
        return len(rows)

    def finish(self, session_id: str, summary: Summary | None, *,
               state: SessionState = SessionState.COMPLETE) -> None:
        payload = json.dumps(summary_to_dict(summary), ensure_ascii=False) if summary else None
        with self._write() as db:
            db.execute("UPDATE sessions SET state = ?, summary = coalesce(?, summary), "
                       "duration_s = max(duration_s, ?), writer_pid = NULL WHERE id = ?",
                       (state.value, payload, summary.duration_s if summary else 0, session_id))
            outbox.enqueue(db, session_id)  # for the central store, when one is configured

    def set_audio(self, session_id: str, file: str, state: AudioState, remark: str = "") -> None:
        """Record where the audio is (relative to the audio dir) and how complete it is."""
        with self._write() as db:
            db.execute("UPDATE sessions SET audio_file = ?, audio_state = ?, "
                       "remark = CASE WHEN ? = '' THEN remark ELSE ? END WHERE id = ?",
                       (file, state.value, remark, remark, session_id))

    def remark(self, session_id: str, text: str) -> None:
        with self._write() as db:
            db.execute("UPDATE sessions SET remark = ? WHERE id = ?", (text, session_id))

    def import_session(self, info: SessionInfo, *, pack_text: str, summary: Summary | None,
                       events: Iterable[Event], notes: Iterable[Note] = ()) -> None:
        """Add a session recorded elsewhere, under its own id, in one transaction.

        Events are masked again on the way in: an export from an older version, or a
        hand-edited one, cannot bring a number onto this disk either.
        """
        if not is_session_id(info.id):
            raise StoreError(f"{info.id!r} is not a session id")
        fields = {k: v for k, v in info.to_json().items()}
        fields["has_caller"] = int(info.has_caller)
        fields["source_path"] = mask_path(str(fields.get("source_path") or ""))
        payload = json.dumps(summary_to_dict(summary), ensure_ascii=False) if summary else None
        rows = []
        for seq, event in enumerate(e for e in events if is_stored(e)):
            kind, t, channel, data = encode(mask_event(event))
            rows.append((info.id, seq, t, kind, channel, json.dumps(data, ensure_ascii=False)))
        columns = ", ".join(_INFO_FIELDS)
        with self._write() as db:
            db.execute(f"INSERT INTO sessions ({columns}, pack_text, summary) "
                       f"VALUES ({', '.join('?' * (len(_INFO_FIELDS) + 2))})",
                       [fields[k] for k in _INFO_FIELDS] + [pack_text, payload])
            db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?)", rows)
            db.executemany("INSERT INTO notes (session_id, t, text, author, created_at) "
                           "VALUES (?,?,?,?,?)",
                           [(info.id, n.t, n.text, n.author, n.created_at) for n in notes])
        self._seq[info.id] = len(rows)

    # --- reading --------------------------------------------------------------------

    @_reading
    def list(self) -> list[SessionInfo]:
        rows = self._db.execute(f"SELECT {_INFO_COLUMNS} FROM sessions "
                                "ORDER BY started_at DESC, id DESC").fetchall()
        return [self._info(row) for row in rows]

    @_reading
    def info(self, session_id: str) -> SessionInfo:
        row = self._db.execute(f"SELECT {_INFO_COLUMNS} FROM sessions WHERE id = ?",
                               (session_id,)).fetchone()
        if row is None:
            raise StoreError(f"no session {session_id!r} in {self.db_path}")
        return self._info(row)

    @_reading
    def find(self, prefix: str) -> SessionInfo:
        """A session by its id or a unique prefix of it (what people type)."""
        if not ID_PREFIX.fullmatch(prefix):
            raise StoreError(f"no session matching {prefix!r} in {self.db_path} (a session id "
                             f"looks like 20261125-143000-a1b2c3)")
        rows = self._db.execute("SELECT id FROM sessions WHERE id LIKE ? ESCAPE '\\'",
                                (_like_prefix(prefix),)).fetchall()
        if len(rows) != 1:
            what = "no session" if not rows else f"{len(rows)} sessions"
            raise StoreError(f"{what} matching {prefix!r} in {self.db_path}")
        return self.info(rows[0][0])

    @_reading
    def load(self, session_id: str) -> Session:
        info = self.info(session_id)
        pack_text, summary_json = self._db.execute(
            "SELECT pack_text, summary FROM sessions WHERE id = ?", (session_id,)).fetchone()
        events = list(self.events(session_id))
        try:
            summary = summary_from_dict(json.loads(summary_json)) if summary_json else None
        except (CodecError, json.JSONDecodeError) as exc:
            raise StoreError(f"session {session_id}: the stored summary is damaged ({exc})"
                             ) from None
        return Session(info, events, summary, pack_text, self.notes(session_id))

    def events(self, session_id: str) -> Iterator[Event]:
        rows = self._db.execute("SELECT seq, t, kind, channel, data FROM events "
                                "WHERE session_id = ? ORDER BY seq", (session_id,))
        for seq, t, kind, channel, data in rows:
            try:
                yield decode(kind, t, channel, json.loads(data))
            except (CodecError, json.JSONDecodeError) as exc:
                raise StoreError(f"session {session_id}: event {seq} is damaged ({exc})") from None

    @_reading
    def prompt_counts(self) -> dict[str, int]:
        """Prompts raised per session (for lists; cheaper than loading every session)."""
        rows = self._db.execute("SELECT session_id, count(*) FROM events "
                                "WHERE kind = 'PromptRaised' GROUP BY session_id")
        return dict(rows.fetchall())

    def verdicts(self) -> dict[str, list[tuple[str, str, str]]]:
        """(rule, clause, status) of each finished session's findings, for filtering lists
        (cheaper than loading every session); a damaged summary gives none."""
        out: dict[str, list[tuple[str, str, str]]] = {}
        for session_id, payload in self._db.execute(
                "SELECT id, summary FROM sessions WHERE summary IS NOT NULL"):
            try:
                findings = json.loads(payload).get("findings", [])
                out[session_id] = [(f["rule"], f["clause"], f["status"]) for f in findings]
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
        return out

    def audio_path(self, info: SessionInfo) -> Path | None:
        return self.audio_dir / info.audio_file if info.audio_file else None

    # --- notes ----------------------------------------------------------------------

    def add_note(self, session_id: str, t: float, text: str, author: str = "") -> Note:
        if not (isinstance(t, (int, float)) and math.isfinite(t) and t >= 0):
            raise StoreError(f"a note's time must be a finite number of seconds ≥ 0, not {t!r}")
        self.info(session_id)
        created = datetime.now().isoformat(timespec="seconds")
        with self._write() as db:
            cur = db.execute("INSERT INTO notes (session_id, t, text, author, created_at) "
                             "VALUES (?,?,?,?,?)", (session_id, t, text, author, created))
        return Note(cur.lastrowid, session_id, t, text, author, created)

    def notes(self, session_id: str) -> list[Note]:
        rows = self._db.execute("SELECT id, session_id, t, text, author, created_at FROM notes "
                                "WHERE session_id = ? ORDER BY t, id", (session_id,))
        return [Note(*row) for row in rows if math.isfinite(row[2])]  # an older version's inf

    def delete_note(self, note_id: int) -> None:
        with self._write() as db:
            db.execute("DELETE FROM notes WHERE id = ?", (note_id,))

    # --- housekeeping ---------------------------------------------------------------

    def delete(self, session_id: str) -> None:
        info = self.info(session_id)
        with self._write() as db:
            db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        if (audio := self.audio_path(info)) is not None:
            for path in (audio, audio.with_name(audio.name + ".partial")):
                path.unlink(missing_ok=True)

    def recover(self) -> list[SessionInfo]:
        """Mark sessions left ``recording`` by a process that no longer runs as recovered."""
        rows = self._db.execute("SELECT id, writer_pid FROM sessions WHERE state = ?",
                                (SessionState.RECORDING.value,)).fetchall()
        orphans = [sid for sid, pid in rows if not _alive(pid)]
        with self._write() as db:
            for sid in orphans:
                db.execute("UPDATE sessions SET state = ?, writer_pid = NULL WHERE id = ?",
                           (SessionState.RECOVERED.value, sid))
                outbox.enqueue(db, sid)
        return [self.info(sid) for sid in orphans]

    def expired(self, now: datetime | None = None, default_days: int | None = None
                ) -> list[SessionInfo]:
        """Finished sessions older than their retention (or ``default_days`` if they have none)."""
        now = now or datetime.now()
        out = []
        for info in self.list():
            days = info.retention_days or default_days
            if info.state is not SessionState.RECORDING and days is not None \
                    and info.started_at < now - timedelta(days=days):
                out.append(info)
        return out

    # --- internals ------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                with self._db:
                    yield self._db
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.db_path}: cannot write ({exc})") from None

    def _next_seq(self, session_id: str) -> int:
        if session_id not in self._seq:
            (top,) = self._db.execute("SELECT coalesce(max(seq) + 1, 0) FROM events "
                                      "WHERE session_id = ?", (session_id,)).fetchone()
            self._seq[session_id] = top
        return self._seq[session_id]

    def _info(self, row: tuple) -> SessionInfo:
        return SessionInfo.from_row(dict(zip(_INFO_FIELDS, row)))


_INFO_FIELDS = (
    "id", "source", "source_path", "started_at", "call_time", "agent_name", "agent_id",
    "language", "pack_id", "pack_version", "model", "recogniser", "has_caller", "app_version",
    "state", "duration_s", "audio_file", "audio_state", "retention_days", "remark",
)
_INFO_COLUMNS = ", ".join(_INFO_FIELDS)


def _iso(when: datetime | None) -> str | None:
    return when.isoformat(timespec="seconds") if when else None


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
