"""Events and summaries to plain JSON-able dicts and back, for the session store.

One row per event: ``kind`` (the event class name), ``t`` (audio time), ``channel`` (or
``None``) and ``data`` (the remaining fields). Decoding gives back the very same frozen
dataclasses the pipeline produced, so a stored session can be fed into ``CallCore`` again
(for example through a newer pack) exactly as the live call was.

Ticks are not stored: they carry nothing but time, and replay regenerates them.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from assistant.ground.events import (
    CallAction,
    CallControl,
    Channel,
    Event,
    Finding,
    LevelReading,
    PaceReading,
    Phase,
    PhaseChanged,
    PhraseHit,
    Prompt,
    PromptRaised,
    PromptResolved,
    Severity,
    SpeechEnd,
    SpeechStart,
    Status,
    Tick,
    Transcript,
    Word,
)
from assistant.ground.summary import PromptRecord, Summary

STORED_KINDS: dict[str, type] = {
    cls.__name__: cls
    for cls in (SpeechStart, SpeechEnd, LevelReading, PaceReading, Transcript, PhraseHit,
                CallControl, PhaseChanged, PromptRaised, PromptResolved)
}


class CodecError(ValueError):
    """A stored row does not describe an event this version knows."""


def is_stored(event: Event) -> bool:
    return not isinstance(event, Tick) and type(event).__name__ in STORED_KINDS


def encode(event: Event) -> tuple[str, float, str | None, dict[str, Any]]:
    """``(kind, t, channel, data)`` for one event; ``data`` holds only JSON types."""
    if isinstance(event, PromptRaised):
        return "PromptRaised", event.t, None, _prompt_dict(event.prompt)
    fields = {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}
    t = fields.pop("t")
    channel = fields.pop("channel", None)
    if isinstance(event, Transcript):
        fields["words"] = [[w.text, w.t0, w.t1, w.conf] for w in event.words]
    return type(event).__name__, t, _plain(channel), {k: _plain(v) for k, v in fields.items()}


def decode(kind: str, t: float, channel: str | None, data: dict[str, Any]) -> Event:
    cls = STORED_KINDS.get(kind)
    if cls is None:
        raise CodecError(f"unknown event kind {kind!r}")
    try:
        if cls is PromptRaised:
            return PromptRaised(_prompt(data, t))
        fields = dict(data)
        if channel is not None:
            fields["channel"] = Channel(channel)
        if cls is Transcript:
            fields["words"] = tuple(Word(*w) for w in fields.get("words", ()))
        elif cls is CallControl:
            fields["action"] = CallAction(fields["action"])
            fields["by"] = Channel(fields["by"]) if fields.get("by") else None
        elif cls is PhaseChanged:
            fields["phase"] = Phase(fields["phase"])
            fields["previous"] = Phase(fields["previous"])
        return cls(t=t, **fields)
    except (TypeError, ValueError, KeyError) as exc:
        raise CodecError(f"{kind} at {t:.2f} s: {exc}") from None


def summary_to_dict(summary: Summary) -> dict[str, Any]:
    return {
        "duration_s": summary.duration_s,
        "has_caller": summary.has_caller,
        "recognising": {ch.value: on for ch, on in summary.recognising.items()},
        "pace": {ch.value: spm for ch, spm in summary.pace.items()},
        "findings": [
            {"rule": f.rule, "clause": f.clause, "status": f.status.value, "detail": f.detail,
             "times": list(f.times)}
            for f in summary.findings
        ],
        "prompts": [
            {**_prompt_dict(r.prompt), "resolved_t": r.resolved_t, "resolution": r.resolution}
            for r in summary.prompts
        ],
    }


def summary_from_dict(data: dict[str, Any]) -> Summary:
    try:
        return Summary(
            duration_s=data["duration_s"],
            has_caller=data["has_caller"],
            recognising={Channel(k): v for k, v in data["recognising"].items()},
            pace={Channel(k): v for k, v in data["pace"].items()},
            findings=[
                Finding(f["rule"], f["clause"], Status(f["status"]), f.get("detail", ""),
                        tuple(f.get("times", ())))
                for f in data["findings"]
            ],
            prompts=[
                PromptRecord(_prompt(p, p["t"]), p.get("resolved_t"), p.get("resolution", ""))
                for p in data.get("prompts", ())
            ],
        )
    except (TypeError, ValueError, KeyError) as exc:
        raise CodecError(f"summary: {exc}") from None


def _prompt_dict(p: Prompt) -> dict[str, Any]:
    return {"rule": p.rule, "clause": p.clause, "text": p.text, "t": p.t,
            "severity": p.severity.value, "priority": p.priority,
            "detail": {k: _plain(v) for k, v in p.detail.items()}}


def _prompt(data: dict[str, Any], t: float) -> Prompt:
    return Prompt(rule=data["rule"], clause=data["clause"], text=data["text"], t=t,
                  severity=Severity(data.get("severity", "warning")),
                  priority=data.get("priority", 50), detail=dict(data.get("detail", {})))


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value
