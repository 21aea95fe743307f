"""``FloorBoard``: the supervisor's live floor as plain data, for any view.

Fed with what the service sends (``AgentLive`` batches, anchored to the moment they
arrived), it answers "who is where, right now": each agent's row with its call and hold
seconds running on by the supervisor's own clock, rows most urgent first (a caller on hold
past the long-hold limit, then a prompt up, a hold, a call, idle, offline), the teams,
and counts for a team. No Qt: the window reads it once a second and on every change.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from assistant.floor.livestate import Activity, AgentLive, LivePrompt


@dataclass(frozen=True)
class Row:
    agent_id: str
    name: str
    team: str
    activity: Activity
    call_s: float | None
    hold_s: float | None
    idle_s: float | None
    prompt: LivePrompt | None
    last_session: str | None
    long_hold: bool

    @property
    def urgency(self) -> int:
        """0 is the most urgent."""
        if self.long_hold:
            return 0
        if self.prompt is not None:
            return 1
        return {Activity.HOLD: 2, Activity.CALL: 3, Activity.IDLE: 4}.get(self.activity, 5)


@dataclass(frozen=True)
class Counts:
    agents: int = 0
    call: int = 0
    hold: int = 0
    long_hold: int = 0
    prompts: int = 0
    idle: int = 0
    offline: int = 0


class FloorBoard:
    def __init__(self, *, long_hold_s: float, clock: Callable[[], float] = time.monotonic):
        self.long_hold_s = long_hold_s
        self.clock = clock
        self._agents: dict[str, tuple[AgentLive, float]] = {}
        self.problem = "connecting"
        """Why the floor may be out of date (``""`` while connected to the service)."""
        self.changes = 0

    def apply(self, agents: Iterable[AgentLive], snapshot: bool, received: float) -> None:
        """Take a batch from the service; a snapshot replaces the whole floor."""
        if snapshot:
            self._agents.clear()
        for agent in agents:
            self._agents[agent.agent_id] = (agent, received)
        self.changes += 1

    def row(self, agent_id: str) -> Row | None:
        held = self._agents.get(agent_id)
        return _row(*held, self.clock(), self.long_hold_s) if held else None

    def rows(self, team: str | None = None) -> list[Row]:
        now = self.clock()
        rows = [_row(a, at, now, self.long_hold_s) for a, at in self._agents.values()
                if team is None or a.team == team]
        return sorted(rows, key=lambda r: (r.urgency, -(r.hold_s or 0.0), r.team, r.name))

    def teams(self) -> list[str]:
        return sorted({a.team for a, _ in self._agents.values()})

    def counts(self, team: str | None = None) -> Counts:
        rows = self.rows(team)
        return Counts(
            agents=len(rows),
            call=sum(r.activity is Activity.CALL for r in rows),
            hold=sum(r.activity is Activity.HOLD for r in rows),
            long_hold=sum(r.long_hold for r in rows),
            prompts=sum(r.prompt is not None for r in rows),
            idle=sum(r.activity is Activity.IDLE for r in rows),
            offline=sum(r.activity is Activity.OFFLINE for r in rows))


def _row(agent: AgentLive, received: float, now: float, long_hold_s: float) -> Row:
    ran = max(0.0, now - received)
    hold_s = agent.hold_s + ran if agent.hold_s is not None else None
    return Row(agent.agent_id, agent.name or agent.agent_id, agent.team, agent.activity,
               agent.call_s + ran if agent.call_s is not None else None, hold_s,
               agent.idle_s + ran if agent.idle_s is not None else None,
               agent.prompt, agent.last_session,
               long_hold=hold_s is not None and hold_s >= long_hold_s)
