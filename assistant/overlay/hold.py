"""The hold countdown: how long the caller has waited and when the next update is due.

The clock is the ``hold_update`` rule's own (``assistant.conduct.rules.hold.HoldClock``,
第十一条(3)); this adds what the ring shows: whether the agent is talking right now and
how far through the interval the wait is. Whether the update prompt is up is not guessed
here: it follows the engine's ``PromptRaised``/``PromptResolved`` for the rule.
"""

from __future__ import annotations

import math

from assistant.conduct.rules.hold import HoldClock

RING_STEPS = 60
"""The ring fills in steps of 6° (a quarter of a second of a 15-s interval): finer steps
show an agent nothing more at a glance, and each step is a repaint of the ring (one per
100-ms pipeline block before: 0.2 % of a core on the main thread while a caller waits)."""


class HoldCountdown:
    def __init__(self, interval_s: float = 15.0):
        self.clock = HoldClock(interval_s)
        self.agent_talking = False
        self.prompt_up = False
        self.now = 0.0

    @property
    def interval_s(self) -> float:
        return self.clock.interval_s

    @interval_s.setter
    def interval_s(self, value: float) -> None:
        self.clock.interval_s = value

    @property
    def on_hold(self) -> bool:
        return self.clock.on_hold

    @property
    def since(self) -> float | None:
        return self.clock.since

    @property
    def due(self) -> float | None:
        return self.clock.due

    def start(self, since: float, now: float) -> None:
        self.clock.start(since)
        self.now = now
        self.agent_talking = False
        self.advance(now)

    def stop(self) -> None:
        self.clock.stop()
        self.agent_talking = self.prompt_up = False

    def agent_started(self, t: float) -> None:
        if self.on_hold:
            self.agent_talking = True
            self.clock.agent_started()

    def agent_ended(self, t: float) -> None:
        if self.on_hold:
            self.agent_talking = False
            self.clock.agent_ended(t)
            self.advance(max(self.now, t))

    def advance(self, t: float) -> None:
        """Audio time reached ``t``."""
        self.now = max(self.now, t)
        self.clock.advance(self.now)

    @property
    def waited_s(self) -> float:
        return self.clock.waited_s(self.now)

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

    @property
    def next_in_s(self) -> int | None:
        """The ring's centre: whole seconds to the next update, rounded up; ``None`` while
        the agent is talking."""
        left = self.to_next_s
        return None if left is None else math.ceil(left - 1e-6)

    @property
    def waited_whole_s(self) -> int:
        """The seconds waited as the card and the prompt say them."""
        return int(self.waited_s)

    @property
    def shown(self) -> tuple[object, ...]:
        """What the hold card shows (the ring's step, the seconds to the next update and
        waited, whether the agent talks, whether the update is due): the card needs
        redrawing only when this changes."""
        return (round(self.fraction * RING_STEPS), self.next_in_s, self.waited_whole_s,
                self.agent_talking, self.prompt_up)
