"""What a finished call comes to: its findings, pace, and every prompt with how it ended."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.ground.events import Channel, Finding, Prompt


@dataclass
class PromptRecord:
    prompt: Prompt
    resolved_t: float | None = None
    resolution: str = ""


@dataclass
class Summary:
    duration_s: float
    has_caller: bool
    recognising: dict[Channel, bool]
    pace: dict[Channel, float | None]
    findings: list[Finding]
    prompts: list[PromptRecord] = field(default_factory=list)
