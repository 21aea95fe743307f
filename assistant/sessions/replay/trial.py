"""Trying a pack on a stored session: its observations re-run with the pack being edited.

The supervisor's "try it" panel offers recent sessions beside recordings; a session needs no
audio, since the observations the live call made are re-run (:mod:`.rerun`).
"""

from __future__ import annotations

from pathlib import Path

from assistant.conduct.pack import Pack
from assistant.engine.trial import TrialResult
from assistant.sessions.replay.rerun import rerun
from assistant.sessions.store.database import SessionStore, StoreError, sessions_dir


def recorded_sessions(limit: int = 30) -> list:
    """Recent stored sessions (``SessionInfo``), newest first; none when there is no store.

    The store is never created by asking.
    """
    if not (sessions_dir() / "sessions.db").exists():
        return []
    try:
        with SessionStore() as store:
            infos = store.list()
    except (StoreError, OSError):
        return []
    return sorted(infos, key=lambda i: i.started_at, reverse=True)[:limit]


def run_session_trial(pack: Pack, session_id: str, *, lang: str = "zh") -> TrialResult:
    """Re-run a stored session's observations with ``pack`` (no audio needed)."""
    with SessionStore() as store:
        session = store.load(session_id)
    summary = rerun(session, pack)
    return TrialResult(Path(session.info.source_path or session_id), session.info.duration_s,
                       summary.prompts, lang=lang)
