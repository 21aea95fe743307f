"""The sentences each side said, kept to quote a phrase hit in its context after the call.

A caller's request is evidence as the sentence it was in (“我想改一下收货地址” at 0:12.4),
not as the two characters of the phrase that matched (“我想”).
"""

from __future__ import annotations

from assistant.conduct.rules.base import clock, quote
from assistant.ground.events import Channel, Event, PhraseHit, Transcript


class Sentences:
    def __init__(self) -> None:
        self._said: list[tuple[Channel, float, float, str]] = []

    def observe(self, event: Event) -> None:
        if isinstance(event, Transcript) and event.final and not event.grammar \
                and event.text.strip():
            t0, t1 = (event.words[0].t0, event.words[-1].t1) if event.words \
                else (event.t, event.t)
            self._said.append((event.channel, t0, t1, event.text.strip()))

    def quote(self, hit: PhraseHit) -> str:
        """The sentence ``hit`` was heard in, with the time it ended (so two phrases of one
        sentence quote it once); the phrase's own quote when the recogniser gave no free
        text (grammar mode)."""
        for channel, t0, t1, text in reversed(self._said):
            if channel is hit.channel and t0 - 0.5 <= hit.t <= t1 + 0.5:
                return f"“{text}” ({clock(t1)})"
        return quote(hit)
