"""``LiveReporter``: the agent's live state, followed from the running call's events.

A sink of the live pipeline, beside the overlay (it sees the same events): idle, on a call,
on hold since when, the prompt up and its clause, the last finished call. It only updates
a few fields under a lock and wakes the sender, so the pipeline's worker never waits on the
network. ``current()`` is the report to send now, on any thread: a hold's seconds run on
from the last event by the sender's clock, so a heartbeat carries a fresh count.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from assistant.floor.livestate import Activity, AgentReport, LivePrompt
from assistant.ground.events import Phase, PhaseChanged, Prompt, PromptRaised, PromptResolved

_IN_CALL = (Phase.GREETING, Phase.CONVERSATION, Phase.CLOSING)


class LiveReporter:
    def __init__(self, *, on_change: Callable[[], None] = lambda: None,
                 session_id: Callable[[], str | None] = lambda: None,
                 name: str = "", team: str = "",
                 clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time):
        self.on_change = on_change
        self.session_id = session_id
        """The finished call's session, asked when a call ends (the recorder's id)."""
        self.name, self.team = name, team
        self.clock, self.wall = clock, wall
        self._lock = threading.Lock()
        self._phase = Phase.IDLE
        self._audio_now = 0.0
        self._at = clock()
        self._call_start: float | None = None
        self._hold_since: float | None = None
        self._prompts: dict[str, Prompt] = {}
        self._last_session: str | None = None
        self._ended: float | None = None
        """Audio time the last call ended."""
        self._seq = int(wall() * 1000)  # a restarted app's reports are newer than the last
        self._quit = False

    def __call__(self, event: object) -> None:
        t = getattr(event, "t", None)
        with self._lock:
            if isinstance(t, (int, float)) and t >= self._audio_now:
                self._audio_now, self._at = float(t), self.clock()
            changed = self._follow(event)
            if changed:
                self._seq += 1
        if changed:
            self.on_change()

    def quit(self) -> None:
        """The app is closing: the last report says offline."""
        with self._lock:
            self._quit = True
            self._seq += 1
        self.on_change()

    def current(self) -> AgentReport:
        with self._lock:
            now = self._audio_now + max(0.0, self.clock() - self._at)
            activity = self._activity()
            live = activity in (Activity.CALL, Activity.HOLD)
            prompt = max(self._prompts.values(), key=lambda p: (p.priority, p.t), default=None)
            return AgentReport(
                activity=activity,
                call_s=max(0.0, now - self._call_start)
                if live and self._call_start is not None else None,
                hold_s=max(0.0, now - self._hold_since)
                if activity is Activity.HOLD and self._hold_since is not None else None,
                idle_s=max(0.0, now - self._ended)
                if activity is Activity.IDLE and self._ended is not None else None,
                prompt=LivePrompt(rule=prompt.rule, clause=prompt.clause,
                                  text=prompt.text[:400]) if prompt and live else None,
                last_session=self._last_session, seq=self._seq, sent_at=self.wall(),
                name=self.name, team=self.team)

    def _activity(self) -> Activity:
        if self._quit:
            return Activity.OFFLINE
        if self._phase is Phase.HOLD:
            return Activity.HOLD
        return Activity.CALL if self._phase in _IN_CALL else Activity.IDLE

    def _follow(self, event: object) -> bool:
        if isinstance(event, PhaseChanged):
            return self._phase_changed(event)
        if isinstance(event, PromptRaised):
            self._prompts[event.prompt.rule] = event.prompt
            return True
        if isinstance(event, PromptResolved):
            return self._prompts.pop(event.rule, None) is not None
        return False

    def _phase_changed(self, event: PhaseChanged) -> bool:
        before = self._activity()
        if event.phase is Phase.GREETING and event.previous in (Phase.IDLE, Phase.ENDED):
            self._call_start, self._prompts = event.t, {}
        if self._call_start is None and event.phase in (*_IN_CALL, Phase.HOLD):
            self._call_start = event.t
        self._phase = event.phase
        self._hold_since = (event.since if event.since is not None else event.t) \
            if event.phase is Phase.HOLD else None
        if event.phase is Phase.ENDED:
            self._prompts, self._call_start, self._ended = {}, None, event.t
            self._last_session = self.session_id() or self._last_session
            return True
        return self._activity() is not before
