"""The session store: events round-trip exactly, masking on the way in, recovery, privacy."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from datetime import datetime

import pytest

from assistant.ground.events import (
    CallAction,
    CallControl,
    Channel,
    LevelReading,
    PaceReading,
    Phase,
    PhaseChanged,
    PhraseHit,
    Prompt,
    PromptRaised,
    PromptResolved,
    Severity,
    SpeechEnd,
    SpeechStart,
    Tick,
    Transcript,
    Word,
)
from assistant.sessions.session import NewSession, SessionState
from assistant.sessions.store.database import SessionStore, StoreError

A, C = Channel.AGENT, Channel.CALLER

EVENTS = [
    CallControl(0.0, CallAction.START),
    PhaseChanged(0.0, Phase.GREETING, Phase.IDLE, "call started"),
    SpeechStart(A, 0.4),
    LevelReading(A, 0.5, -20.5, -3.0, False, True),
    Transcript(A, 1.8, "下午好 工号 幺三八二", (Word("下午好", 0.4, 1.0, 0.9),
                                                 Word("工号", 1.0, 1.3, 1.0),
                                                 Word("幺三八二", 1.3, 1.8, 0.7)), True, True),
    PhraseHit(A, 1.8, "greeting_afternoon", "下午好"),
    SpeechEnd(A, 1.9, 0.4),
    PaceReading(C, 2.0, 210.0, None, 12, 3.5),
    PromptRaised(Prompt("hold_update", "kf-11.3", "请通报", 19.0, Severity.WARNING, 90,
                        {"waited_s": 15.0})),
    PromptResolved("hold_update", 21.0, "agent spoke"),
    CallControl(30.0, CallAction.END, by=C),
]


def new_session(**kw) -> NewSession:
    base = {"source": "file", "language": "zh", "pack_id": "default-zh", "pack_version": "1.0",
            "has_caller": True, "pack_text": "[pack]\n",
            "started_at": datetime(2026, 11, 25, 14, 5)}
    return NewSession(**{**base, **kw})


def test_events_round_trip_exactly_except_masked_digits(tmp_path):
    with SessionStore(tmp_path) as store:
        info = store.create(new_session())
        assert store.append(info.id, EVENTS + [Tick(5.0)], duration_s=30.0) == len(EVENTS)
        got = list(store.events(info.id))
    assert len(got) == len(EVENTS)
    for want, have in zip(EVENTS, got):
        if isinstance(want, Transcript):
            assert have.text == "下午好 工号 ####"
            assert [w.text for w in have.words] == ["下午好", "工号", "####"]
            assert have.words[0].t0 == 0.4 and have.grammar
        else:
            assert have == want
    assert got[8].prompt.detail == {"waited_s": 15.0}


def test_digits_never_reach_the_disk(tmp_path):
    with SessionStore(tmp_path) as store:
        info = store.create(new_session())
        store.append(info.id, [Transcript(C, 3.0, "我的手机 13800138000 卡号 6222 0202 0000 1234")],
                     duration_s=3.0)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in (b"13800138000", b"6222", b"1234", "幺三八二".encode()):
                assert secret not in data, (path, secret)


def test_files_are_private_to_this_user(tmp_path):
    root = tmp_path / "s"
    with SessionStore(root) as store:
        store.append(store.create(new_session()).id, EVENTS, duration_s=30.0)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    for path in root.iterdir():
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_a_session_left_by_a_dead_writer_is_recovered(tmp_path):
    code = (
        "import os, sys\n"
        "from datetime import datetime\n"
        "from assistant.ground.events import SpeechStart, Channel\n"
        "from assistant.sessions.session import NewSession\n"
        "from assistant.sessions.store.database import SessionStore\n"
        "s = SessionStore(sys.argv[1])\n"
        "i = s.create(NewSession('live', 'zh', 'p', '1.0', True))\n"
        "s.append(i.id, [SpeechStart(Channel.AGENT, 1.0)], duration_s=1.2)\n"
        "print(i.id, flush=True)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=False,
                          capture_output=True,
                          text=True)
    assert proc.returncode == -9
    session_id = proc.stdout.strip()
    with SessionStore(tmp_path) as store:
        assert store.info(session_id).state is SessionState.RECORDING
        recovered = store.recover()
        assert [i.id for i in recovered] == [session_id]
        assert store.info(session_id).state is SessionState.RECOVERED
        assert store.info(session_id).duration_s == pytest.approx(1.2)
        assert list(store.events(session_id)) == [SpeechStart(Channel.AGENT, 1.0)]


def test_a_live_writer_is_not_recovered(tmp_path):
    with SessionStore(tmp_path) as store:
        info = store.create(new_session())
        assert store.recover() == []
        assert store.info(info.id).state is SessionState.RECORDING


def test_notes_prefix_lookup_and_delete(tmp_path):
    with SessionStore(tmp_path) as store:
        info = store.create(new_session())
        store.add_note(info.id, 12.5, "good recovery after the hold", "trainer")
        assert [n.text for n in store.load(info.id).notes] == ["good recovery after the hold"]
        assert store.find(info.id[:12]).id == info.id
        store.delete(info.id)
        with pytest.raises(StoreError, match="no session"):
            store.find(info.id)


def test_a_foreign_file_is_set_aside_with_a_clear_message(tmp_path):
    (tmp_path / "sessions.db").write_bytes(b"this is not sqlite at all" * 100)
    with SessionStore(tmp_path) as store:
        assert store.list() == []
        [repair] = store.repairs
    assert "is damaged" in repair and "kept aside as sessions.db.damaged-" in repair
    [kept] = tmp_path.glob("sessions.db.damaged-*")
    assert kept.read_bytes() == b"this is not sqlite at all" * 100


def test_a_damaged_event_row_names_the_session_and_event(tmp_path):
    with SessionStore(tmp_path) as store:
        info = store.create(new_session())
        store.append(info.id, EVENTS[:3], duration_s=1.0)
    db = sqlite3.connect(tmp_path / "sessions.db")
    with db:
        db.execute("UPDATE events SET kind = 'Gibberish' WHERE seq = 1")
    db.close()
    with SessionStore(tmp_path) as store, pytest.raises(StoreError, match="event 1 is damaged"):
        store.load(info.id)


def test_expired_sessions_follow_their_retention(tmp_path):
    with SessionStore(tmp_path) as store:
        old = store.create(new_session(retention_days=7, started_at=datetime(2026, 11, 1)))
        store.finish(old.id, None)
        fresh = store.create(new_session(retention_days=7, started_at=datetime(2026, 11, 24)))
        store.finish(fresh.id, None)
        assert [i.id for i in store.expired(datetime(2026, 11, 25))] == [old.id]
