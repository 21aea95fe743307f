"""``LiveHub``: every agent's live state in the service's memory, and who is watching.

Agents' reports replace what was held for them (a report older than the one held is
dropped, so a late retry never rolls the floor back); an agent whose heartbeats stop is
shown offline. Each supervisor's view has a queue of the agents that changed since it was
last served: an agent that changes twice before the view is served is sent once, in its
latest state, so a slow view never falls behind the floor.

Runs on the service's event loop (one thread); nothing here blocks.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.floor.livestate import (
    HEARTBEAT_S,
    MISSED_HEARTBEATS,
    Activity,
    AgentLive,
    AgentReport,
)


@dataclass
class _Entry:
    agent_id: str
    name: str
    team: str
    report: AgentReport
    received: float
    offline: bool = False


@dataclass(eq=False)
class Watcher:
    """One supervisor's view: the agents that changed since it was last served."""

    teams: frozenset[str] | None = None
    """Only these teams (a supervisor's own), or every team."""
    changed: dict[str, None] = field(default_factory=dict)
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    def sees(self, team: str) -> bool:
        return self.teams is None or team in self.teams

    async def next_changes(self) -> list[str]:
        """Wait for changes; the agent ids, each once, in the order they first changed."""
        await self.wake.wait()
        self.wake.clear()
        ids, self.changed = list(self.changed), {}
        return ids


class LiveHub:
    def __init__(self, *, offline_after_s: float = HEARTBEAT_S * MISSED_HEARTBEATS,
                 clock: Callable[[], float] = time.monotonic):
        self.offline_after_s = offline_after_s
        self.clock = clock
        self._agents: dict[str, _Entry] = {}
        self._watchers: set[Watcher] = set()
        self._sweeper: asyncio.Task[None] | None = None
        self.reports = 0

    # --- from the agents -----------------------------------------------------------------

    def report(self, agent_id: str, report: AgentReport, *, name: str = "",
               team: str = "") -> bool:
        """Take an agent's report; ``False`` if it was older than the one held.

        ``name`` and ``team`` come from the agent's credential where it has them; the
        report's own are used only where it has none.
        """
        self.reports += 1
        now = self.clock()
        held = self._agents.get(agent_id)
        if held is not None and report.seq < held.report.seq and not held.offline:
            return False
        changed = held is None or held.offline or _differs(held.report, report)
        self._agents[agent_id] = _Entry(agent_id, name or report.name or agent_id,
                                        team or report.team, report, now,
                                        offline=report.activity is Activity.OFFLINE)
        if changed:
            self._changed(agent_id)
        return True

    def sweep(self) -> list[str]:
        """Show offline every agent not heard from for ``offline_after_s``; their ids."""
        now = self.clock()
        gone = [e.agent_id for e in self._agents.values()
                if not e.offline and now - e.received > self.offline_after_s]
        for agent_id in gone:
            self._agents[agent_id].offline = True
            self._changed(agent_id)
        return gone

    # --- to the supervisors --------------------------------------------------------------

    def state(self, agent_id: str) -> AgentLive:
        """The agent as of now: durations run on from the last report."""
        entry = self._agents[agent_id]
        r = entry.report
        since = max(0.0, self.clock() - entry.received)
        activity = Activity.OFFLINE if entry.offline else r.activity
        live = activity in (Activity.CALL, Activity.HOLD)
        return AgentLive(
            agent_id=entry.agent_id, name=entry.name, team=entry.team, activity=activity,
            call_s=r.call_s + since if live and r.call_s is not None else None,
            hold_s=r.hold_s + since if activity is Activity.HOLD and r.hold_s is not None
            else None,
            idle_s=r.idle_s + since if activity is Activity.IDLE and r.idle_s is not None
            else None,
            prompt=r.prompt if live else None, last_session=r.last_session,
            seen_s=since, sent_at=r.sent_at)

    def snapshot(self, watcher: Watcher | None = None) -> list[AgentLive]:
        """Every agent as of now (a watcher's teams only).

        A watcher's snapshot covers the changes queued for it so far: they are dropped,
        so a report that arrived between ``watch`` and its first snapshot is not sent
        again as an update right after it.
        """
        if watcher is not None:
            watcher.changed.clear()
            watcher.wake.clear()
        return [self.state(a) for a, e in self._agents.items()
                if watcher is None or watcher.sees(e.team)]

    def states(self, agent_ids: list[str], watcher: Watcher) -> list[AgentLive]:
        return [self.state(a) for a in agent_ids
                if a in self._agents and watcher.sees(self._agents[a].team)]

    def watch(self, teams: frozenset[str] | None = None) -> Watcher:
        self.ensure_sweeper()
        watcher = Watcher(teams)
        self._watchers.add(watcher)
        return watcher

    def unwatch(self, watcher: Watcher) -> None:
        self._watchers.discard(watcher)

    @property
    def agents(self) -> int:
        return len(self._agents)

    # --- housekeeping --------------------------------------------------------------------

    def ensure_sweeper(self, every_s: float = 1.0) -> None:
        """Start the offline sweep on the running loop, once."""
        if self._sweeper is None or self._sweeper.done():
            self._sweeper = asyncio.get_running_loop().create_task(self._sweep_every(every_s))

    async def _sweep_every(self, every_s: float) -> None:
        while True:
            await asyncio.sleep(every_s)
            self.sweep()

    def _changed(self, agent_id: str) -> None:
        for watcher in self._watchers:
            watcher.changed.setdefault(agent_id, None)
            watcher.wake.set()


def _differs(old: AgentReport, new: AgentReport) -> bool:
    """A heartbeat repeats the state; only a real change is sent on to the views."""
    return (old.activity, old.prompt, old.last_session, old.name, old.team) != \
        (new.activity, new.prompt, new.last_session, new.name, new.team) \
        or (new.activity is Activity.HOLD and old.hold_s is None)
