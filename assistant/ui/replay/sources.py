"""Where a trainer's sessions come from: the local store, another store, an exported folder.

Qt-free. Opening never writes to what it opens unless it is sure what it is: an exported
session folder is checked completely by the import (and then lives in the trainer's own
store, notes and all); a folder holding a ``sessions.db`` is opened as a store only after a
read-only look says it is one; anything else is refused with a message that names it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from assistant.sessions.store.database import SessionStore, StoreError
from assistant.sessions.store.reading import SessionReader


class OpenError(Exception):
    """What was chosen cannot be opened; ``foreign`` when it is not ours at all."""

    def __init__(self, message: str, *, foreign: bool = False):
        super().__init__(message)
        self.foreign = foreign


@dataclass(frozen=True)
class Opened:
    store: SessionStore | None
    """A different store to switch to, or ``None`` to stay with the current one."""
    session_id: str | None
    already: bool = False


def open_store(root: Path | None) -> SessionReader:
    """The session store at ``root``; by default the central store when the site policy
    names one, else the user's own; ``StoreError`` says what is wrong."""
    from assistant.floor.reader import REPLAY_LIST_LIMIT, open_reader

    return open_reader(root, repair=False,  # a window that looks never moves files
                       list_limit=REPLAY_LIST_LIMIT)


def is_session_db(path: Path) -> bool:
    """A read-only look: does ``path`` hold the store's schema marker?"""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return False
    return row is not None


def open_path(path: Path, store: SessionReader | None) -> Opened:
    path = Path(path)
    if not path.exists():
        raise OpenError(f"{path}: no such file or folder")
    db = path if path.is_file() else path / "sessions.db"
    if db.name == "sessions.db" and db.is_file():
        if not is_session_db(db):
            raise OpenError(str(path), foreign=True)
        try:
            return Opened(SessionStore(db.parent), None)
        except StoreError as exc:
            raise OpenError(str(exc)) from None
    if path.is_file() and path.name == "session.json":
        path = path.parent
    if path.is_dir() and ((path / "session.json").exists()
                          or any((p / "session.json").is_file() for p in path.iterdir()
                                 if p.is_dir())):
        return _import(path, store)
    raise OpenError(str(path), foreign=True)


def _import(path: Path, store: SessionReader | None) -> Opened:
    try:
        from assistant.sessions.store.transfer import TransferError, import_session, session_folders
    except ImportError:
        raise OpenError(f"{path}: this version cannot read exported sessions") from None
    if store is None:
        raise OpenError(f"{path}: the call database is not open, so nothing can be imported")
    if not isinstance(store, SessionStore):
        raise OpenError(f"{path}: an exported session is opened into this machine's own "
                        f"store, and this window shows the central store; open it with "
                        f"`assistant replay {path} --store DIR`")
    try:
        results = [import_session(store, folder) for folder in session_folders(path)]
    except (TransferError, StoreError) as exc:
        raise OpenError(str(exc)) from None
    return Opened(None, results[0].id, already=results[0].already)
