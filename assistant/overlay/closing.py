"""The closing checklist (第十一条(4), 第十二条(4)): what a good goodbye has in it.

Items tick themselves from what was heard on the agent's channel (recap, agreement,
thanks) and from the softphone's call-end event (who hung up). The agent can tick an
item by hand when the recogniser missed it or none runs; a hand tick is remembered as
such so it is never mistaken for a heard one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from assistant.ground.events import CallAction, CallControl, Channel, PhraseHit


class Item(str, enum.Enum):
    RECAP = "recap"
    AGREEMENT = "agreement"
    THANKS = "thanks"
    CALLER_HUNG_UP = "caller_hung_up"


class Mark(str, enum.Enum):
    OPEN = "open"
    HEARD = "heard"
    MANUAL = "manual"
    MISSED = "missed"

    @property
    def done(self) -> bool:
        return self in (Mark.HEARD, Mark.MANUAL)


_FROM_PHRASE = {"recap": Item.RECAP, "agreement": Item.AGREEMENT, "thanks": Item.THANKS}


@dataclass
class Checklist:
    marks: dict[Item, Mark] = field(default_factory=lambda: {item: Mark.OPEN for item in Item})

    def reset(self) -> None:
        for item in Item:
            self.marks[item] = Mark.OPEN

    def heard(self, hit: PhraseHit) -> bool:
        item = _FROM_PHRASE.get(hit.kind)
        if hit.channel is not Channel.AGENT or item is None or self.marks[item].done:
            return False
        self.marks[item] = Mark.HEARD
        return True

    def call_control(self, control: CallControl) -> bool:
        if control.action is not CallAction.END or control.by is None:
            return False
        if self.marks[Item.CALLER_HUNG_UP] is Mark.MANUAL:
            return False
        self.marks[Item.CALLER_HUNG_UP] = (
            Mark.HEARD if control.by is Channel.CALLER else Mark.MISSED)
        return True

    def tick(self, item: Item, done: bool = True) -> None:
        """The agent's own tick (mouse); unticking leaves the item open."""
        self.marks[item] = Mark.MANUAL if done else Mark.OPEN

    def toggle(self, item: Item) -> None:
        self.tick(item, not self.marks[item].done)

    @property
    def done_count(self) -> int:
        return sum(mark.done for mark in self.marks.values())
