"""Sessions in the central store (PostgreSQL): stored once, read back as the local store's.

Every function runs in a transaction that first says who is asking (``app.agent``,
``app.role``); the schema's row-level security then refuses another agent's rows even if a
caller of this module had a bug. A session is stored once: its id is the primary key,
``INSERT … ON CONFLICT DO NOTHING``, and a resend of the same call (same payload hash) is
answered "already stored"; a *different* payload under a stored id is a conflict.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from assistant.floor.credentials import Identity
from assistant.sessions.session import Note, SessionInfo
from assistant.sessions.store.codec import encode
from assistant.sessions.store.privacy import mask_event, mask_path
from assistant.sessions.store.transfer import FORMAT, FORMAT_VERSION, ParsedSession, parse_document

MUTABLE_INFO = ("remark", "audio_state", "audio_file", "source_path")
"""Fields of a session's metadata that may differ between two sends of the same call."""


class Stored(str, enum.Enum):
    NEW = "new"
    ALREADY = "already"
    CONFLICT = "conflict"
    """Another payload is stored under this id."""


class NotYours(Exception):
    """The session names another agent than the credential's holder."""


def payload_hash(doc: dict[str, Any]) -> str:
    """sha256 of what makes a call this call: its metadata (less what may change after the
    call, such as the audio's compression state), pack, summary and events."""
    info = {k: v for k, v in doc.get("info", {}).items() if k not in MUTABLE_INFO}
    core = {"info": info, "pack_text": doc.get("pack_text"), "summary": doc.get("summary"),
            "events": doc.get("events")}
    text = json.dumps(core, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@contextmanager
def acting(conn: psycopg.Connection, who: Identity) -> Iterator[psycopg.Connection]:
    """A transaction on behalf of ``who`` (row-level security sees it)."""
    with conn.transaction():
        conn.execute("SELECT set_config('app.agent', %s, true), set_config('app.role', %s, true)",
                     (who.agent_id, who.role))
        yield conn


def store_session(conn: psycopg.Connection, who: Identity, doc: Any) -> tuple[str, Stored]:
    """Check ``doc`` (a session document) and store it for ``who``.

    Raises ``TransferError`` (bad document) or ``NotYours``.
    """
    parsed = parse_document(doc, "the session sent")
    info = parsed.info
    owner = info.agent_id
    if who.writes_any:
        owner = owner or who.agent_id  # an archive call whose agent is not known
    elif owner != who.agent_id:
        raise NotYours(f"session {info.id} is agent {owner or '(none)'}'s, and this "
                       f"credential is {who.agent_id}'s")
    digest = payload_hash(doc)
    with acting(conn, who):
        if who.writes_any:
            conn.execute("INSERT INTO agents (agent_id, name) VALUES (%s, %s) "
                         "ON CONFLICT (agent_id) DO NOTHING", (owner, info.agent_name))
        row = conn.execute(
            "INSERT INTO sessions (id, agent_id, agent_name, started_at, call_time, language, "
            "pack_id, pack_version, state, duration_s, info, summary, pack_text, "
            "has_transcript, payload_sha256, prompts) "
            "VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) "
            "ON CONFLICT (id) DO NOTHING RETURNING id",
            (info.id, owner, info.agent_name, info.started_at, info.call_time,
             info.language, info.pack_id, info.pack_version, info.state.value, info.duration_s,
             Jsonb(_stored_info(info)), Jsonb(doc.get("summary")), parsed.pack_text,
             any(kind == "Transcript" for kind, *_ in doc["events"]), digest,
             sum(kind == "PromptRaised" for kind, *_ in doc["events"]))).fetchone()
        if row is None:
            existing = conn.execute("SELECT payload_sha256 FROM sessions WHERE id = %s",
                                    (info.id,)).fetchone()
            same = existing is not None and existing[0] == digest
            return info.id, Stored.ALREADY if same else Stored.CONFLICT
        _insert_events(conn, info.id, doc["events"], parsed)
        _insert_notes(conn, info.id, parsed.notes)
    return info.id, Stored.NEW


def store_audio(conn: psycopg.Connection, who: Identity, session_id: str, flac: bytes,
                sha256: str) -> Stored:
    with acting(conn, who):
        owner = conn.execute("SELECT agent_id FROM sessions WHERE id = %s",
                             (session_id,)).fetchone()
        if owner is None:
            raise LookupError(session_id)
        row = conn.execute("INSERT INTO session_audio (session_id, sha256, flac) "
                           "VALUES (%s, %s, %s) ON CONFLICT (session_id) DO NOTHING "
                           "RETURNING session_id", (session_id, sha256, flac)).fetchone()
        if row is not None:
            return Stored.NEW
        existing = conn.execute("SELECT sha256 FROM session_audio WHERE session_id = %s",
                                (session_id,)).fetchone()
    return Stored.ALREADY if existing is not None and existing[0] == sha256 else Stored.CONFLICT


# --- reading ----------------------------------------------------------------------------


def list_sessions(conn: psycopg.Connection, who: Identity, *, agent: str | None = None,
                  since: date | None = None, until: date | None = None,
                  limit: int | None = None) -> list[dict[str, Any]]:
    """Each visible session's metadata, prompt count and verdicts, newest first (the
    newest ``limit`` only, if given)."""
    where: list[str] = ["true"]
    args: list[Any] = []
    if agent is not None:
        where.append("(agent_id = %s OR lower(agent_name) = lower(%s))")
        args += [agent, agent]
    if since is not None:
        where.append("coalesce(call_time, started_at) >= %s")
        args.append(datetime.combine(since, datetime.min.time()))
    if until is not None:
        where.append("coalesce(call_time, started_at) < %s")
        args.append(datetime.combine(until + timedelta(days=1), datetime.min.time()))
    with acting(conn, who):
        rows = conn.execute(
            "SELECT s.info, coalesce(s.summary->'findings', '[]'::jsonb), s.prompts, "
            "EXISTS (SELECT 1 FROM session_audio a WHERE a.session_id = s.id) "
            f"FROM sessions s WHERE {' AND '.join(where)} "
            "ORDER BY s.started_at DESC, s.id DESC LIMIT %s", [*args, limit]).fetchall()
    return [{"info": info, "prompts": prompts, "has_audio": has_audio,
             "verdicts": [[f.get("rule"), f.get("clause"), f.get("status")] for f in findings]}
            for info, findings, prompts, has_audio in rows]


def load_document(conn: psycopg.Connection, who: Identity, session_id: str
                  ) -> dict[str, Any] | None:
    """The session as a session document (the format exports use), or ``None`` if it is
    not there or not visible to ``who``."""
    with acting(conn, who):
        row = conn.execute("SELECT info, summary, pack_text, "
                           "(SELECT sha256 FROM session_audio a WHERE a.session_id = s.id) "
                           "FROM sessions s WHERE id = %s", (session_id,)).fetchone()
        if row is None:
            return None
        stored = conn.execute("SELECT events FROM session_events WHERE session_id = %s",
                              (session_id,)).fetchone()
        notes = conn.execute("SELECT t, text, author, created_at FROM notes "
                             "WHERE session_id = %s ORDER BY t, seq", (session_id,)).fetchall()
    info, summary, pack_text, audio_sha = row
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "info": info,
            "pack_text": pack_text, "summary": summary,
            "notes": [{"t": t, "text": text, "author": author, "created_at": created}
                      for t, text, author, created in notes],
            "audio": {"sha256": audio_sha} if audio_sha else None,
            "events": stored[0] if stored else []}


