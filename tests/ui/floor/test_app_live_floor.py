"""The running agent's app on the live floor: the call's events reach the floor service
(real, on a random port) beside the overlay, the finished call's session id with them, and
quitting the app shows the agent offline."""

from __future__ import annotations

from functools import partial

import pytest

from assistant.floor import agent_live
from assistant.floor.agent_live import LiveFloor
from assistant.floor.link import LiveLink
from assistant.floor.livestate import Activity
from assistant.floor.watch import FloorWatch
from assistant.ground.events import CallAction, Phase
from assistant.ui.preferences import AppSettings
from tests.floor.agents import desktop, enrolled
from tests.floor.live.test_live_service import QUIET_S, Seen, activity
from tests.ui.apps import FakeSource, headless_app


@pytest.fixture(autouse=True)
def quiet_heartbeats(monkeypatch):
    """Only a change sent as it happens can reach the floor within a test's wait."""
    monkeypatch.setattr(agent_live, "LiveLink", partial(LiveLink, heartbeat_s=QUIET_S))


def test_the_apps_call_is_seen_on_the_floor(qtbot, tmp_path, service):
    sources: list[FakeSource] = []
    floor = LiveFloor(service.url, "tok-1001", agent=AppSettings(agent_name="王芳").agent)
    app = headless_app(tmp_path, AppSettings(recogniser="off", agent_name="王芳",
                                             agent_id="1001"), sources, live_floor=floor.start())
    qtbot.addWidget(app.window)
    hub = service.hub

    def seen(activity: Activity) -> bool:
        return hub.agents == 1 and hub.state("1001").activity is activity

    try:
        app.start_listening()
        qtbot.waitUntil(lambda: seen(Activity.IDLE), timeout=20000)
        app.mark_call(CallAction.START)
        sources[0].steps.put(3)
        qtbot.waitUntil(lambda: app.state.phase is Phase.GREETING, timeout=20000)
        qtbot.waitUntil(lambda: seen(Activity.CALL), timeout=20000)
        app.mark_call(CallAction.HOLD)
        sources[0].steps.put(20)
        qtbot.waitUntil(lambda: seen(Activity.HOLD), timeout=20000)
        assert hub.state("1001").hold_s >= 0
        recorded = app.live.recorder.session_id
        app.mark_call(CallAction.END)
        sources[0].steps.put(3)
        qtbot.waitUntil(lambda: seen(Activity.IDLE), timeout=20000)
        assert recorded and hub.state("1001").last_session == recorded
        assert hub.state("1001").name == "王芳"
    finally:
        app.shutdown()
    qtbot.waitUntil(lambda: seen(Activity.OFFLINE), timeout=20000)


def test_the_site_policy_puts_the_app_on_the_central_floor(qtbot, tmp_path, monkeypatch,
                                                           floor_db, floor_service, tls_files):
    service = floor_service(floor_db)
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(tmp_path / "site"))
    desktop(tmp_path / "site", service.url, tls_files.cert, enrolled(floor_db, "U100", name="小王"))
    seen = Seen()
    watch = FloorWatch(service.url, enrolled(floor_db, "s01", role="supervisor"), seen,
                       ssl_context=tls_files.context()).start()
    sources: list[FakeSource] = []
    app = headless_app(tmp_path, AppSettings(recogniser="off", agent_name="小王",
                                             agent_id="U100"), sources)
    qtbot.addWidget(app.window)
    try:
        app.start_listening()
        assert app.live_floor is not None
        seen.wait(activity("U100", Activity.IDLE), timeout=10)
        app.mark_call(CallAction.START)
        sources[0].steps.put(3)
        seen.wait(activity("U100", Activity.CALL))  # sent as it happened: no heartbeat
        assert seen.latest["U100"].name == "小王"
    finally:
        app.shutdown()
    seen.wait(activity("U100", Activity.OFFLINE))
    watch.stop()
