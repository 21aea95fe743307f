"""The running app sends each finished call to the central store named by the site policy
(real PostgreSQL, the real service over TLS); with no policy it sends nothing."""

from __future__ import annotations

from assistant.ground.events import CallAction, Phase
from assistant.ui.app import App
from assistant.ui.preferences import AppSettings
from tests.fixtures.postgres import read_all
from tests.floor.agents import desktop, enrolled
from tests.ui.apps import FakeSource, headless_app


def _app(qtbot, tmp_path, sources) -> App:
    app = headless_app(tmp_path, AppSettings(recogniser="off", agent_name="小王",
                                             agent_id="U100"), sources)
    qtbot.addWidget(app.window)
    return app


def test_a_call_ended_in_the_app_reaches_the_central_store(
        qtbot, tmp_path, monkeypatch, floor_db, floor_service, tls_files):
    service = floor_service(floor_db)
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(tmp_path / "site"))
    desktop(tmp_path / "site", service.url, tls_files.cert, enrolled(floor_db, "U100"))
    sources: list[FakeSource] = []
    app = _app(qtbot, tmp_path, sources)
    try:
        app.start_listening()
        assert app.floor_sender is not None and app.floor_sender.is_alive()
        app.mark_call(CallAction.START)
        sources[0].steps.put(20)
        qtbot.waitUntil(lambda: app.state.phase is Phase.GREETING, timeout=5000)
        app.mark_call(CallAction.END)
        sources[0].steps.put(5)
        qtbot.waitUntil(lambda: app.state.phase is Phase.ENDED, timeout=5000)

        def arrived() -> bool:
            with read_all(floor_db) as conn:
                return conn.execute("SELECT count(*) FROM sessions WHERE agent_id = 'U100' "
                                    "AND agent_name = '小王'").fetchone()[0] == 1
        qtbot.waitUntil(arrived, timeout=30_000)
    finally:
        app.shutdown()
    assert app.floor_sender is None


def test_without_a_central_store_the_app_starts_no_sender(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(tmp_path / "no-site"))
    sources: list[FakeSource] = []
    app = _app(qtbot, tmp_path, sources)
    try:
        app.start_listening()
        assert app.floor_sender is None
    finally:
        app.shutdown()
