"""The store at its boundaries: bad times, purges that ask, damaged databases, masked paths."""

from __future__ import annotations

import io
import math
import sqlite3

import pytest

from assistant.cli import main
from assistant.sessions.session import NewSession
from assistant.sessions.store import integrity
from assistant.sessions.store.database import SessionStore, StoreError
from tests.unit.sessions.recorded_call import RecordedCall


@pytest.fixture
def data(tmp_path, monkeypatch):
    root = tmp_path / "data"
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(root))
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.setattr(integrity, "_checked", set())
    return root


def record(data, **kw) -> str:
    return RecordedCall(data / "sessions", **kw).run().recorder.session_id


@pytest.mark.parametrize("at", ["inf", "nan", "-5", "-inf", "1e400", "x"])
def test_a_note_at_a_time_that_is_not_one_is_refused_and_nothing_breaks(data, capsys, at):
    sid = record(data)
    with pytest.raises(SystemExit) as exit_:
        main(["sessions", "note", sid, f"--at={at}", "hello"])
    assert exit_.value.code == 2
    assert "is not a time in seconds" in capsys.readouterr().err
    assert main(["sessions", "show", sid]) == 0
    assert main(["sessions", "note", sid, "--at=1e9", "late"]) == 2
    assert "after the end of the call" in capsys.readouterr().err


def test_the_store_refuses_non_finite_note_times_and_skips_old_ones(data):
    sid = record(data)
    with SessionStore() as store:
        for t in (math.inf, math.nan, -1.0):
            with pytest.raises(StoreError):
                store.add_note(sid, t, "x")
        store._db.execute("INSERT INTO notes (session_id, t, text, created_at) "
                          "VALUES (?, 9e999, 'from an older version', '')", (sid,))
        store._db.commit()
        assert store.notes(sid) == []
    assert main(["sessions", "show", sid]) == 0


@pytest.mark.parametrize("days", ["-1", "0", "1e10", "inf", "nan", "soon"])
def test_purge_older_than_a_time_that_is_not_one_deletes_nothing(data, capsys, days):
    sid = record(data)
    with pytest.raises(SystemExit):
        main(["sessions", "purge", f"--older-than={days}"])
    assert "is not a number of days" in capsys.readouterr().err
    with SessionStore() as store:
        assert [i.id for i in store.list()] == [sid]


def test_purge_all_asks_and_refuses_without_a_terminal(data, capsys, monkeypatch):
    sid = record(data)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["sessions", "purge", "--all"]) == 2
    assert "add --yes" in capsys.readouterr().err

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Tty("n\n"))
    assert main(["sessions", "purge", "--all"]) == 0
    assert "delete all 1 session(s)" in capsys.readouterr().out
    with SessionStore() as store:
        assert [i.id for i in store.list()] == [sid]
    monkeypatch.setattr("sys.stdin", Tty("y\n"))
    assert main(["sessions", "purge", "--all"]) == 0
    with SessionStore() as store:
        assert store.list() == []


def _overwrite(db, offset: int, size: int = 8192) -> None:
    with open(db, "r+b") as fh:
        fh.seek(offset)
        fh.write(b"\xa5" * size)


