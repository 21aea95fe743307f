"""The live floor end to end: agents' apps → the real service → supervisors' views.

Real uvicorn on a random port, real WebSocket and HTTP clients, the agent side's own
reporter and link. Agents' links here send heartbeats only once an hour, so a change can reach
a view only by being sent when it happens; how soon it arrives (the product's promise: within
2 s) is a figure of ``bench/floor_load.py``, not a timed assertion on a machine that may be busy.
"""

from __future__ import annotations

import json
import threading
import time

import httpx
import psycopg
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from assistant.floor.hub import LiveHub
from assistant.floor.link import LiveLink
from assistant.floor.livestate import Activity, AgentLive
from assistant.floor.reporter import LiveReporter
from assistant.floor.watch import FloorWatch
from assistant.ground.events import Phase, PhaseChanged, Prompt, PromptRaised, PromptResolved
from tests.floor.live_server import live_app, serve


class Seen:
    """What a supervisor's view received, each agent's latest, with arrival times."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.latest: dict[str, AgentLive] = {}
        self.log: list[tuple[float, AgentLive]] = []
        self.problems: list[str] = []

    def __call__(self, agents: list[AgentLive], snapshot: bool, received: float) -> None:
        with self.lock:
            for agent in agents:
                self.latest[agent.agent_id] = agent
                self.log.append((received, agent))
            self.lock.notify_all()

    def wait(self, test, timeout: float = 60.0) -> float:
        """Seconds until ``test(latest)`` held; fails after ``timeout``."""
        start = time.monotonic()
        with self.lock:
            assert self.lock.wait_for(lambda: test(self.latest), timeout), self.latest
        return time.monotonic() - start


def watch(url: str, token: str = "sup-all") -> tuple[FloorWatch, Seen]:
    seen = Seen()
    return FloorWatch(url, token, seen, on_status=seen.problems.append).start(), seen


QUIET_S = 3600.0
"""A heartbeat so rare that only a change sent as it happens reaches a view in a test."""


def agent(url: str, token: str, **link) -> tuple[LiveReporter, LiveLink]:
    reporter = LiveReporter()
    sender = LiveLink(url, token, reporter.current, **{"heartbeat_s": QUIET_S, **link})
    reporter.on_change = sender.changed
    return reporter, sender.start()


def activity(agent_id: str, wanted: Activity):
    return lambda latest: agent_id in latest and latest[agent_id].activity is wanted


def test_a_hold_and_its_prompt_reach_the_supervisor_as_they_happen(service):
    view, seen = watch(service.url)
    reporter, link = agent(service.url, "tok-1001")
    try:
        seen.wait(activity("1001", Activity.IDLE))
        reporter(PhaseChanged(3.0, Phase.GREETING, Phase.IDLE))
        seen.wait(activity("1001", Activity.CALL))
        reporter(PhaseChanged(40.0, Phase.HOLD, Phase.CONVERSATION, since=35.5))
        seen.wait(activity("1001", Activity.HOLD))
        held = seen.latest["1001"]
        assert held.hold_s == pytest.approx(4.5, abs=0.3) and held.call_s >= 37.0
        assert (held.name, held.team) == ("王芳", "一组 账务")  # from the credential
        prompt = Prompt("hold_update", "kf-11.3", "客户已等待 15 秒：请通报查询进展", 50.5)
        reporter(PromptRaised(prompt))
        seen.wait(lambda latest: latest["1001"].prompt is not None)
        assert seen.latest["1001"].prompt.clause == "kf-11.3"
        reporter(PromptResolved("hold_update", 53.0, "agent spoke"))
        seen.wait(lambda latest: latest["1001"].prompt is None)
    finally:
        link.stop()
        view.stop()


def test_a_team_leader_sees_only_their_team(service):
    view, seen = watch(service.url, "sup-two")
    everyone, seen_all = watch(service.url)
    first, link1 = agent(service.url, "tok-1001")
    _second, link2 = agent(service.url, "tok-1002")
    try:
        seen_all.wait(lambda latest: {"1001", "1002"} <= set(latest))
        seen.wait(lambda latest: "1002" in latest)
        first(PhaseChanged(1.0, Phase.GREETING, Phase.IDLE))
        seen_all.wait(activity("1001", Activity.CALL))
        time.sleep(0.3)
        assert set(seen.latest) == {"1002"}
    finally:
        for closing in (link1, link2, view, everyone):
            closing.stop()


def test_unknown_credentials_are_refused_and_a_bad_report_is_answered(service):
    for path, token in (("/live/agent", "sup-all"), ("/live/floor", "tok-1001"),
                        ("/live/floor", "")):
        with pytest.raises(InvalidStatus) as refused:
            connect(f"ws://127.0.0.1:{service.port}{path}",
                    additional_headers={"Authorization": f"Bearer {token}"}).close()
        assert refused.value.response.status_code == 403
    with connect(f"ws://127.0.0.1:{service.port}/live/agent",
                 additional_headers={"Authorization": "Bearer tok-1001"}) as ws:
        ws.send(json.dumps({"activity": "dancing"}))
        assert "not a live state report" in json.loads(ws.recv(timeout=5))["error"]
        ws.send(json.dumps({"activity": "call", "call_s": 3}))  # the connection stays
        deadline = time.monotonic() + 5
        while "1001" not in service.app.state.live_hub._agents:
            assert time.monotonic() < deadline
            time.sleep(0.02)


def test_a_report_over_plain_http(service):
    view, seen = watch(service.url)
    try:
        headers = {"Authorization": "Bearer tok-1002"}
        ok = httpx.post(f"{service.url}/live/state", headers=headers,
                        content=json.dumps({"activity": "hold", "hold_s": 20, "seq": 1}))
        assert ok.status_code == 204
        seen.wait(activity("1002", Activity.HOLD))
        assert httpx.post(f"{service.url}/live/state", headers=headers,
                          content="{").status_code == 422
        assert httpx.post(f"{service.url}/live/state", content="{}").status_code == 401
    finally:
        view.stop()


def test_an_agent_whose_heartbeats_stop_goes_offline(book):
    with serve(live_app(book, LiveHub(offline_after_s=1.0))) as service:
        view, seen = watch(service.url)
        _reporter, link = agent(service.url, "tok-1001", heartbeat_s=0.3)
        try:
            seen.wait(activity("1001", Activity.IDLE))
            time.sleep(1.5)
            assert seen.latest["1001"].activity is Activity.IDLE  # heartbeats keep it
            link.stop()  # the desktop lost its network: no goodbye
            link._thread.join(3)
            assert seen.wait(activity("1001", Activity.OFFLINE)) > 0.5
        finally:
            view.stop()


def test_a_down_service_is_retried_and_the_latest_state_wins(book):
    with serve(live_app(book)) as first:
        port = first.port
        reporter, link = agent(first.url, "tok-1001", max_backoff_s=0.5)
        deadline = time.monotonic() + 5
        while link.sent == 0:
            assert time.monotonic() < deadline
            time.sleep(0.02)
    # the service is down: the call goes on, nothing waits for the network
    started = time.monotonic()
    reporter(PhaseChanged(1.0, Phase.GREETING, Phase.IDLE))
    reporter(PhaseChanged(20.0, Phase.HOLD, Phase.CONVERSATION, since=16.0))
    reporter(PhaseChanged(30.0, Phase.CONVERSATION, Phase.HOLD))
    reporter(PhaseChanged(40.0, Phase.HOLD, Phase.CONVERSATION, since=38.0))
    assert time.monotonic() - started < 0.5  # nothing waited for the 5-s connect timeout
    time.sleep(1.0)
    assert link.problem
    try:
        with serve(live_app(book), port=port) as second:
            view, seen = watch(second.url)
            seen.wait(activity("1001", Activity.HOLD))
            assert [a.activity for _, a in seen.log if a.agent_id == "1001"] == [Activity.HOLD]
            assert seen.latest["1001"].hold_s < 5.0  # the second hold, not the first
            assert not link.problem
            view.stop()
    finally:
        reporter.quit()
        link.stop()


def test_a_store_that_cannot_be_asked_says_try_again_and_the_link_keeps_trying(book):
    calls = []

    def busy(conn, token):
        calls.append(token)
        if len(calls) < 3:
            raise psycopg.OperationalError("couldn't get a connection after 5.00 sec")
        return book(conn, token)

    app = live_app(book)
    app.state.live_lookup = busy
    with serve(app) as service:
        with pytest.raises(InvalidStatus) as refused:
            connect(f"ws://127.0.0.1:{service.port}/live/agent",
                    additional_headers={"Authorization": "Bearer tok-1001"}).close()
        assert refused.value.response.status_code == 503
        headers = {"Authorization": "Bearer tok-1002"}
        assert httpx.post(f"{service.url}/live/state", headers=headers,
                          content='{"activity": "idle"}').status_code == 503
        _reporter, link = agent(service.url, "tok-1001", max_backoff_s=0.5)
        try:
            deadline = time.monotonic() + 5
            while service.hub.agents == 0:
                assert time.monotonic() < deadline, link.problem
                time.sleep(0.05)
            assert service.hub.state("1001").activity is Activity.IDLE
        finally:
            link.stop()