def load_audio(conn: psycopg.Connection, who: Identity, session_id: str) -> bytes | None:
    with acting(conn, who):
        row = conn.execute("SELECT flac FROM session_audio WHERE session_id = %s",
                           (session_id,)).fetchone()
    return bytes(row[0]) if row else None


def add_note(conn: psycopg.Connection, who: Identity, session_id: str, note: Note) -> bool:
    """A trainer's note on a central session; ``False`` if the session is not visible."""
    with acting(conn, who):
        if conn.execute("SELECT 1 FROM sessions WHERE id = %s", (session_id,)).fetchone() is None:
            return False
        conn.execute("INSERT INTO notes (session_id, seq, t, text, author, created_at) "
                     "SELECT %s, coalesce(max(seq) + 1, 0), %s, %s, %s, %s FROM notes "
                     "WHERE session_id = %s",
                     (session_id, note.t, note.text, note.author, note.created_at, session_id))
    return True


# --- inside -------------------------------------------------------------------------------


def _stored_info(info: SessionInfo) -> dict[str, Any]:
    data = info.to_json()
    data["source_path"] = mask_path(str(data.get("source_path") or ""))
    return data


_MASKED_KINDS = frozenset({"Transcript", "PhraseHit"})
"""The event kinds that carry words (``assistant.sessions.store.privacy.mask_event``)."""


def _insert_events(conn: psycopg.Connection, session_id: str, rows: list[Any],
                   parsed: ParsedSession) -> None:
    """Masked again on the way in, so no number reaches the central store either; the other
    kinds are stored as sent (``parse_document`` has decoded every one of them)."""
    stored = [list(encode(mask_event(event))) if row[0] in _MASKED_KINDS else row
              for row, event in zip(rows, parsed.events, strict=True)]
    conn.execute("INSERT INTO session_events (session_id, events) VALUES (%s, %s::jsonb)",
                 (session_id, json.dumps(stored, ensure_ascii=False)))


def _insert_notes(conn: psycopg.Connection, session_id: str, notes: list[Note]) -> None:
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO notes (session_id, seq, t, text, author, created_at) "
                        "VALUES (%s,%s,%s,%s,%s,%s)",
                        [(session_id, i, n.t, n.text, n.author, n.created_at)
                         for i, n in enumerate(notes)])
