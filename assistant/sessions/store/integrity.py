"""The session database checked before anything is written to it, once per process.

A damaged ``sessions.db`` (a disk error, a sync tool, a hand edit) must not take the
sessions list down with a traceback, and a new call must never be written into it. At the
first open in a process the database is checked (SQLite's ``quick_check``, the tables and
columns this version needs, a readable schema number). A damaged one is moved aside as
``sessions.db.damaged-<time>`` with its journal; every row that can still be read is copied
into a fresh database, and what happened is said in words. An empty database beside audio
files is moved aside too and the orphaned audio named, never silently taken for a new store.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assistant.ground.reader import say
from assistant.sessions.store.privacy import mask_path

MESSAGES = {
    "damaged": {"en": "the session database {db} is damaged ({why}); it was kept aside as {kept}"
                      " and {sessions} session(s), {events} event(s) and {notes} note(s) that "
                      "could be read were carried over; new calls go to a fresh database",
                "zh": "会话数据库 {db} 已损坏（{why}）；已另存为 {kept}，"
                      "可读取的 {sessions} 个会话、{events} 条事件和 {notes} 条备注已转入新数据库；"
                      "新的通话写入新数据库"},
    "empty": {"en": "the session database {db} is empty although {audio} audio file(s) are in "
                    "{folder}; it was kept aside as {kept}; those recordings belong to no "
                    "session now (restore a backup of the database to list them again)",
              "zh": "会话数据库 {db} 是空的，但 {folder} 中有 {audio} 个音频文件；已另存为 {kept}；"
                    "这些录音目前不属于任何会话（恢复数据库备份即可重新列出）"},
}

REQUIRED = {
    "meta": {"key", "value"},
    "sessions": {"id", "source", "source_path", "started_at", "call_time", "agent_name",
                 "agent_id", "language", "pack_id", "pack_version", "pack_text", "model",
                 "recogniser", "has_caller", "app_version", "writer_pid", "state", "duration_s",
                 "audio_file", "audio_state", "retention_days", "summary", "remark"},
    "events": {"session_id", "seq", "t", "kind", "channel", "data"},
    "notes": {"id", "session_id", "t", "text", "author", "created_at"},
}
_COPY_ORDER = ("sessions", "events", "notes")

_checked_lock = threading.Lock()
_checked: set[Path] = set()


def first_open(db_path: Path) -> bool:
    """True the first time this process opens ``db_path`` (then the check runs)."""
    key = db_path.resolve()
    with _checked_lock:
        if key in _checked:
            return False
        _checked.add(key)
        return True


def damage(db_path: Path) -> str | None:
    """Why the database cannot be trusted, or ``None`` when it is sound (or absent)."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    try:
        rows = [r[0] for r in db.execute("PRAGMA quick_check(5)").fetchall()]
        if rows != ["ok"]:
            lines = [line.strip() for row in rows for line in str(row).splitlines()
                     if line.strip() and not line.startswith("***")]
            return "; ".join(lines[:2]) or "damaged pages"
        for table, columns in REQUIRED.items():
            have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
            if have and not columns <= have:
                return f"table {table} lacks {', '.join(sorted(columns - have))}"
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() \
            if _has(db, "meta") else None
        if row is not None and not str(row[0]).isdigit():
            return f"schema number {row[0]!r} is not a number"
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        db.close()
    return None


def _has(db: sqlite3.Connection, table: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                      (table,)).fetchone() is not None


def set_aside(db_path: Path) -> Path:
    """Move the database and its journal aside; the path it now has."""
    kept = db_path.with_name(f"{db_path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S-%f}")
    db_path.rename(kept)
    for suffix in ("-wal", "-shm", "-journal"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.rename(kept.with_name(kept.name + suffix))
    return kept


def salvage(damaged: Path, into: sqlite3.Connection) -> dict[str, int]:
    """Copy every row that can still be read from ``damaged``; rows copied per table."""
    copied = dict.fromkeys(_COPY_ORDER, 0)
    try:
        src = sqlite3.connect(f"file:{damaged}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        return copied
    try:
        for table in _COPY_ORDER:
            copied[table] = _copy_table(src, into, table)
    finally:
        src.close()
    return copied


def _copy_table(src: sqlite3.Connection, into: sqlite3.Connection, table: str) -> int:
    try:
        have = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
        columns = [c for c in have if c in REQUIRED[table]]
        if not columns:
            return 0
        cursor = src.execute(f"SELECT {', '.join(columns)} FROM {table}")
    except sqlite3.DatabaseError:
        return 0
    insert = (f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) "
              f"VALUES ({', '.join('?' * len(columns))})")
    count = 0
    while True:
        try:
            row = cursor.fetchone()
        except sqlite3.DatabaseError:
            break  # the rest of this table sits on damaged pages
        if row is None:
            break
        try:
            with into:
                count += into.execute(insert, row).rowcount
        except sqlite3.DatabaseError:
            continue  # a row that breaks a constraint (an event of a lost session)
    return count


def report_damaged(db_path: Path, why: str, kept: Path, copied: dict[str, int]) -> str:
    return say(MESSAGES, "damaged", db=db_path, why=why, kept=kept.name,
               sessions=copied["sessions"], events=copied["events"], notes=copied["notes"])


def orphaned_audio(audio_dir: Path) -> int:
    try:
        return sum(1 for p in audio_dir.iterdir() if p.suffix in (".flac", ".partial"))
    except OSError:
        return 0


def report_empty(db_path: Path, audio: int, folder: Path, kept: Path) -> str:
    return say(MESSAGES, "empty", db=db_path, audio=audio, folder=folder, kept=kept.name)


@dataclass(frozen=True)
class SetAside:
    kept: Path
    why: str


def set_aside_if_damaged(db_path: Path, audio_dir: Path, repairs: list[str]) -> SetAside | None:
    """Move a damaged (or empty, beside audio) database aside; what to carry over from."""
    if db_path.exists() and db_path.stat().st_size == 0:
        audio = orphaned_audio(audio_dir)
        if audio:
            repairs.append(report_empty(db_path, audio, audio_dir, set_aside(db_path)))
        return None
    why = damage(db_path)
    return None if why is None else SetAside(set_aside(db_path), why)


def carry_over(aside: SetAside, db_path: Path, into: sqlite3.Connection) -> str:
    """Copy what can be read from the set-aside database; the sentence that says so."""
    return report_damaged(db_path, aside.why, aside.kept, salvage(aside.kept, into))


def mask_stored_paths(db: sqlite3.Connection) -> None:
    """Recording paths stored in clear by an older version are masked once."""
    rows = db.execute("SELECT id, source_path FROM sessions "
                      "WHERE source_path GLOB '*[0-9][0-9][0-9][0-9]*'").fetchall()
    changed = [(mask_path(p), sid) for sid, p in rows if mask_path(p) != p]
    if changed:
        with db:
            db.executemany("UPDATE sessions SET source_path = ? WHERE id = ?", changed)
