"""Start-up housekeeping: recover what a crash left behind, then forget what is too old.

Run by the app and by every command that records, before the first call:

1. sessions left ``recording`` by a process that is gone are marked ``recovered``
   (everything up to their last commit is kept);
2. partial audio (``<id>.flac.partial``) of any session nobody writes any more is
   compressed to FLAC; a crashed call's audio is marked ``partial``;
3. sessions older than the retention are deleted with their audio. The retention is the
   shorter of the session's own (its pack's when it was recorded) and the current
   pack's: a supervisor who shortens it expects older calls to go now, not later.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from assistant.sessions.session import AudioState, SessionInfo, SessionState
from assistant.sessions.store.audio import AudioError, convert
from assistant.sessions.store.database import SessionStore, StoreError


@dataclass
class Housekeeping:
    recovered: list[SessionInfo] = field(default_factory=list)
    audio_saved: dict[str, float] = field(default_factory=dict)
    """Session id → seconds of partial audio compressed."""
    expired: list[SessionInfo] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What an agent or trainer should hear about, one sentence each."""
        out = []
        for info in self.recovered:
            audio = self.audio_saved.get(info.id)
            tail = f", audio up to {audio:.1f} s" if audio is not None else ""
            out.append(f"session {info.id} was cut short (the assistant stopped mid-call); "
                       f"recovered up to {info.duration_s:.1f} s{tail}")
        if self.expired:
            out.append(f"removed {len(self.expired)} session(s) older than their retention")
        return out + self.problems


def start_up(root: Path | None = None, *, retention_days: int | None, expire_old: bool = True,
             now: datetime | None = None) -> Housekeeping:
    """Recover and expire; problems are collected, never raised (the call must go on).

    ``expire_old=False`` only recovers (commands that read sessions: a trainer looking
    at the list should not see it shrink under them).
    """
    done = Housekeeping()
    try:
        store = SessionStore(root)
    except (StoreError, OSError) as exc:
        done.problems.append(f"sessions cannot be opened: {exc}")
        return done
    done.problems += store.repairs
    with store:
        try:
            done.recovered = store.recover()
            _save_partial_audio(store, done)
            if expire_old:
                done.expired = expire(store, retention_days, now)
        except (StoreError, OSError) as exc:
            done.problems.append(f"session housekeeping stopped: {exc}")
        done.recovered = [store.info(i.id) for i in done.recovered]
    return done


def expired(store: SessionStore, retention_days: int | None,
            now: datetime | None = None) -> list[SessionInfo]:
    now = now or datetime.now()
    out = []
    for info in store.list():
        limits = [d for d in (info.retention_days, retention_days) if d]
        if info.state is not SessionState.RECORDING and limits \
                and info.started_at < now - timedelta(days=min(limits)):
            out.append(info)
    return out


def expire(store: SessionStore, retention_days: int | None,
           now: datetime | None = None) -> list[SessionInfo]:
    gone = expired(store, retention_days, now)
    for info in gone:
        store.delete(info.id)
    return gone


def _save_partial_audio(store: SessionStore, done: Housekeeping) -> None:
    for info in store.list():
        if info.state is SessionState.RECORDING or not info.audio_file:
            continue
        flac = store.audio_dir / info.audio_file
        partial = flac.with_name(flac.name + ".partial")
        if not partial.exists():
            if info.audio_state is AudioState.RECORDING and not flac.exists():
                store.set_audio(info.id, "", AudioState.STOPPED,
                                "the audio file was lost (the assistant stopped mid-call)")
            continue
        if info.state is not SessionState.RECOVERED and _recent(partial):
            continue  # a finished call whose audio another process is compressing now
        try:
            seconds = convert(partial, flac)
        except AudioError as exc:
            store.set_audio(info.id, "", AudioState.STOPPED, str(exc))
            partial.unlink(missing_ok=True)
            continue
        except OSError as exc:
            done.problems.append(f"session {info.id}: its partial audio could not be "
                                 f"compressed yet ({exc}); trying again at the next start")
            continue
        done.audio_saved[info.id] = seconds
        if info.state is SessionState.RECOVERED or info.audio_state is AudioState.RECORDING:
            store.set_audio(info.id, info.audio_file, AudioState.PARTIAL,
                            f"recovered after a crash: audio up to {seconds:.1f} s")
        else:
            store.set_audio(info.id, info.audio_file, info.audio_state)


def _recent(path: Path, seconds: float = 120.0) -> bool:
    try:
        return time.time() - path.stat().st_mtime < seconds
    except OSError:
        return False
