"""The greeting card shown as a call opens (第十一条(2), 第四条).

It shows what the agent is about to say: the greeting for the time of day of the call
(the pack's own phrase, with the pack's hour boundaries, so card and rule always agree)
and the self-introduction rendered from the pack's ``intro`` with the agent's name and
工号 from the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assistant.conduct.pack import Pack
from assistant.conduct.rules.base import AgentProfile, render


@dataclass(frozen=True)
class GreetingCard:
    part_of_day: str | None
    """``morning`` | ``afternoon`` | ``evening``; ``None`` when the call time is unknown."""
    greeting: str
    intro: str
    profile_missing: bool


def part_of_day(pack: Pack, when: datetime | None) -> str | None:
    if when is None:
        return None
    cfg = pack.rules.greeting
    if cfg.morning_from <= when.hour < cfg.afternoon_from:
        return "morning"
    if cfg.afternoon_from <= when.hour < cfg.evening_from:
        return "afternoon"
    return "evening"


def greeting_card(pack: Pack, agent: AgentProfile, when: datetime | None) -> GreetingCard:
    part = part_of_day(pack, when)
    phrases = pack.phrases
    options = getattr(phrases, f"greeting_{part}") if part else phrases.greeting_generic
    options = options or phrases.greeting_generic
    greeting = options[0] if options else ""
    intro = render(pack.rules.self_intro.intro, name=agent.name or "…",
                   agent_id=agent.agent_id or "…")
    return GreetingCard(part, greeting, intro, not (agent.name and agent.agent_id))
