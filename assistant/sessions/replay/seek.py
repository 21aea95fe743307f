"""The state of a sink at any moment of a stored call, fast enough to scrub an hour.

A view model such as the overlay's is built by feeding it events; the state at time
``t`` is what it holds after every event the live call had emitted by ``t``. Feeding a
60-minute call from the start on every seek would take a noticeable fraction of a second,
so the stream is fed once at load time and the state is copied every ``every_s`` seconds
(a checkpoint). A seek copies the nearest checkpoint before ``t`` and feeds at most
``every_s`` seconds of events; playing forward keeps feeding the same state.

"Emitted by ``t``" is not "stamped before ``t``": a speech end is reported half a second
after it happened. So each event comes with the audio time at which it became known
(``known``; by default the running maximum of the time stamps, and for a stored session
the end of the pipeline block it was emitted in, :func:`assistant.sessions.replay.rerun.known_times`).
"""

from __future__ import annotations

import copy
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

S = TypeVar("S")

CHECKPOINT_S = 10.0


class Seeker(Generic[S]):
    """``at(t)`` is the sink's state at audio time ``t``; valid until the next ``at``."""

    def __init__(self, events: Sequence, make: Callable[[], S], *,
                 advance: Callable[[S, float], None], known: Sequence[float] | None = None,
                 every_s: float = CHECKPOINT_S, clone: Callable[[S], S] = copy.deepcopy):
        self.events = list(events)
        self._make, self._advance, self._clone = make, advance, clone
        if known is None:
            known, top = [], float("-inf")
            for event in self.events:
                top = max(top, event.t)
                known.append(top)
        self.known = list(known)
        if len(self.known) != len(self.events) or any(
                b < a for a, b in zip(self.known, self.known[1:])):
            raise ValueError("known times must be one per event and never decrease")
        self._checkpoints: list[tuple[float, int, S]] = []
        self._build(every_s)
        self._times = [c[0] for c in self._checkpoints]
        self._state: S | None = None
        self._index = 0
        self._t = 0.0

    def _build(self, every_s: float) -> None:
        state = self._make()
        index, t = 0, 0.0
        self._checkpoints.append((t, 0, self._clone(state)))
        end = self.known[-1] if self.known else 0.0
        while t + every_s <= end:
            t += every_s
            index = self._feed(state, index, t)
            self._checkpoints.append((t, index, self._clone(state)))

    def _feed(self, state: S, index: int, t: float) -> int:
        stop = bisect_right(self.known, t, lo=index)
        for event in self.events[index:stop]:
            state(event)  # type: ignore[operator]
        self._advance(state, t)
        return stop

    @property
    def checkpoints(self) -> int:
        return len(self._checkpoints)

    def at(self, t: float) -> S:
        t = max(0.0, t)
        k = max(bisect_right(self._times, t) - 1, 0)
        start, index, saved = self._checkpoints[k]
        if self._state is None or t < self._t or self._t < start:
            self._state, self._index = self._clone(saved), index
        self._index = self._feed(self._state, self._index, t)
        self._t = t
        return self._state
