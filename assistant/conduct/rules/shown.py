"""A prompt that goes away by itself once it has been on screen for the rule's ``show_s``:
a reminder whose moment has passed (a forbidden phrase already said, a calm-tone reminder,
an answer the agent may still give). The rule resolves it as "shown"."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ShownFor:
    since: float | None = None
    """Audio time the prompt went up; ``None`` while none is up."""

    def start(self, t: float) -> None:
        self.since = t

    def stop(self) -> None:
        """The prompt went away another way (the agent did what it asked)."""
        self.since = None

    def expired(self, t: float, show_s: float) -> bool:
        """Whether the prompt's time on screen is over at ``t``; true once per prompt."""
        if self.since is None or t - self.since < show_s:
            return False
        self.since = None
        return True
