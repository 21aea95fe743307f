"""Handing sessions from an agent's machine to a trainer's: one self-contained folder each.

    <out>/<session id>/session.json   metadata, every event, the summary, notes, pack text
    <out>/<session id>/audio.flac     both channels, when the session has audio

``session.json`` carries the audio's sha256 and length, so a folder that lost its audio
or had it swapped is refused by name. Import checks everything before it writes anything
(nothing half-imported), keeps the session's id (importing twice says so and changes
nothing) and masks digits again on the way in. Folders and files are private (0700/0600).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import soundfile as sf

from assistant.ground.events import Event
from assistant.ground.safefile import UnsafeFile, atomic_file, read_bytes
from assistant.ground.summary import Summary
from assistant.sessions.session import Note, Session, SessionInfo, Source, is_session_id
from assistant.sessions.store.codec import (
    CodecError,
    decode,
    encode,
    summary_from_dict,
    summary_to_dict,
)
from assistant.sessions.store.database import SessionStore, StoreError

FORMAT = "etiquette-assistant-session"
FORMAT_VERSION = 1
SESSION_FILE = "session.json"
AUDIO_FILE = "audio.flac"
MAX_DOCUMENT = 1024**3
"""1 GiB: an 8-hour call's events take tens of MB."""
MAX_DURATION_S = 7 * 24 * 3600.0
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")
"""NUL and terminal controls (ANSI escapes start with ESC or CSI); tabs and newlines pass."""
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f\x9b]")
"""For one-line fields (agent, pack, paths): a newline would fake a row of a listing."""


class TransferError(Exception):
    """An export cannot be written or an import is refused; the message names the file."""


@dataclass(frozen=True)
class Imported:
    id: str
    folder: Path
    already: bool
    """It was in the store already (nothing changed)."""


def export_session(store: SessionStore, session_id: str, out: Path) -> Path:
    """Write ``out/<id>/``; returns that folder. Refuses to overwrite another export."""
    session = store.load(session_id)
    info = session.info
    folder = out / info.id
    if folder.exists():
        raise TransferError(f"{folder}: already exists; remove it or export elsewhere")
    audio = store.audio_path(info)
    if audio is not None and not audio.exists():
        raise TransferError(f"session {info.id}: its audio file {audio} is missing "
                            f"(audio state {info.audio_state.value}); nothing exported")
    _private_dirs(out, folder)
    try:
        audio_meta = None
        if audio is not None:
            _copy_private(audio, folder / AUDIO_FILE)
            sf_info = sf.info(str(folder / AUDIO_FILE))
            audio_meta = {"file": AUDIO_FILE, "sha256": _sha256(folder / AUDIO_FILE),
                          "frames": sf_info.frames, "channels": sf_info.channels,
                          "samplerate": sf_info.samplerate}
        document = session_document(session, audio_meta)
        _write_private(folder / SESSION_FILE,
                       json.dumps(document, ensure_ascii=False, indent=1).encode())
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def session_document(session: Session, audio_meta: dict[str, Any] | None = None
                     ) -> dict[str, Any]:
    """A session as the JSON document an export (and the central store) carries."""
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "info": session.info.to_json(),
        "pack_text": session.pack_text,
        "summary": summary_to_dict(session.summary) if session.summary else None,
        "notes": [{"t": n.t, "text": n.text, "author": n.author,
                   "created_at": n.created_at} for n in session.notes],
        "audio": audio_meta,
        "events": [list(encode(e)) for e in session.events],
    }


def session_folders(path: Path) -> list[Path]:
    """The export folders at ``path``: itself, or the session folders inside it."""
    if not path.is_dir():
        raise TransferError(f"{path}: no such folder" if not path.exists()
                            else f"{path}: is a file; give the folder an export wrote")
    if (path / SESSION_FILE).exists():
        return [path]
    inside = sorted(p for p in path.iterdir() if (p / SESSION_FILE).is_file())
    if not inside:
        raise TransferError(f"{path}: no {SESSION_FILE} here or in its sub-folders; this is "
                            f"not a session export (`assistant sessions export ID --out DIR` "
                            f"writes one)")
    return inside


def import_session(store: SessionStore, folder: Path) -> Imported:
    """Check ``folder`` completely, then add its session; raises ``TransferError``."""
    parsed = _read(folder)
    info = parsed.info
    try:
        store.info(info.id)
        return Imported(info.id, folder, already=True)
    except StoreError:
        pass
    target = None
    if parsed.has_audio:
        target = store.audio_dir / f"{info.id}.flac"
        _copy_private(folder / AUDIO_FILE, target)
    remark = f"imported from {folder}; recorded as {info.source}"
    adopted = SessionInfo(**{**{k: getattr(info, k) for k in info.__dataclass_fields__},
                             "source": Source.IMPORTED.value,
                             "audio_file": target.name if target else "",
                             "remark": "; ".join(x for x in (info.remark, remark) if x)})
    try:
        store.import_session(adopted, pack_text=parsed.pack_text, summary=parsed.summary,
                             events=parsed.events, notes=parsed.notes)
    except BaseException:
        if target is not None:
            target.unlink(missing_ok=True)
        raise
    return Imported(info.id, folder, already=False)


