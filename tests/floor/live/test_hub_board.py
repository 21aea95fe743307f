"""The live hub and the supervisor's board, on a hand-driven clock."""

from __future__ import annotations

import asyncio

from assistant.floor.board import FloorBoard
from assistant.floor.hub import LiveHub
from assistant.floor.livestate import Activity, AgentReport, LivePrompt

HOLD_PROMPT = LivePrompt(rule="hold_update", clause="kf-11.3", text="客户已等待 15 秒")


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_hold_seconds_run_on_from_the_report_and_a_stale_retry_is_dropped():
    clock = Clock()
    hub = LiveHub(clock=clock)
    hub.report("1001", AgentReport(activity=Activity.HOLD, hold_s=12.0, call_s=80.0, seq=5),
               name="王芳", team="一组")
    clock.t += 3.5
    state = hub.state("1001")
    assert (state.activity, state.hold_s, state.call_s) == (Activity.HOLD, 15.5, 83.5)
    assert not hub.report("1001", AgentReport(activity=Activity.CALL, seq=4))
    assert hub.state("1001").activity is Activity.HOLD
    assert hub.report("1001", AgentReport(activity=Activity.CALL, call_s=84.0, seq=6))
    assert hub.state("1001").hold_s is None


def test_missed_heartbeats_show_offline_and_the_next_report_brings_the_agent_back():
    clock = Clock()
    hub = LiveHub(clock=clock, offline_after_s=15.0)
    hub.report("1001", AgentReport(activity=Activity.CALL, call_s=1.0, seq=1))
    hub.report("1002", AgentReport(activity=Activity.IDLE, seq=1))
    clock.t += 10
    hub.report("1002", AgentReport(activity=Activity.IDLE, seq=1))  # a heartbeat
    clock.t += 6
    assert hub.sweep() == ["1001"]
    assert hub.state("1001").activity is Activity.OFFLINE
    assert hub.state("1001").call_s is None
    assert hub.state("1002").activity is Activity.IDLE
    # the agent's app restarted: its sequence began again, lower, and is still taken
    hub.report("1001", AgentReport(activity=Activity.IDLE, seq=0))
    assert hub.state("1001").activity is Activity.IDLE


def test_a_watcher_gets_each_changed_agent_once_in_its_latest_state_and_only_its_teams():
    async def scenario() -> tuple[list[str], list[str], list]:
        hub = LiveHub()
        mine = hub.watch(frozenset({"一组"}))
        everyone = hub.watch()
        for seq, activity in enumerate((Activity.CALL, Activity.HOLD, Activity.CALL), 1):
            hub.report("1001", AgentReport(activity=activity, seq=seq), team="一组")
        hub.report("1002", AgentReport(activity=Activity.CALL, seq=1), team="二组")
        hub.report("1002", AgentReport(activity=Activity.CALL, seq=2), team="二组")  # heartbeat
        ids_all = await everyone.next_changes()
        ids_mine = await mine.next_changes()
        return ids_all, ids_mine, hub.states(ids_mine, mine)

    ids_all, _ids_mine, states = asyncio.run(scenario())
    assert ids_all == ["1001", "1002"]
    assert [s.agent_id for s in states] == ["1001"]
    assert states[0].activity is Activity.CALL


def test_a_report_before_the_first_snapshot_is_in_it_and_not_sent_again():
    async def scenario() -> tuple[list, bool, list[str]]:
        hub = LiveHub()
        hub.report("1001", AgentReport(activity=Activity.CALL, seq=1))
        watcher = hub.watch()  # the view is admitted; its first snapshot is not taken yet
        hub.report("1001", AgentReport(activity=Activity.HOLD, hold_s=0.0, seq=2))
        snapshot = hub.snapshot(watcher)
        pending = watcher.wake.is_set()
        hub.report("1002", AgentReport(activity=Activity.CALL, seq=1))  # after it: sent
        return snapshot, pending, await watcher.next_changes()

    snapshot, pending, after = asyncio.run(scenario())
    assert [(s.agent_id, s.activity) for s in snapshot] == [("1001", Activity.HOLD)]
    assert pending is False
    assert after == ["1002"]


def test_a_heartbeat_that_changes_nothing_wakes_no_view():
    async def scenario() -> bool:
        hub = LiveHub()
        hub.report("1001", AgentReport(activity=Activity.CALL, call_s=5.0, seq=1))
        watcher = hub.watch()
        hub.report("1001", AgentReport(activity=Activity.CALL, call_s=10.0, seq=1))
        return watcher.wake.is_set()

    assert asyncio.run(scenario()) is False


def test_the_board_puts_long_holds_first_then_prompts_and_ticks_by_its_own_clock():
    clock = Clock()
    hub = LiveHub(clock=clock)
    reports = {
        "a": AgentReport(activity=Activity.IDLE, idle_s=30.0),
        "b": AgentReport(activity=Activity.HOLD, hold_s=28.0, call_s=100.0),
        "c": AgentReport(activity=Activity.CALL, call_s=50.0, prompt=HOLD_PROMPT),
        "d": AgentReport(activity=Activity.HOLD, hold_s=5.0, call_s=60.0),
        "e": AgentReport(activity=Activity.OFFLINE),
        "f": AgentReport(activity=Activity.CALL, call_s=20.0),
    }
    for n, (agent, report) in enumerate(reports.items()):
        hub.report(agent, report, team="一组" if n % 2 else "二组")
    board = FloorBoard(long_hold_s=30.0, clock=clock)
    board.apply(hub.snapshot(), True, clock())
    assert [r.agent_id for r in board.rows()] == ["c", "b", "d", "f", "a", "e"]
    clock.t += 2.5
    rows = board.rows()
    assert [r.agent_id for r in rows] == ["b", "c", "d", "f", "a", "e"]
    assert rows[0].long_hold and rows[0].hold_s == 30.5
    assert board.row("a").idle_s == 32.5
    assert [r.agent_id for r in board.rows("一组")] == ["b", "d", "f"]
    counts = board.counts()
    assert (counts.agents, counts.hold, counts.long_hold, counts.prompts, counts.offline) == \
        (6, 2, 1, 1, 1)
    assert board.teams() == ["一组", "二组"]
    board.apply([], True, clock())
    assert board.rows() == []