def test_a_damaged_database_is_set_aside_what_can_be_read_is_kept(data, capsys):
    ids = [record(data) for _ in range(3)]
    db = data / "sessions" / "sessions.db"
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = con.execute("PRAGMA page_count").fetchone()[0]
    _overwrite(db, 4096 * (pages - 3))  # the tail: events of the last call
    integrity._checked.clear()
    assert main(["sessions", "list"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "is damaged" in captured.err and "kept aside as sessions.db.damaged-" in captured.err
    assert list(db.parent.glob("sessions.db.damaged-*"))
    kept = [i for i in ids if i in captured.out]
    assert kept, "sessions whose pages were sound are still listed"
    assert integrity.damage(db) is None  # new calls go to a sound database
    assert record(data) in (lambda: (main(["sessions", "list"]), capsys.readouterr().out)[1])()


@pytest.mark.parametrize("breakage", [
    "DROP TABLE events; CREATE TABLE events (x INTEGER)",
    "UPDATE meta SET value = 'abc' WHERE key = 'schema'",
])
def test_a_wrong_schema_is_a_message_and_a_fresh_store(data, capsys, breakage):
    sid = record(data)
    db = data / "sessions" / "sessions.db"
    with sqlite3.connect(db) as con:
        con.executescript(breakage)
    integrity._checked.clear()
    assert main(["sessions", "list"]) == 0
    captured = capsys.readouterr()
    assert "is damaged" in captured.err and "Traceback" not in captured.err
    assert sid in captured.out  # its sessions row was readable


def test_a_newer_schema_is_refused_not_used(data, capsys):
    record(data)
    with sqlite3.connect(data / "sessions" / "sessions.db") as con:
        con.execute("UPDATE meta SET value = '999' WHERE key = 'schema'")
    integrity._checked.clear()
    assert main(["sessions", "list"]) == 2
    assert "newer version" in capsys.readouterr().err


def test_an_empty_database_beside_audio_is_not_silently_a_new_store(data, capsys):
    record(data)
    db = data / "sessions" / "sessions.db"
    for side in db.parent.glob("sessions.db*"):
        side.unlink()
    db.write_bytes(b"")
    integrity._checked.clear()
    assert main(["sessions", "list"]) == 0
    err = capsys.readouterr().err
    assert "is empty although 1 audio file(s)" in err


def test_source_paths_are_stored_masked(data, tmp_path):
    path = "calls/13800138000-caller/13912345678.wav"
    with SessionStore() as store:
        info = store.create(NewSession(source="file", language="zh", pack_id="p",
                                       pack_version="1.0", has_caller=True, source_path=path))
        assert info.source_path == "calls/###########-caller/###########.wav"
        store._db.execute("UPDATE sessions SET source_path = ?", (path,))  # an older version
        store._db.commit()
    integrity._checked.clear()
    with SessionStore() as store:
        assert "138" not in store.info(info.id).source_path
    raw = b"".join(p.read_bytes() for p in (data / "sessions").glob("sessions.db*"))
    assert b"13912345678" not in raw  # secure_delete: the old text is not left in free pages


def _export(data, tmp_path) -> tuple[str, dict]:
    import json

    sid = record(data)
    assert main(["sessions", "export", sid, "--out", str(tmp_path / "usb")]) == 0
    doc = json.loads((tmp_path / "usb" / sid / "session.json").read_text(encoding="utf-8"))
    return sid, doc


@pytest.mark.parametrize("change, says", [
    (lambda d: d["info"].update(id="C:x"), "is not a session id"),
    (lambda d: d["info"].update(id="20261125-143000-a1b2c3\n20261125-143000-ffffff"),
     "is not a session id"),
    (lambda d: d["info"].update(id="\x1b[2J20261125-143000-a1b2c3"), "is not a session id"),
    (lambda d: d["info"].update(id="2026"), "is not a session id"),
    (lambda d: d["info"].update(agent_name="小李\n20261125-143000-ffffff  fake row"),
     "control characters"),
    (lambda d: d["info"].update(agent_name="a\x00b"), "control characters"),
    (lambda d: d["info"].update(duration_s=1e308), "is not a call length"),
    (lambda d: d["notes"].append({"t": 1e308, "text": "x"}), "outside the call"),
    (lambda d: d["events"][0].__setitem__(1, 1e308), "outside the call"),
])
def test_import_enforces_one_id_grammar_and_sane_values(data, tmp_path, capsys, change, says):
    import json

    sid, doc = _export(data, tmp_path)
    change(doc)
    doc["info"]["id"] = doc["info"]["id"] if doc["info"]["id"] != sid else "20200101-000000-abcdef"
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "session.json").write_text(json.dumps(doc), encoding="utf-8")
    if (tmp_path / "usb" / sid / "audio.flac").exists():
        (folder / "audio.flac").write_bytes((tmp_path / "usb" / sid / "audio.flac").read_bytes())
    assert main(["sessions", "import", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and says in err, err


@pytest.mark.parametrize("text", ['{"format": NaN}', "[" * 100_000 + "]" * 100_000])
def test_import_of_odd_json_is_a_message(data, tmp_path, capsys, text):
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "session.json").write_text(text, encoding="utf-8")
    assert main(["sessions", "import", str(folder)]) == 2
    assert "not imported" in capsys.readouterr().err


def test_a_prefix_that_is_not_an_id_is_refused(data, capsys):
    record(data)
    assert main(["sessions", "show", "%"]) == 2
    assert "no session matching '%'" in capsys.readouterr().err


def test_a_name_with_terminal_controls_cannot_fake_a_row_of_the_list(data, capsys):
    sid = record(data)
    with SessionStore() as store:
        store._db.execute("UPDATE sessions SET agent_name = ? WHERE id = ?",
                          ("\x1b[2J小李\n20200101-000000-ffffff  fake", sid))
        store._db.commit()
    capsys.readouterr()
    assert main(["sessions", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and len(out.strip().splitlines()) == 2
