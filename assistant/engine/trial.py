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
from typing import Literal

from assistant.audio.file import AudioFileError, open_call_file
from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.pack import Pack
from assistant.engine.assembly import Mode
from assistant.engine.calls import Call, CallCancelled, hear
from assistant.ground.events import CallAction, Channel
from assistant.ground.summary import PromptRecord


class TrialCancelled(Exception):
    """The supervisor changed the pack or closed the panel while it ran."""


@dataclass
class TrialResult:
    recording: Path
    duration_s: float
    prompts: list[PromptRecord] = field(default_factory=list)
    """Every prompt the pack gave, in the order it gave them, with how each went away."""
    notes: list[str] = field(default_factory=list)
    lang: str = "zh"
    """The supervisor's language, for the clause labels."""

    def clause_label(self, clause: str) -> str:
        """The clause as the supervisor reads it (第十一条(3) / Article 11(3))."""
        return ClauseCatalogue.load().label(clause, self.lang)


def run_trial(pack: Pack, recording: Path, *, call_time: datetime | None = None,
              recogniser: Mode = "grammar", agent_channel: Literal["left", "right"] = "left",
              model: Path | None = None, lang: str = "zh",
              controls: Sequence[tuple[float | None, CallAction, Channel | None]] = (),
              cancelled: Callable[[], bool] = lambda: False) -> TrialResult:
    """Run ``recording`` (WAV/FLAC; stereo = agent + caller) through the pipeline with
    ``pack``, with the softphone events ``controls`` (audio time, action, by) if known.
    Raises ``AudioFileError`` for a bad recording, ``TrialCancelled`` when ``cancelled()``
    turns true between blocks."""
    source = open_call_file(recording, agent_channel=agent_channel)
    hearing = hear(pack, mode=recogniser, has_caller=source.has_caller, model_path=model)
    call = Call(pack, hearing, has_caller=source.has_caller, call_time=call_time,
                controls=controls)
    try:
        summary = call.run(source.blocks(), cancelled=cancelled)
    except CallCancelled:
        raise TrialCancelled() from None
    return TrialResult(recording, source.duration_s, summary.prompts, list(hearing.notes), lang)


__all__ = ["AudioFileError", "TrialCancelled", "TrialResult", "run_trial"]
