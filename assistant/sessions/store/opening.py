"""Opening the session database: private folders, the first-open check (a damaged
database is set aside and what can be read carried over, :mod:`.integrity`), SQLite's
settings, the schema, and a refusal of a database a newer version wrote."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from assistant.ground.paths import private_dir
from assistant.sessions.store import integrity, outbox
from assistant.sessions.store.schema import SCHEMA, SCHEMA_VERSION


class StoreError(Exception):
    """The store or a session in it cannot be used; the message says which and why."""


def open_database(root: Path, db_path: Path, audio_dir: Path, *, repair: bool,
                  repairs: list[str]) -> sqlite3.Connection:
    """The store's connection; what the check found and did is added to ``repairs``.

    ``repair=False`` refuses a damaged database with why and leaves it as it is."""
    _private_dir(root)
    _private_dir(audio_dir)
    aside = None
    if not repair:
        if why := integrity.damage(db_path):
            raise StoreError(f"{db_path}: the database is damaged ({why})")
    elif integrity.first_open(db_path):
        aside = integrity.set_aside_if_damaged(db_path, audio_dir, repairs)
    if not db_path.exists():
        os.close(os.open(db_path, os.O_CREAT | os.O_WRONLY, 0o600))
    try:
        db = sqlite3.connect(db_path, check_same_thread=False, timeout=10)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA secure_delete=ON")  # purged calls leave no text behind
        db.executescript(SCHEMA + outbox.SCHEMA)
        _check_version(db, db_path)
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise StoreError(f"{db_path}: not a usable session database ({exc}); "
                         "move it aside to start a new one") from None
    if aside is not None:
        repairs.append(integrity.carry_over(aside, db_path, db))
    integrity.mask_stored_paths(db)
    return db


def _check_version(db: sqlite3.Connection, db_path: Path) -> None:
    row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row is None:
        with db:
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
    elif int(row[0]) > SCHEMA_VERSION:
        raise StoreError(f"{db_path} was written by a newer version of the assistant "
                         f"(schema {row[0]}); update the assistant to open it")


def _private_dir(path: Path) -> None:
    private_dir(path)
    if path.stat().st_mode & 0o077:
        path.chmod(0o700)
