"""The central store's schema: plain SQL files applied in order by a small versioned runner.

``resources/floor/migrations/NNNN_name.sql`` are applied in the order of their number, each
in its own transaction together with its row in ``schema_migrations``, under an advisory
lock (two services starting at once do not both apply a file). A database that holds a
version this program does not know was written by a newer version: refused by name.

Why not Alembic: it is built around SQLAlchemy, which nothing else here uses; the store's
schema is a few files of plain SQL, and a runner of this size is easier to audit than a
second database layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import psycopg

from assistant.ground.reader import say
from assistant.ground.resources import resources_dir

LOCK_ID = 7_142_026
"""The advisory lock the runner holds while it migrates (any constant unique to us)."""

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class MigrationError(Exception):
    """The schema cannot be brought up to date; the message says why and what to do."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


MESSAGES = {
    "unreachable": {"en": "the central database cannot be reached: {why}",
                    "zh": "无法连接中央数据库：{why}"},
    "not_applied": {"en": "the schema could not be applied: {why}",
                    "zh": "数据库结构未能更新：{why}"},
    "newer": {"en": "the central store's database holds schema version {version}, written by a "
                    "newer version of the assistant; update it here first",
              "zh": "中央数据库的结构版本是 {version}，由更新版本的助手写入；请先在这里升级助手"},
}


def migrations_dir() -> Path:
    return resources_dir() / "floor" / "migrations"


def available(folder: Path | None = None) -> list[Migration]:
    folder = folder or migrations_dir()
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path}: a migration is named NNNN_words.sql")
        found.append(Migration(int(match.group(1)), path.stem, path))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"{folder}: two migrations share a number")
    return found


def migrate(url: str, folder: Path | None = None) -> list[str]:
    """Apply what ``url``'s database lacks; returns the names applied (none: up to date)."""
    wanted = available(folder)
    applied: list[str] = []
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (LOCK_ID,))
            try:
                conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                             "version integer PRIMARY KEY, name text NOT NULL, "
                             "applied_at timestamptz NOT NULL DEFAULT now())")
                done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
                known = {m.version for m in wanted}
                if newer := sorted(done - known):
                    raise MigrationError(say(MESSAGES, "newer", version=newer[-1]))
                for migration in wanted:
                    if migration.version in done:
                        continue
                    with conn.transaction():
                        conn.execute(migration.path.read_text(encoding="utf-8"))
                        conn.execute("INSERT INTO schema_migrations (version, name) "
                                     "VALUES (%s, %s)", (migration.version, migration.name))
                    applied.append(migration.name)
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (LOCK_ID,))
    except psycopg.OperationalError as exc:  # the server is down, refuses us, or is not there
        raise MigrationError(say(MESSAGES, "unreachable", why=_first_line(exc))) from None
    except psycopg.Error as exc:
        raise MigrationError(say(MESSAGES, "not_applied", why=_first_line(exc))) from None
    return applied


def current_version(conn: psycopg.Connection) -> int | None:
    try:
        with conn.transaction():
            row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    except psycopg.errors.UndefinedTable:
        return None
    return row[0] if row else None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
