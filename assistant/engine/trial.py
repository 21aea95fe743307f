"""Trying a pack on a recording: the prompts it would give, through the real pipeline.

The supervisor's "try it" panel runs this on a worker thread with the pack being edited,
so a changed threshold shows its effect on a real call before anyone is prompted by it.
It is the pipeline ``assistant analyze`` runs, with the prompts collected instead of printed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from assistant.audio.file import AudioFileError, open_call_file
from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.pack import Pack
from assistant.engine.assembly import Mode, build_recognisers
from assistant.engine.pipeline import Pipeline
from assistant.ground.events import CallAction, Channel, Event, PromptRaised


class TrialCancelled(Exception):
    """The supervisor changed the pack or closed the panel while it ran."""


@dataclass(frozen=True)
class TrialPrompt:
    t: float
    rule: str
    clause: str
    clause_label: str
    text: str
    severity: str


@dataclass
class TrialResult:
    recording: Path
    duration_s: float
    prompts: list[TrialPrompt] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def run_trial(pack: Pack, recording: Path, *, call_time: datetime | None = None,
              recogniser: Mode = "grammar", agent_channel: str = "left",
              model: Path | None = None, lang: str = "zh",
              controls: Sequence[tuple[float | None, CallAction, Channel | None]] = (),
              cancelled: Callable[[], bool] = lambda: False) -> TrialResult:
    """Run ``recording`` (WAV/FLAC; stereo = agent + caller) through the pipeline with
    ``pack``, with the softphone events ``controls`` (audio time, action, by) if known. Raises ``AudioFileError`` for a bad recording, ``TrialCancelled`` when
    ``cancelled()`` turns true between blocks."""
    source = open_call_file(recording, agent_channel=agent_channel)
    recognisers, notes = build_recognisers(pack, model_path=model, mode=recogniser,
                                           has_caller=source.has_caller)
    catalogue = ClauseCatalogue.load()
    result = TrialResult(recording, source.duration_s, notes=list(notes))
    pipeline = Pipeline(pack, has_caller=source.has_caller, recognisers=recognisers,
                        call_time=call_time, sinks=[_collector(result, catalogue, lang)])
    pipeline.control(CallAction.START)
    for t, action, by in controls:
        pipeline.schedule(t, action, by)
    for block in source.blocks():
        if cancelled():
            raise TrialCancelled()
        pipeline.feed(block)
    pipeline.finish()
    return result


def recorded_sessions(limit: int = 30) -> list:
    """Recent stored sessions (``SessionInfo``), newest first; none when there is no store.

    Looked up lazily: the session store is optional here and is never created by asking.
    """
    try:
        from assistant.sessions.replay.rerun import rerun  # noqa: F401  (sessions can be re-run)
        from assistant.sessions.store.database import SessionStore, StoreError, sessions_dir
    except ImportError:
        return []
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
    from assistant.sessions.replay.rerun import rerun
    from assistant.sessions.store.database import SessionStore

    with SessionStore() as store:
        session = store.load(session_id)
    catalogue = ClauseCatalogue.load()
    result = TrialResult(Path(session.info.source_path or session_id), session.info.duration_s)
    rerun(session, pack, sinks=[_collector(result, catalogue, lang)])
    return result


def _collector(result: TrialResult, catalogue: ClauseCatalogue, lang: str):
    def collect(event: Event) -> None:
        if isinstance(event, PromptRaised):
            p = event.prompt
            result.prompts.append(TrialPrompt(p.t, p.rule, p.clause,
                                              catalogue.label(p.clause, lang), p.text,
                                              str(getattr(p.severity, "value", p.severity))))
    return collect


__all__ = ["AudioFileError", "TrialCancelled", "TrialPrompt", "TrialResult", "recorded_sessions",
           "run_session_trial", "run_trial"]
