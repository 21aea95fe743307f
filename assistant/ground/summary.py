"""What a finished call comes to: its findings, pace, and every prompt with how it ended."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.ground.events import Channel, Finding, Prompt, Severity


@dataclass
class PromptRecord:
    """A prompt a call raised and how it went away: the one record of it, in a call's
    summary, a stored session, a pack trial and a replay. The clause's label is words for
    a reader, so it is chosen where the record is shown, not kept here."""

    prompt: Prompt
    resolved_t: float | None = None
    """When it went away; ``None`` while it is (or was left) up."""
    resolution: str = ""
    """Why it went away (a rule's reason, ``superseded``, …)."""

    @property
    def t(self) -> float:
        return self.prompt.t

    @property
    def rule(self) -> str:
        return self.prompt.rule

    @property
    def clause(self) -> str:
        return self.prompt.clause

    @property
    def text(self) -> str:
        return self.prompt.text

    @property
    def severity(self) -> Severity:
        return self.prompt.severity


@dataclass
class Summary:
    duration_s: float
    has_caller: bool
    recognising: dict[Channel, bool]
    pace: dict[Channel, float | None]
    findings: list[Finding]
    prompts: list[PromptRecord] = field(default_factory=list)
