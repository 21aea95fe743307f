"""Team reports read from the central store when one is configured: the same report as the
local store gives for the same calls; a trainer sees every agent, an agent only its own."""

from __future__ import annotations

from datetime import timedelta

from assistant.cli import main
from assistant.floor.client import FloorClient
from assistant.floor.reader import CentralStore, open_reader
from assistant.floor.sync import send_due
from assistant.sessions.report.team import TeamFilter, build_team_content, select_sessions
from assistant.sessions.store.database import SessionStore
from assistant.sessions.store.outbox import Outbox
from tests.floor.agents import FAST, desktop, enrolled
from tests.floor.recorded import finish_copy


def _send_from(desk, config) -> None:
    with SessionStore(desk) as store, FloorClient(config) as client:
        outbox = Outbox(store.db_path)
        assert not send_due(store, outbox, client, FAST).failed
        outbox.close()


def _content_rows(content):
    return ([(c.id, c.agent, c.prompts, c.missed) for c in content.calls],
            [(a.agent, a.calls, [(r.clause.id, r.met, r.missed, r.not_checked)
                                 for r in a.rows()]) for a in content.agents])


def test_the_team_report_from_the_central_store_is_the_local_one(
        floor_db, floor_service, tls_files, site, tmp_path, polite_call, capsys):
    service = floor_service(floor_db)
    everyone = tmp_path / "everyone"  # the same calls in one local store, for comparison
    for agent, calls in (("R100", 2), ("R200", 1)):
        config = desktop(site, service.url, tls_files.cert, enrolled(floor_db, agent))
        with SessionStore(tmp_path / agent) as store:
            for i in range(calls):
                finish_copy(store, polite_call, agent, minutes=i)
        _send_from(tmp_path / agent, config)
    with SessionStore(everyone) as local:
        for agent in ("R100", "R200"):
            with SessionStore(tmp_path / agent) as store:
                for info in store.list():
                    s = store.load(info.id)
                    local.import_session(info, pack_text=s.pack_text, summary=s.summary,
                                         events=s.events, notes=s.notes)
        local_sessions, _ = select_sessions(local, TeamFilter())

    desktop(site, service.url, tls_files.cert, enrolled(floor_db, "T1", role="trainer"))
    with open_reader() as central:
        assert isinstance(central, CentralStore)
        central_sessions, busy = select_sessions(central, TeamFilter())
        assert busy == []
        assert len(central.list(agent="R100")) == 2
    assert sorted(s.info.id for s in central_sessions) == sorted(
        s.info.id for s in local_sessions)
    assert _content_rows(build_team_content(central_sessions, TeamFilter(), "en")) == \
        _content_rows(build_team_content(local_sessions, TeamFilter(), "en"))

    out = tmp_path / "team.html"
    assert main(["report", "--all", "--out", str(out), "--lang", "en"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "R100" in html and "R200" in html
    one = central_sessions[0].info.id
    assert main(["report", one[:17], "--out", str(tmp_path / "one.html")]) == 0
    capsys.readouterr()


def test_an_agents_credential_reads_only_its_own_calls(
        floor_db, floor_service, tls_files, site, tmp_path, polite_call):
    service = floor_service(floor_db)
    for agent in ("S100", "S200"):
        config = desktop(site, service.url, tls_files.cert, enrolled(floor_db, agent))
        with SessionStore(tmp_path / agent) as store:
            finish_copy(store, polite_call, agent)
        _send_from(tmp_path / agent, config)
    with CentralStore(config) as central:  # S200's credential
        assert [info.agent_id for info in central.list()] == ["S200"]


def test_the_list_can_be_held_to_the_newest_calls_and_to_a_period(
        floor_db, floor_service, tls_files, site, tmp_path, polite_call):
    service = floor_service(floor_db)
    config = desktop(site, service.url, tls_files.cert, enrolled(floor_db, "P100"))
    with SessionStore(tmp_path / "desk") as store:
        ids = [finish_copy(store, polite_call, "P100", minutes=i) for i in range(3)]
    _send_from(tmp_path / "desk", config)
    day = polite_call.session.info.call_time.date()
    with CentralStore(config, limit=2) as central:
        assert [info.id for info in central.list()] == [ids[2], ids[1]]
        assert len(central.scoped(since=day, until=day).list()) == 3
        assert central.scoped(since=day + timedelta(days=1)).list() == []
