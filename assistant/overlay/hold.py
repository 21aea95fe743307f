"""The hold countdown: how long the caller has waited and when the next update is due.

It mirrors the ``hold_update`` rule's clock (第十一条(3), every ``interval_s``): the wait
starts when the caller began waiting (the agent's last words, or the softphone's hold),
an agent update restarts the interval from the end of what they said, and while the
agent is talking nothing is due. Whether the update prompt is up is not guessed here:
it follows the engine's ``PromptRaised``/``PromptResolved`` for the rule.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class HoldCountdown:
    interval_s: float = 15.0
    on_hold: bool = False
    since: float | None = None
    due: float | None = None
    agent_talking: bool = False
    prompt_up: bool = False
    now: float = 0.0

    def start(self, since: float, now: float) -> None:
        self.on_hold, self.since, self.now = True, since, now
        self.due = since + self.interval_s
        self.agent_talking = False
        self.advance(now)

    def stop(self) -> None:
        self.on_hold, self.since, self.due = False, None, None
        self.agent_talking = self.prompt_up = False

    def agent_started(self, t: float) -> None:
        if self.on_hold:
            self.agent_talking, self.due = True, None

    def agent_ended(self, t: float) -> None:
        if self.on_hold:
            self.agent_talking = False
            self.due = t + self.interval_s
            self.advance(max(self.now, t))

    def advance(self, t: float) -> None:
        """Audio time reached ``t``; a due time that passed rolls on, as the rule's does."""
        self.now = max(self.now, t)
        if self.due is not None:
            while self.now >= self.due:
                self.due += self.interval_s

    @property
    def waited_s(self) -> float:
        return max(0.0, self.now - self.since) if self.on_hold and self.since is not None else 0.0

    @property
    def to_next_s(self) -> float | None:
        """Seconds until the next update is due; ``None`` while the agent is talking."""
        if not self.on_hold or self.due is None:
            return None
        return max(0.0, self.due - self.now)

    @property
    def fraction(self) -> float:
        """How far through the current interval (0 → just updated, 1 → update due)."""
        left = self.to_next_s
        if left is None:
            return 0.0
        return min(1.0, max(0.0, 1.0 - left / self.interval_s))
