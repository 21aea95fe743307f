"""Moving a call's events onto the session's own clock (0 s = the first recorded sample).

The live worker keeps one audio clock across calls (the overlay's timers never jump
back), so the third call of a shift may start at 1:12:03.4. A session stores its call
from 0 s, aligned with its audio file, so every time in an event or summary is shifted
by the call's origin here, in one place, before anything reaches the store.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.ground.events import Event, Finding, PromptRaised, SpeechEnd, Transcript, Word
from assistant.ground.summary import PromptRecord, Summary


def shift_event(event: Event, by: float) -> Event:
    """``event`` with every audio time in it moved by ``by`` seconds."""
    if not by:
        return event
    if isinstance(event, PromptRaised):
        return PromptRaised(replace(event.prompt, t=_r(event.prompt.t + by)))
    if isinstance(event, SpeechEnd):
        return replace(event, t=_r(event.t + by), start=_r(event.start + by))
    if isinstance(event, Transcript):
        words = tuple(Word(w.text, _r(w.t0 + by), _r(w.t1 + by), w.conf) for w in event.words)
        return replace(event, t=_r(event.t + by), words=words)
    return replace(event, t=_r(event.t + by))  # type: ignore[type-var]


def shift_summary(summary: Summary, by: float) -> Summary:
    """The summary of a call whose clock started ``-by`` seconds into the worker's clock."""
    if not by:
        return summary
    return Summary(
        duration_s=_r(summary.duration_s + by),
        has_caller=summary.has_caller,
        recognising=dict(summary.recognising),
        pace=dict(summary.pace),
        findings=[Finding(f.rule, f.clause, f.status, f.detail,
                          tuple(_r(t + by) for t in f.times)) for f in summary.findings],
        prompts=[PromptRecord(replace(r.prompt, t=_r(r.prompt.t + by)),
                              None if r.resolved_t is None else _r(r.resolved_t + by),
                              r.resolution) for r in summary.prompts],
    )


def _r(t: float) -> float:
    """Keep stored times free of float noise (1e-6 s is far below a block)."""
    return round(t, 6)
