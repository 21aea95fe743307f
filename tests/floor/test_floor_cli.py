"""`assistant floor …`: clear messages for what administrators and agents get wrong, the
credential file private, the queue shown with why."""

from __future__ import annotations

import psycopg
import pytest

from assistant.cli import main
from assistant.floor.credentials import identify
from assistant.floor.migrate import MigrationError, migrate
from assistant.sessions.store.database import SessionStore
from tests.floor.agents import desktop, enrolled
from tests.floor.recorded import finish_copy


def test_enrol_writes_a_private_credential_that_the_store_accepts(floor_db, tmp_path, capsys):
    token_file = tmp_path / "5678.token"
    assert main(["floor", "enrol", "5678", "--name", "小李", "--db", floor_db,
                 "--token-file", str(token_file)]) == 0
    assert token_file.stat().st_mode & 0o777 == 0o600
    with psycopg.connect(floor_db) as conn:
        who = identify(conn, token_file.read_text().strip())
    assert (who.agent_id, who.name, who.role) == ("5678", "小李", "agent")
    assert "5678" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "says"), [
    (["floor", "enrol", "no spaces"], "not an agent id"),
    (["floor", "enrol", "5678"], "--db URL or in ASSISTANT_FLOOR_DB"),
    (["floor", "serve", "--db", "postgresql://x@/y"], "serves over TLS"),
    (["floor", "status"], "no central store is configured"),
    (["floor", "sync"], "no central store is configured"),
])
def test_expected_mistakes_are_said_plainly(argv, says, capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("ASSISTANT_FLOOR_DB", raising=False)
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(tmp_path / "no-site"))
    monkeypatch.setenv("ASSISTANT_UI_LANG", "en")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_mistakes_are_said_in_chinese_for_a_chinese_reader(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(tmp_path / "no-site"))
    assert main(["--ui-lang", "zh", "floor", "status"]) == 2
    assert "本机未配置中央存储" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "says"), [
    (["floor", "serve", "--tls-cert", "c.pem", "--tls-key", "k.pem"], "无法连接中央数据库"),
    (["floor", "init-db"], "无法连接中央数据库"),
    (["floor", "serve"], "中央存储只通过 TLS 提供服务"),
])
def test_a_database_that_is_down_is_said_in_chinese(argv, says, capsys, monkeypatch, tmp_path):
    """Nothing listens on the port: the service does not start, and says why in the
    administrator's language."""
    from tests.fixtures.postgres import free_port

    for name in ("c.pem", "k.pem"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASSISTANT_FLOOR_DB", f"postgresql://floor@127.0.0.1:{free_port()}/floor")
    assert main(["--ui-lang", "zh", *argv]) == 2
    err = capsys.readouterr().err
    assert says in err and "cannot be reached" not in err and "Traceback" not in err, err


def test_an_unreachable_database_is_named(postgres_server, capsys):
    url = postgres_server.url("floor", database="no_such_db")
    assert main(["floor", "init-db", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "no_such_db" in err and "Traceback" not in err


def test_a_database_from_a_newer_version_is_refused(floor_db):
    with psycopg.connect(floor_db) as conn:
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (9999, 'later')")
    with pytest.raises(MigrationError, match="newer version"):
        migrate(floor_db)


def test_status_and_sync_name_what_waits_and_why(floor_db, floor_service, tls_files, site,
                                                 polite_call, capsys, monkeypatch):
    service = floor_service(floor_db)
    desktop(site, service.url, tls_files.cert, enrolled(floor_db, "W100"))
    monkeypatch.setenv("ASSISTANT_UI_LANG", "en")
    with SessionStore() as store:
        mine = finish_copy(store, polite_call, "W100")
        theirs = finish_copy(store, polite_call, "W999", minutes=1)
    assert main(["floor", "status"]) == 0
    assert "2 session(s) waiting" in capsys.readouterr().out
    assert main(["floor", "sync"]) == 1
    out, err = capsys.readouterr()
    assert "sent 1" in out and "still waiting 1" in out
    assert theirs in err and "403" in err and mine not in err
    assert main(["floor", "status"]) == 0
    out = capsys.readouterr().out
    assert theirs in out and "W999" in out and mine not in out
