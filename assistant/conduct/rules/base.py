"""What every rule family shares: its settings, a view of the call, and a way to speak.

A rule reads events in audio-time order (observations, phase changes and ticks) and says
two things: *violations* (for the call's findings, every one counted) and *prompts* (what
the agent sees, thinned out by the engine's cool-downs). A rule that needs the recogniser
reports "not checked" when none runs, never a silent pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Protocol

from assistant.call.tracker import CallState
from assistant.conduct.pack import Pack
from assistant.conduct.placeholders import render
from assistant.conduct.settings import RuleSettings
from assistant.ground.events import Channel, Event, Finding, PhraseHit, Severity, Status


class RuleHost(Protocol):
    """What a rule needs of the engine that runs it (``assistant.conduct.engine.RuleEngine``):
    the pack, the call's state and agent, and raising or resolving its prompt."""

    pack: Pack
    state: CallState
    agent: AgentProfile

    def raise_prompt(self, rule: Rule, t: float, text: str, severity: Severity, *,
                     replace: bool = False, detail: dict[str, object] | None = None) -> None: ...

    def resolve(self, rule_id: str, t: float, reason: str) -> None: ...

    def is_active(self, rule_id: str) -> bool: ...


@dataclass(frozen=True)
class AgentProfile:
    """Who is speaking for the centre: shown in the greeting card and self-introduction."""

    name: str = ""
    agent_id: str = ""


def quote(hit: PhraseHit) -> str:
    """A phrase finding's evidence in no reader's language: the phrase, the words heard when
    they differ, and when: “工号” [“工好” 0:03.2], “good evening” [0:01.1]."""
    def plain(text: str) -> str:
        return "".join(c for c in text.lower() if c.isalnum() or c == "'")

    heard = f"“{hit.heard}” " if hit.heard and plain(hit.heard) != plain(hit.phrase) else ""
    return f"“{hit.phrase}” [{heard}{clock(hit.t)}]"


def quotes(items: Iterable[str]) -> str:
    """Several quoted pieces of evidence, each once, in no reader's language:
    “不行” [0:12.0], “没办法” [0:40.2] (the Chinese reader sees them joined by 、)."""
    return ", ".join(dict.fromkeys(items))


def clock(t: float) -> str:
    """Audio time as the call's clock: 0:03.2, 12:40.0."""
    minutes, seconds = divmod(max(t, 0.0), 60)
    return f"{int(minutes)}:{seconds:04.1f}"


class Rule:
    id: ClassVar[str]
    needs_recogniser: ClassVar[bool] = False

    def __init__(self, settings: RuleSettings, engine: RuleHost):
        self.settings = settings
        self.engine = engine
        self.violations: list[float] = []

    @property
    def state(self) -> CallState:
        return self.engine.state

    @property
    def pack(self) -> Pack:
        return self.engine.pack

    def observe(self, event: Event) -> None:
        """Called for every event in audio-time order; override what the rule cares about."""

    def violate(self, t: float, *, prompt: bool = True, severity: Severity = Severity.WARNING,
                replace: bool = False, wording: str | None = None, **fields: object) -> None:
        self.violations.append(t)
        if prompt:
            self.prompt(t, severity=severity, replace=replace, wording=wording, **fields)

    def prompt(self, t: float, *, severity: Severity = Severity.WARNING, replace: bool = False,
               wording: str | None = None, **fields: object) -> None:
        """Raise the rule's prompt, worded by the pack's ``text`` or another of its texts."""
        template = self.settings.text if wording is None else wording
        self.engine.raise_prompt(self, t, render(template, **fields), severity,
                                 replace=replace, detail=fields)

    def resolve(self, t: float, reason: str) -> None:
        self.engine.resolve(self.id, t, reason)

    @property
    def active(self) -> bool:
        return self.engine.is_active(self.id)

    def finding(self, end: float) -> Finding:
        if self.needs_recogniser and not self.state.can_hear(Channel.AGENT):
            return self.make_finding(Status.NOT_CHECKED, "no speech recogniser running")
        if self.violations:
            return self.make_finding(Status.MISSED, f"{len(self.violations)} time(s)",
                                     self.violations)
        return self.make_finding(Status.MET)

    def make_finding(self, status: Status, detail: str = "",
                     times: list[float] | tuple[float, ...] = ()) -> Finding:
        return Finding(self.id, self.settings.clause, status, detail,
                       tuple(round(t, 2) for t in times))
