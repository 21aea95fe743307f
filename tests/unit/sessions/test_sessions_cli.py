"""`assistant sessions …` end to end through ``assistant.cli.main``: list, show, export and
import (round trip, broken exports), purge, note; files private, digits never on disk."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta

import pytest

from assistant.cli import main
from assistant.sessions.session import Source
from assistant.sessions.store.database import SessionStore
from tests.unit.sessions.recorded_call import PHONE, RecordedCall

SECRETS = ("13800138000", "1380013", "38000")


@pytest.fixture
def data(tmp_path, monkeypatch):
    root = tmp_path / "data"
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(root))
    return root


def record(data, **kw) -> str:
    run = RecordedCall(data / "sessions", **kw).run()
    return run.recorder.session_id


def test_list_and_show(data, capsys):
    sid = record(data)
    assert main(["sessions", "list"]) == 0
    out = capsys.readouterr().out
    assert sid in out and "complete" in out and "PROMPTS" in out
    assert main(["sessions", "list", "--json"]) == 0
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    assert row["id"] == sid and row["audio_state"] == "complete" and "prompts" in row
    assert main(["sessions", "note", sid[:12], "--at", "4.5", "nice", "pause"]) == 0
    assert main(["sessions", "show", sid[:12]]) == 0
    out = capsys.readouterr().out
    assert "── Opening" in out and "Findings:" in out and "nice pause" in out
    assert "#" * 11 in out and PHONE not in out  # the number was masked before storing


def test_show_in_chinese_puts_a_transcript_line_where_its_words_began(data, capsys):
    """The caller's words begin at 4.8 s and reach the store at 5.8 s, when the recogniser
    delivered them: the line reads 0:04.8, as in replay and the coaching report, in order
    with the phases, and the header and lanes are in the reader's language."""
    sid = record(data)
    assert main(["--ui-lang", "zh", "sessions", "show", sid]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    said = next(line for line in lines if "我的电话是" in line)
    assert said.split()[0] == "0:04.8" and "客户:" in said, said
    times = [line.split()[0] for line in lines[3:] if line.split() and ":" in line.split()[0]
             and line.split()[0][0].isdigit()]
    seconds = [int(t.split(":")[0]) * 60 + float(t.split(":")[1]) for t in times]
    assert seconds == sorted(seconds), times
    assert lines[1].startswith("提示包 ") and " 坐席 " in lines[0] and "完整" in lines[0]
    assert "agent" not in out and "recogniser" not in out and "complete" not in out, out


def test_export_import_round_trip_is_equal_and_idempotent(data, tmp_path, capsys):
    sid = record(data)
    with SessionStore() as store:
        store.add_note(sid, 2.0, "greeting on time", "trainer")
        before = store.load(sid)
    out = tmp_path / "usb"
    assert main(["sessions", "export", sid, "--out", str(out)]) == 0
    folder = out / sid
    assert sorted(p.name for p in folder.iterdir()) == ["audio.flac", "session.json"]
    for path in (folder, *folder.iterdir()):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    trainer = tmp_path / "trainer"
    os.environ["ASSISTANT_DATA_DIR"] = str(trainer)
    assert main(["sessions", "import", str(out)]) == 0
    assert f"imported {sid}" in capsys.readouterr().out
    assert main(["sessions", "import", str(folder)]) == 0
    assert "already here" in capsys.readouterr().out
    with SessionStore() as store:
        after = store.load(sid)
        audio = store.audio_path(after.info)
    assert after.events == before.events
    assert after.summary == before.summary
    assert after.pack_text == before.pack_text
    assert [(n.t, n.text, n.author) for n in after.notes] == [(2.0, "greeting on time",
                                                                "trainer")]
    assert after.info.source == Source.IMPORTED.value and "recorded as file" in after.info.remark
    assert after.info.duration_s == before.info.duration_s
    assert audio.read_bytes() == (folder / "audio.flac").read_bytes()
    assert stat.S_IMODE(audio.stat().st_mode) == 0o600


def _exported(data, tmp_path) -> object:
    sid = record(data)
    out = tmp_path / "out"
    assert main(["sessions", "export", sid, "--out", str(out)]) == 0
    return out / sid


@pytest.mark.parametrize("damage, named, says", [
    ("missing_audio", "audio.flac", "missing"),
    ("swapped_audio", "audio.flac", "checksum"),
    ("cut_json", "session.json", "damaged JSON at line"),
    ("bad_event", "session.json", "Gibberish"),
    ("foreign", "notes", "not a session export"),
])
def test_a_broken_export_is_refused_by_name_and_nothing_is_imported(
        data, tmp_path, capsys, damage, named, says):
    folder = _exported(data, tmp_path)
    doc = folder / "session.json"
    if damage == "missing_audio":
        (folder / "audio.flac").unlink()
    elif damage == "swapped_audio":
        (folder / "audio.flac").write_bytes((folder / "audio.flac").read_bytes()[:-10])
    elif damage == "cut_json":
        doc.write_text(doc.read_text()[:5000])
    elif damage == "bad_event":
        parsed = json.loads(doc.read_text())
        parsed["events"][3][0] = "Gibberish"
        doc.write_text(json.dumps(parsed))
    elif damage == "foreign":
        folder = tmp_path / "notes"
        folder.mkdir()
        (folder / "todo.txt").write_text("buy milk")
    os.environ["ASSISTANT_DATA_DIR"] = str(tmp_path / "trainer")
    capsys.readouterr()
    assert main(["sessions", "import", str(folder)]) == 2
    err = capsys.readouterr().err
    assert named in err and says in err
    with SessionStore() as store:
        assert store.list() == []
        assert not list(store.audio_dir.iterdir())


def test_purge_variants(data, capsys):
    ids = [record(data) for _ in range(4)]
    with SessionStore() as store:
        old = datetime.now() - timedelta(days=40)
        store._db.execute("UPDATE sessions SET started_at = ? WHERE id = ?",
                          (old.isoformat(timespec="seconds"), ids[0]))
        store._db.commit()
    capsys.readouterr()
    assert main(["sessions", "purge", "--older-than", "30"]) == 0
    out = capsys.readouterr().out
    assert f"removed {ids[0]}" in out and "1 session removed" in out
    assert main(["sessions", "purge", ids[1], ids[2]]) == 0
    out = capsys.readouterr().out
    assert ids[1] in out and ids[2] in out and "+ audio" in out
    assert main(["sessions", "purge", "--all", "--yes"]) == 0
    assert ids[3] in capsys.readouterr().out
    with SessionStore() as store:
        assert store.list() == []
        assert not list(store.audio_dir.iterdir())
    assert main(["sessions", "purge", "nope"]) == 2
    assert "no session matching 'nope'" in capsys.readouterr().err


def test_masked_digits_never_reach_any_file(data, tmp_path):
    """The phone number goes through the live pipeline and the recorder; then every byte
    of the data folder (db, -wal, audio) and of an export is searched for it."""
    sid = record(data, say=f"好的 {PHONE} 对", seconds=12.0)
    assert main(["sessions", "export", sid, "--out", str(tmp_path / "out")]) == 0
    with SessionStore() as store:  # keep the connection open: the -wal file stays
        files = [p for root in (data, tmp_path / "out") for p in root.rglob("*") if p.is_file()]
        assert any(p.name.endswith("-wal") for p in files)
        for path in files:
            raw = path.read_bytes()
            for secret in SECRETS:
                assert secret.encode() not in raw, (path, secret)
                assert secret.encode("utf-16-le") not in raw, (path, secret)
        assert any("##########" in getattr(e, "text", "") for e in store.events(sid))


def test_session_files_are_private(data, tmp_path):
    sid = record(data)
    main(["sessions", "export", sid, "--out", str(tmp_path / "out")])
    with SessionStore():
        for root in (data / "sessions", tmp_path / "out" / sid):
            for path in (root, *root.rglob("*")):
                assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_purge_and_an_empty_list_are_said_in_chinese(data, capsys):
    assert main(["--ui-lang", "zh", "sessions", "list"]) == 0
    assert "还没有通话记录" in capsys.readouterr().out
    ids = [record(data) for _ in range(2)]
    capsys.readouterr()
    assert main(["--ui-lang", "zh", "sessions", "purge", ids[0]]) == 0
    out = capsys.readouterr().out
    assert f"已删除 {ids[0]}" in out and "已删除 1 个会话" in out and "removed" not in out
    assert main(["--ui-lang", "zh", "sessions", "purge", "--all", "--yes"]) == 0
    assert "已删除 1 个会话" in capsys.readouterr().out
