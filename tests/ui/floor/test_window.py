"""The supervisors' live floor window on the real service: the states agents' apps send
appear in it as they happen (links here send no heartbeat within a test), holds tick, the team filter narrows it, and a selected agent's last
call opens in the replay window and their coaching report is written."""

from __future__ import annotations

import time

import pytest

from assistant.floor.board import FloorBoard
from assistant.floor.link import LiveLink
from assistant.floor.livestate import Activity
from assistant.floor.reporter import LiveReporter
from assistant.floor.watch import FloorWatch
from assistant.ground.events import Phase, PhaseChanged, Prompt, PromptRaised
from assistant.sessions.store.database import SessionStore
from assistant.ui.floor.window import FloorWindow
from tests.fixtures.sessions import LONG_HOLD, record_scenario
from tests.floor.live.test_live_service import QUIET_S


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    work = tmp_path_factory.mktemp("floor-ui")
    root = work / "store"
    with SessionStore(root) as store:
        info, _ = record_scenario(store, LONG_HOLD, work, agent=("王芳", "1001"))
    return root, info


@pytest.fixture
def floor(qtbot, service, recorded, tmp_path):
    root, _ = recorded
    opened: list = []
    window = FloorWindow(FloorBoard(long_hold_s=30.0), server=service.url, lang="zh",
                         sessions=lambda: SessionStore(root, repair=False),
                         reports_dir=tmp_path / "reports",
                         open_file=opened.append)
    window.opened = opened
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    watch = FloorWatch(service.url, "sup-all", window.on_agents,
                       on_status=window.on_status).start()
    links = []

    def agent(token: str) -> LiveReporter:
        reporter = LiveReporter()
        link = LiveLink(service.url, token, reporter.current, heartbeat_s=QUIET_S)
        reporter.on_change = link.changed
        links.append(link.start())
        return reporter

    window.agent = agent
    yield window
    for link in links:
        link.stop()
    watch.stop()
    if window.replay_window is not None:
        window.replay_window.close()


def state_cell(window: FloorWindow, agent_id: str) -> str:
    for number, row in enumerate(window.table.rows):
        if row.agent_id == agent_id:
            return window.table.index(number, 2).data()
    return ""


def test_a_hold_appears_ticks_and_turns_long(qtbot, floor):
    wang = floor.agent("tok-1001")
    li = floor.agent("tok-1002")
    qtbot.waitUntil(lambda: len(floor.table.rows) == 2, timeout=5000)
    assert floor.status.text().startswith("已连接")
    wang(PhaseChanged(1.0, Phase.GREETING, Phase.IDLE))
    started = time.monotonic()
    wang(PhaseChanged(30.0, Phase.HOLD, Phase.CONVERSATION, since=2.0))  # waited 28 s
    qtbot.waitUntil(lambda: state_cell(floor, "1001").startswith("保持"), timeout=20000)
    first, waited = state_cell(floor, "1001"), time.monotonic() - started
    # counted from when the hold began (28 s before the report), not from when it arrived
    assert first in {f"保持 0:{s}" for s in range(28, 30 + int(waited))}, (first, waited)
    qtbot.waitUntil(lambda: "超过 30 秒" in state_cell(floor, "1001"), timeout=20000)
    assert floor.table.rows[0].agent_id == "1001"  # the long hold leads the floor
    li(PhaseChanged(1.0, Phase.GREETING, Phase.IDLE))
    li(PromptRaised(Prompt("overtalk", "kf-12.2", "请勿打断客户：先听完客户的话", 9.0)))
    qtbot.waitUntil(lambda: "第十二条(2)" in floor.table.index(1, 4).data(), timeout=20000)
    assert "超时保持 1" in floor.counts.text() and "提示中 1" in floor.counts.text()

    floor.set_team("二组 投诉")
    assert [r.agent_id for r in floor.table.rows] == ["1002"]
    assert "1 名坐席" in floor.counts.text()
    floor.set_team(None)
    assert len(floor.table.rows) == 2


def test_the_last_call_opens_in_replay_and_the_coaching_report_is_written(qtbot, floor,
                                                                          recorded):
    _, info = recorded
    wang = floor.agent("tok-1001")
    wang.session_id = lambda: info.id
    wang(PhaseChanged(1.0, Phase.GREETING, Phase.IDLE))
    wang(PhaseChanged(60.0, Phase.ENDED, Phase.CLOSING))
    qtbot.waitUntil(lambda: floor.board.row("1001") is not None
                    and floor.board.row("1001").last_session == info.id, timeout=3000)
    floor.refresh()
    assert floor.select("1001")
    assert floor.replay_button.isEnabled()
    assert floor.open_replay()
    replay = floor.replay_window
    assert replay.isVisible() and replay.model.session.info.id == info.id
    path = floor.write_report()
    assert path is not None and path.is_file() and floor.opened == [path]
    html = path.read_text(encoding="utf-8")
    assert "王芳" in html and "第十一条" in html


def test_an_agent_without_calls_and_a_session_missing_here_are_said(qtbot, floor):
    li = floor.agent("tok-1002")
    qtbot.waitUntil(lambda: floor.board.row("1002") is not None, timeout=3000)
    floor.refresh()
    floor.select("1002")
    assert not floor.replay_button.isEnabled()
    assert "还没有已结束的通话" in floor.hint.text()
    assert floor.write_report() is None and "没有可用于报告的通话" in floor.hint.text()
    li.session_id = lambda: "20260101-000000-abcdef"
    li(PhaseChanged(1.0, Phase.GREETING, Phase.IDLE))
    li(PhaseChanged(5.0, Phase.ENDED, Phase.CLOSING))
    qtbot.waitUntil(lambda: floor.board.row("1002").last_session is not None, timeout=3000)
    floor.refresh()
    assert not floor.open_replay()
    assert "不在本机的会话库中" in floor.hint.text()


def test_a_service_that_goes_away_is_said_and_the_floor_stays(qtbot, floor, service):
    floor.agent("tok-1001")
    qtbot.waitUntil(lambda: floor.board.row("1001") is not None, timeout=3000)
    service.server.should_exit = True
    qtbot.waitUntil(lambda: "连接中断" in floor.status.text(), timeout=8000)
    assert floor.board.row("1001").activity is Activity.IDLE
    assert len(floor.table.rows) == 1