@dataclass
class ParsedSession:
    info: SessionInfo
    pack_text: str
    summary: Summary | None
    events: list[Event]
    notes: list[Note]
    has_audio: bool


def _read(folder: Path) -> ParsedSession:
    path = folder / SESSION_FILE
    if not path.is_file():
        raise TransferError(f"{path}: missing; {folder} is not a session export")
    try:
        doc = json.loads(read_bytes(path, MAX_DOCUMENT).decode("utf-8"),
                         parse_constant=_no_constant)
    except UnsafeFile as exc:
        raise TransferError(f"{path}: {exc}") from None
    except UnicodeDecodeError:
        raise TransferError(f"{path}: not text (damaged or not a session export)") from None
    except json.JSONDecodeError as exc:
        raise TransferError(f"{path}: damaged JSON at line {exc.lineno}, column {exc.colno} "
                            f"({exc.msg}); ask for the session to be exported again") from None
    except (RecursionError, ValueError) as exc:
        raise TransferError(f"{path}: {_what(exc)}; not a session export") from None
    parsed = parse_document(doc, str(path))
    if parsed.has_audio:
        _check_audio(folder, doc["audio"])
    return parsed


def parse_document(doc: Any, where: str) -> ParsedSession:
    """Check a session document completely (what :func:`session_document` writes); raises
    ``TransferError`` naming ``where`` and what is wrong."""
    path = where
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise TransferError(f"{path}: not a session export (no \"format\": \"{FORMAT}\")")
    if not isinstance(doc.get("format_version"), int) or doc["format_version"] > FORMAT_VERSION:
        raise TransferError(f"{path}: written by a newer version of the assistant (format "
                            f"{doc.get('format_version')}); update the assistant to import it")
    try:
        info = _info(doc["info"])
        events = [decode(*row) for row in doc["events"]]
        summary = summary_from_dict(doc["summary"]) if doc.get("summary") else None
        notes = [Note(0, info.id, float(n["t"]), str(n["text"]), str(n.get("author", "")),
                      str(n.get("created_at", ""))) for n in doc.get("notes", [])]
        pack_text = str(doc.get("pack_text", ""))
        _check_values(info, events, notes, pack_text)
    except (KeyError, TypeError, ValueError, CodecError, AttributeError, OverflowError,
            RecursionError) as exc:
        raise TransferError(f"{path}: {_what(exc)}; ask for the session to be exported "
                            f"again") from None
    return ParsedSession(info, pack_text, summary, events, notes,
                         has_audio=bool(doc.get("audio")))


def _info(data: dict[str, Any]) -> SessionInfo:
    if not isinstance(data, dict):
        raise TypeError("\"info\" is not an object")
    if not is_session_id(data.get("id")):
        raise ValueError(f"\"info.id\" {data.get('id')!r} is not a session id "
                         f"(like 20261125-143000-a1b2c3)")
    row = {k: data[k] for k in SessionInfo.__dataclass_fields__}
    for key, value in row.items():
        if isinstance(value, str) and _LINE_CONTROL.search(value):
            raise ValueError(f"\"info.{key}\" holds control characters")
    info = SessionInfo.from_row(row)
    if not (isinstance(info.duration_s, (int, float)) and 0 <= info.duration_s <= MAX_DURATION_S):
        raise ValueError(f"\"info.duration_s\" {info.duration_s!r} is not a call length")
    return info


def _check_values(info: SessionInfo, events: list[Event], notes: list[Note],
                  pack_text: str) -> None:
    """Times are finite and inside the call; texts hold no NUL or terminal controls."""
    limit = info.duration_s + 60.0
    for event in events:
        t = getattr(event, "t", 0.0)
        if not (isinstance(t, (int, float)) and math.isfinite(t) and -1.0 <= t <= limit):
            raise ValueError(f"an event's time {t!r} is outside the call")
    for note in notes:
        if not (math.isfinite(note.t) and 0 <= note.t <= limit):
            raise ValueError(f"a note's time {note.t!r} is outside the call")
        if _CONTROL.search(note.text) or _CONTROL.search(note.author):
            raise ValueError("a note holds control characters")
    if "\x00" in pack_text:
        raise ValueError("\"pack_text\" holds a NUL character")


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a session can hold")


def _check_audio(folder: Path, meta: dict[str, Any]) -> None:
    path = folder / AUDIO_FILE
    if not path.is_file():
        raise TransferError(f"{path}: missing, but {SESSION_FILE} says the session has audio; "
                            f"copy the whole export folder again")
    if _sha256(path) != meta.get("sha256"):
        raise TransferError(f"{path}: does not match {SESSION_FILE} (checksum differs): "
                            f"damaged in transit or replaced; copy the export again")
    try:
        sf.info(str(path))
    except (sf.SoundFileError, RuntimeError) as exc:
        raise TransferError(f"{path}: not readable audio ({exc})") from None


def _what(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"field {exc.args[0]!r} is missing"
    return str(exc) or type(exc).__name__


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _private_dirs(*paths: Path) -> None:
    for path in paths:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _copy_private(src: Path, dst: Path) -> None:
    with atomic_file(dst) as out, src.open("rb") as fh:
        shutil.copyfileobj(fh, out, 1 << 20)
