"""The central store read as the local one is: the team reports and the trainers' replay
list take a :class:`CentralStore` where they took a ``SessionStore``
(:class:`assistant.sessions.store.reading.SessionReader`), so the reports are the same reports.

Each call asks the service (a trainer's or supervisor's credential sees every agent; an
agent's, its own calls). Audio is fetched on demand into a private cache in the user data
dir. :func:`open_reader` chooses: a store folder given explicitly, else the central store
when the site policy names one, else this machine's store.
"""

from __future__ import annotations

import builtins
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from assistant.floor.client import FloorClient, FloorError
from assistant.floor.config import FloorConfig, FloorConfigError, load_floor_config
from assistant.ground.paths import data_dir, private_dir
from assistant.ground.reader import say
from assistant.ground.safefile import write_atomically
from assistant.sessions.session import ID_PREFIX, Note, Session, SessionInfo
from assistant.sessions.store.database import SessionStore, StoreError
from assistant.sessions.store.find_words import CENTRAL, FIND_MESSAGES
from assistant.sessions.store.reading import SessionReader
from assistant.sessions.store.transfer import TransferError, parse_document

REPLAY_LIST_LIMIT = 5000
"""The replay window lists the newest this many calls of the central store (a floor makes
30,000 a day); reports ask for their period in full."""


class CentralStore:
    def __init__(self, config: FloorConfig, *, cache_dir: Path | None = None,
                 since: date | None = None, until: date | None = None,
                 limit: int | None = None):
        """``since``/``until``/``limit``: what :meth:`list` asks the server for by default."""
        self.config = config
        self.where = config.url
        self.cache_dir = cache_dir or data_dir() / "central-audio"
        self.scope = {"since": since, "until": until, "limit": limit}
        self._client = FloorClient(config)
        self._listed: builtins.list[dict[str, Any]] | None = None

    def scoped(self, *, since: date | None = None, until: date | None = None) -> CentralStore:
        """The same store listing only calls of these days (a team report's period), so a
        report over a week does not fetch the floor's whole history."""
        return CentralStore(self.config, cache_dir=self.cache_dir, since=since, until=until)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> CentralStore:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the list ---------------------------------------------------------------------

    def list(self, *, agent: str | None = None, since: date | None = None,
             until: date | None = None) -> builtins.list[SessionInfo]:
        """Newest first; ``agent``/``since``/``until`` narrow it on the server."""
        if agent is None and since is None and until is None:
            rows = self._ask(self._client.list_sessions, **self.scope)
            self._listed = rows
        else:
            rows = self._ask(self._client.list_sessions, agent=agent, since=since, until=until)
        return [self._info(row["info"], row["has_audio"]) for row in rows]

    def prompt_counts(self) -> dict[str, int]:
        return {row["info"]["id"]: row["prompts"] for row in self._rows()}

    def verdicts(self) -> dict[str, builtins.list[tuple[str, str, str]]]:
        return {row["info"]["id"]: [tuple(v) for v in row["verdicts"]] for row in self._rows()}

    def info(self, session_id: str) -> SessionInfo:
        for row in self._rows():
            if row["info"]["id"] == session_id:
                return self._info(row["info"], row["has_audio"])
        return self.load(session_id).info

    def find(self, prefix: str) -> SessionInfo:
        if not ID_PREFIX.fullmatch(prefix):
            raise StoreError(say(FIND_MESSAGES, "bad_id", prefix=prefix,
                                 where=say(CENTRAL, "central", where=self.where)))
        found = [info for info in self.list() if info.id.startswith(prefix)]
        if len(found) != 1:
            raise StoreError(say(FIND_MESSAGES, "many" if found else "none", n=len(found),
                                 prefix=prefix, where=say(CENTRAL, "central", where=self.where)))
        return found[0]

    # --- one session -------------------------------------------------------------------

    def load(self, session_id: str) -> Session:
        doc = self._ask(self._client.session, session_id)
        try:
            parsed = parse_document(doc, f"{self.where} session {session_id}")
        except TransferError as exc:
            raise StoreError(str(exc)) from None
        notes = [Note(i, session_id, n.t, n.text, n.author, n.created_at)
                 for i, n in enumerate(parsed.notes)]
        info = _with_audio(parsed.info, bool(doc.get("audio")))
        return Session(info, parsed.events, parsed.summary, parsed.pack_text, notes)

    def notes(self, session_id: str) -> builtins.list[Note]:
        return self.load(session_id).notes

    def audio_path(self, info: SessionInfo) -> Path | None:
        """The call's audio, fetched once into the private cache; ``None`` if the central
        store has none (the site policy keeps audio on the desktops)."""
        if not info.audio_file:
            return None
        target = self.cache_dir / f"{info.id}.flac"
        if not target.exists():
            flac = self._ask(self._client.audio, info.id)
            private_dir(self.cache_dir)
            write_atomically(target, flac)
        return target

    def add_note(self, session_id: str, t: float, text: str, author: str = "") -> Note:
        done = self._ask(self._client.add_note, session_id, t, text, author)
        return Note(-1, session_id, t, text, author, done["created_at"])

    def delete_note(self, note_id: int) -> None:
        raise StoreError("notes in the central store are kept for every trainer; add a new "
                         "note to correct one")

    # --- inside -----------------------------------------------------------------------------

    def _rows(self) -> builtins.list[dict[str, Any]]:
        if self._listed is None:
            self.list()
        assert self._listed is not None
        return self._listed

    def _ask(self, call, *args: Any, **kwargs: Any) -> Any:
        try:
            return call(*args, **kwargs)
        except FloorError as exc:
            if exc.status == 404:
                raise StoreError(f"no session {args[0] if args else ''} in the central store "
                                 f"{self.where}") from None
            raise StoreError(f"the central store: {exc}") from None
        except (ValueError, json.JSONDecodeError) as exc:
            raise StoreError(f"the central store {self.where} answered something this "
                             f"version cannot read ({exc})") from None

    @staticmethod
    def _info(data: dict[str, Any], has_audio: bool) -> SessionInfo:
        try:
            info = SessionInfo.from_row({k: data[k] for k in SessionInfo.__dataclass_fields__})
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"the central store sent a damaged session record ({exc})"
                             ) from None
        return _with_audio(info, has_audio)


def _with_audio(info: SessionInfo, has_audio: bool) -> SessionInfo:
    """The central store names the audio it holds, not the file on the agent's desktop."""
    return replace(info, audio_file=f"{info.id}.flac" if has_audio else "")


def central_reader(list_limit: int | None = None) -> CentralStore | None:
    """The central store when the site policy names one, else ``None``; ``StoreError``
    when it names one that cannot be used as configured."""
    try:
        config = load_floor_config()
    except FloorConfigError as exc:
        raise StoreError(str(exc)) from None
    return CentralStore(config, limit=list_limit) if config is not None else None


def open_reader(root: Path | None = None, *, repair: bool = True,
                list_limit: int | None = None) -> SessionReader:
    """The store to read: the folder ``root`` if given; else the central store when the site
    policy names one (listing the newest ``list_limit`` calls); else this machine's own.
    Raises ``StoreError``."""
    central = central_reader(list_limit) if root is None else None
    return central if central is not None else SessionStore(root, repair=repair)
