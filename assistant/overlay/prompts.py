"""Which prompt the agent sees: one at a time, the engine's order, with its clause.

The engine decides what is up; this keeps the same set and picks the one to show by
the engine's rule (highest priority, then the newest). The prompt that just left the
screen is kept so the view can fade it out instead of letting it vanish.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.conduct.clauses import ClauseCatalogue
from assistant.ground.events import Prompt


@dataclass(frozen=True)
class ShownPrompt:
    """A prompt as the overlay shows it: its words and the clause it enforces."""

    prompt: Prompt
    clause_label: str
    clause_text: str

    @property
    def rule(self) -> str:
        return self.prompt.rule


@dataclass(frozen=True)
class Departed:
    prompt: Prompt
    t: float
    reason: str


@dataclass
class PromptBoard:
    active: dict[str, Prompt] = field(default_factory=dict)
    departed: Departed | None = None
    raised_count: int = 0

    def reset(self) -> None:
        self.active.clear()
        self.departed = None

    def raised(self, prompt: Prompt) -> None:
        self.active[prompt.rule] = prompt
        self.raised_count += 1

    def resolved(self, rule: str, t: float, reason: str) -> bool:
        prompt = self.active.pop(rule, None)
        if prompt is None:
            return False
        self.departed = Departed(prompt, t, reason)
        return True

    @property
    def current(self) -> Prompt | None:
        if not self.active:
            return None
        return max(self.active.values(), key=lambda p: (p.priority, p.t))

    def is_up(self, rule: str) -> bool:
        return rule in self.active

    def shown(self, catalogue: ClauseCatalogue, lang: str) -> ShownPrompt | None:
        prompt = self.current
        if prompt is None:
            return None
        return ShownPrompt(prompt, catalogue.label(prompt.clause, lang),
                           catalogue.text(prompt.clause, lang))
