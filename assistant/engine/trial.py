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
from assistant.engine.call_core import Sink
from assistant.engine.calls import Call, CallCancelled, hear
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
              recogniser: Mode = "grammar", agent_channel: Literal["left", "right"] = "left",
              model: Path | None = None, lang: str = "zh",
              controls: Sequence[tuple[float | None, CallAction, Channel | None]] = (),
              cancelled: Callable[[], bool] = lambda: False) -> TrialResult:
    """Run ``recording`` (WAV/FLAC; stereo = agent + caller) through the pipeline with
    ``pack``, with the softphone events ``controls`` (audio time, action, by) if known. Raises ``AudioFileError`` for a bad recording, ``TrialCancelled`` when
    ``cancelled()`` turns true between blocks."""
    source = open_call_file(recording, agent_channel=agent_channel)
    hearing = hear(pack, mode=recogniser, has_caller=source.has_caller, model_path=model)
    catalogue = ClauseCatalogue.load()
    result = TrialResult(recording, source.duration_s, notes=list(hearing.notes))
    call = Call(pack, hearing, has_caller=source.has_caller, call_time=call_time,
                sinks=[collector(result, catalogue, lang)], controls=controls)
    try:
        call.run(source.blocks(), cancelled=cancelled)
    except CallCancelled:
        raise TrialCancelled() from None
    return result


def collector(result: TrialResult, catalogue: ClauseCatalogue, lang: str) -> Sink:
    """A sink that keeps the prompts raised, worded for the supervisor's table."""
    def collect(event: Event) -> None:
        if isinstance(event, PromptRaised):
            p = event.prompt
            result.prompts.append(TrialPrompt(p.t, p.rule, p.clause,
                                              catalogue.label(p.clause, lang), p.text,
                                              str(getattr(p.severity, "value", p.severity))))
    return collect


__all__ = ["AudioFileError", "TrialCancelled", "TrialPrompt", "TrialResult", "collector",
           "run_trial"]
