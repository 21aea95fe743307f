"""How a call's events read on a terminal: a timeline for people, JSON lines for programs."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from assistant.conduct.details import detail_text, resolution_text
from assistant.ground.events import (
    Channel,
    Event,
    PhaseChanged,
    PromptRaised,
    PromptResolved,
    Status,
)
from assistant.ground.summary import Summary
from assistant.ground.terminal import TerminalWords, clock, pad

ClauseLabel = Callable[[str], str]


def prompt_json(event: PromptRaised, label: ClauseLabel) -> dict:
    p = event.prompt
    return {
        "type": "prompt",
        "t": round(p.t, 2),
        "rule": p.rule,
        "clause": p.clause,
        "clause_label": label(p.clause),
        "text": p.text,
        "severity": p.severity.value,
        "priority": p.priority,
    }


def summary_json(summary: Summary, label: ClauseLabel) -> dict:
    agent, caller = summary.pace[Channel.AGENT], summary.pace[Channel.CALLER]
    return {
        "type": "summary",
        "duration_s": summary.duration_s,
        "has_caller": summary.has_caller,
        "recognising": {ch.value: on for ch, on in summary.recognising.items()},
        "pace": {
            "agent_spm": _round(agent),
            "caller_spm": _round(caller),
            "ratio": _round(agent / caller, 3) if agent and caller else None,
        },
        "findings": [
            {
                "rule": f.rule,
                "clause": f.clause,
                "clause_label": label(f.clause),
                "status": f.status.value,
                "detail": f.detail,
                "times": list(f.times),
            }
            for f in summary.findings
        ],
        "prompts": [
            {
                "rule": r.prompt.rule,
                "t": round(r.prompt.t, 2),
                "resolved_t": r.resolved_t,
                "resolution": r.resolution,
            }
            for r in summary.prompts
        ],
    }


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


class JsonLines:
    """Sink: one JSON object per prompt as it is raised; the summary comes last."""

    def __init__(self, out: TextIO, label: ClauseLabel):
        self.out, self.label = out, label

    def __call__(self, event: Event) -> None:
        if isinstance(event, PromptRaised):
            self.write(prompt_json(event, self.label))

    def summary(self, summary: Summary) -> None:
        self.write(summary_json(summary, self.label))

    def write(self, obj: dict) -> None:
        self.out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self.out.flush()


_MARK = {Status.MET: "✓", Status.MISSED: "✗", Status.NOT_CHECKED: "?", Status.NOT_APPLICABLE: "–"}


class Timeline:
    """Sink: a readable line per phase change, prompt and resolution, in ``lang``."""

    def __init__(self, out: TextIO, label: ClauseLabel, lang: str = "en"):
        self.out, self.label = out, label
        self.words = TerminalWords(lang)
        self.whisper_ready = False
        """Whisper base is installed and hears the call's language: with no model for the
        recogniser asked for, the summary says it is one option away."""

    def __call__(self, event: Event) -> None:
        w = self.words
        if isinstance(event, PhaseChanged):
            why = resolution_text(event.reason, w.lang) if w.lang == "zh" else event.reason
            if event.since is not None and event.since < event.t - 0.05:
                self._line(event.since, f"── {w.phase(event.phase.value)}  ({why}; "
                                        f"{w('certain_at', t=clock(event.t))})")
            else:
                self._line(event.t, f"── {w.phase(event.phase.value)}  ({why})")
        elif isinstance(event, PromptRaised):
            p = event.prompt
            self._line(p.t, f"▲ {p.rule:<22} {self.label(p.clause)}  {p.text}")
        elif isinstance(event, PromptResolved):
            why = resolution_text(event.reason, w.lang)
            self._line(event.t, f"  {'':<22} ↳ {w('resolved', rule=event.rule, why=why)}")

    def _line(self, t: float, text: str) -> None:
        self.out.write(f"{clock(t):>8}  {text}\n")

    def summary(self, summary: Summary) -> None:
        w, say = self.out.write, self.words
        agent, caller = summary.pace[Channel.AGENT], summary.pace[Channel.CALLER]
        w("\n" + say("duration", d=clock(summary.duration_s)) + "\n")
        pace = say("pace.agent", a=f"{agent:.0f}" if agent else "–")
        pace += say("pace.caller", c=f"{caller:.0f}") if caller else (
            say("pace.caller_none") if summary.has_caller else say("pace.no_caller"))
        if agent and caller:
            pace += say("pace.ratio", r=f"{agent / caller:.2f}")
        w(pace + "\n")
        if not any(summary.recognising.values()):
            w(say("no_model.whisper" if self.whisper_ready else "no_model") + "\n")
        w(say("findings") + "\n")
        for f in summary.findings:
            times = ", ".join(clock(t) for t in f.times[:6])
            more = " " + say("at", times=times) if times else ""
            verdict = say(f"verdict.{f.status.value}")
            w(f"  {_MARK[f.status]} {pad(verdict, 12)} {f.rule:<22} {pad(self.label(f.clause), 14)}"
              f" {detail_text(f.detail, say.lang)}{more}\n")

