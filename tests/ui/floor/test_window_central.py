"""The floor view on the central store's own service: an agent's finished call, sent to the
central store and named in its live state, opens in the supervisor's replay window and is in
the agent's coaching report, read with the supervisor's credential (real PostgreSQL, TLS)."""

from __future__ import annotations

import psycopg
import pytest

from assistant.floor.board import FloorBoard
from assistant.floor.client import FloorClient
from assistant.floor.config import FloorConfig
from assistant.floor.credentials import enrol
from assistant.floor.link import LiveLink
from assistant.floor.reader import CentralStore
from assistant.floor.reporter import LiveReporter
from assistant.floor.watch import FloorWatch
from assistant.ground.events import Phase, PhaseChanged
from assistant.sessions.store.database import SessionStore
from assistant.sessions.store.transfer import session_document
from assistant.ui.floor.window import FloorWindow
from tests.floor.recorded import finish_copy, record_one


@pytest.fixture(scope="module")
def polite(tmp_path_factory):
    return record_one(tmp_path_factory.mktemp("polite"), audio=False)


def test_a_finished_call_opens_from_the_central_store(qtbot, floor_db, floor_service,
                                                      tls_files, polite, tmp_path):
    with psycopg.connect(floor_db) as conn:
        agent = enrol(conn, "1001", name="王芳", team="一组 账务").token
        boss = enrol(conn, "s01", name="值班主管", role="supervisor").token
    service = floor_service(floor_db)
    with SessionStore(tmp_path / "desk") as store:  # the agent's own machine
        session_id = finish_copy(store, polite, "1001", "王芳")
        document = session_document(store.load(session_id))
    with FloorClient(FloorConfig(service.url, agent, tls_files.cert)) as client:
        client.send_session(document)

    supervisor = FloorConfig(service.url, boss, tls_files.cert)
    window = FloorWindow(FloorBoard(long_hold_s=30.0), server=service.url, lang="en",
                         sessions=lambda: CentralStore(supervisor, cache_dir=tmp_path / "c"),
                         reports_dir=tmp_path / "reports", open_file=lambda path: None)
    qtbot.addWidget(window)
    window.show()
    watch = FloorWatch(service.url, boss, window.on_agents, on_status=window.on_status,
                       ssl_context=tls_files.context()).start()
    reporter = LiveReporter(session_id=lambda: session_id)
    link = LiveLink(service.url, agent, reporter.current, ssl_context=tls_files.context())
    reporter.on_change = link.changed
    link.start()
    try:
        reporter(PhaseChanged(1.0, Phase.GREETING, Phase.IDLE))
        reporter(PhaseChanged(70.0, Phase.ENDED, Phase.CLOSING))
        # within one retry: on a loaded machine a connect has been seen to stall (about once
        # in 25 runs), and the link gives it up after open_socket's 5 s and connects again
        qtbot.waitUntil(lambda: window.board.row("1001") is not None
                        and window.board.row("1001").last_session == session_id, timeout=12000)
        window.refresh()
        assert window.select("1001")
        assert window.open_replay(), window.hint.text()
        assert window.replay_window.model.session.info.id == session_id
        path = window.write_report()
        assert path is not None, window.hint.text()
        assert "王芳" in path.read_text(encoding="utf-8")
    finally:
        link.stop()
        watch.stop()
        window.close()
