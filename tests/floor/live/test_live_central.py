"""The live floor in the central store's own service: `assistant floor serve` (TLS) on a
real PostgreSQL, the credentials `assistant floor enrol` issues, a real agent link and a
real supervisor's view."""

from __future__ import annotations

import psycopg
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from assistant.floor.credentials import enrol
from assistant.floor.link import LiveLink
from assistant.floor.livestate import Activity
from assistant.floor.reporter import LiveReporter
from assistant.floor.watch import FloorWatch
from assistant.ground.events import Phase, PhaseChanged
from tests.floor.live.test_live_service import QUIET_S, Seen, activity


@pytest.fixture
def central(floor_db, floor_service):
    people = {"wang": ("1001", "王芳", "一组 账务", "agent"),
              "li": ("1002", "李娜", "二组 投诉", "agent"),
              "boss": ("s01", "值班主管", "", "supervisor"),
              "lead": ("s02", "二组组长", "二组 投诉", "supervisor")}
    with psycopg.connect(floor_db) as conn:
        tokens = {who: enrol(conn, agent_id, name=name, team=team, role=role).token
                  for who, (agent_id, name, team, role) in people.items()}
    return floor_service(floor_db), tokens


def test_enrolled_agents_are_seen_by_supervisors_over_tls(central, tls_files):
    service, tokens = central
    seen, team = Seen(), Seen()
    views = [FloorWatch(service.url, tokens["boss"], seen, ssl_context=tls_files.context()),
             FloorWatch(service.url, tokens["lead"], team, ssl_context=tls_files.context())]
    links = []
    try:
        for view in views:
            view.start()
        reporters = {}
        for who in ("wang", "li"):
            reporters[who] = LiveReporter()
            links.append(LiveLink(service.url, tokens[who], reporters[who].current,
                                  ssl_context=tls_files.context(),
                                  heartbeat_s=QUIET_S).start())
            reporters[who].on_change = links[-1].changed
        seen.wait(lambda latest: {"1001", "1002"} <= set(latest))
        reporters["wang"](PhaseChanged(1.0, Phase.GREETING, Phase.IDLE))
        reporters["wang"](PhaseChanged(20.0, Phase.HOLD, Phase.CONVERSATION, since=15.0))
        seen.wait(activity("1001", Activity.HOLD))  # sent as it happened: no heartbeat
        wang = seen.latest["1001"]
        assert (wang.name, wang.team) == ("王芳", "一组 账务")  # as enrolled, not as sent
        team.wait(lambda latest: "1002" in latest)
        assert set(team.latest) == {"1002"}  # the team leader's own team only
    finally:
        for closing in (*links, *views):
            closing.stop()


def test_a_credential_used_for_the_other_side_or_unknown_is_refused(central, tls_files):
    service, tokens = central
    wss = service.url.replace("https://", "wss://")
    for path, token in (("/live/floor", tokens["wang"]), ("/live/agent", tokens["boss"]),
                        ("/live/agent", "0123456789abcdef.not-a-secret")):
        with pytest.raises(InvalidStatus) as refused:
            connect(wss + path, ssl=tls_files.context(),
                    additional_headers={"Authorization": f"Bearer {token}"}).close()
        assert refused.value.response.status_code == 403
