"""Start-up housekeeping: crashed sessions recovered with their partial audio, retention."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import soundfile as sf

from assistant.sessions.session import AudioState, NewSession, SessionState
from assistant.sessions.store.audio import PartialWriter, partial_frames
from assistant.sessions.store.database import SessionStore
from assistant.sessions.store.housekeeping import start_up


def _new(**kw) -> NewSession:
    base = {"source": "live", "language": "zh", "pack_id": "p", "pack_version": "1",
            "has_caller": True}
    return NewSession(**{**base, **kw})


def _orphan(store: SessionStore, seconds: float) -> str:
    """A session as a killed writer leaves it: state recording, a partial file, dead pid."""
    info = store.create(_new())
    writer = PartialWriter(store.audio_dir / f"{info.id}.flac.partial", 2)
    tone = np.sin(np.arange(int(seconds * 16000)) / 16000 * 2 * np.pi * 300).astype(np.float32)
    writer.write(tone * 0.3, tone * 0.1)
    writer.flush()
    writer.close()
    with open(store.audio_dir / f"{info.id}.flac.partial", "ab") as fh:
        fh.write(b"\x01\x02\x03")  # a frame cut in half by the crash
    store.set_audio(info.id, f"{info.id}.flac", AudioState.RECORDING)
    store.append(info.id, [], duration_s=seconds)
    store._db.execute("UPDATE sessions SET writer_pid = 999999999 WHERE id = ?", (info.id,))
    store._db.commit()
    return info.id


def test_a_crashed_session_is_recovered_with_its_partial_audio(tmp_path):
    with SessionStore(tmp_path) as store:
        sid = _orphan(store, 3.0)
        partial = store.audio_dir / f"{sid}.flac.partial"
        assert partial_frames(partial) == 48000
    done = start_up(tmp_path, retention_days=30)
    assert [i.id for i in done.recovered] == [sid]
    assert done.audio_saved[sid] == 3.0
    assert any("cut short" in line for line in done.lines())
    with SessionStore(tmp_path) as store:
        info = store.info(sid)
    assert info.state is SessionState.RECOVERED and info.audio_state is AudioState.PARTIAL
    audio, rate = sf.read(tmp_path / "audio" / info.audio_file)
    assert rate == 16000 and audio.shape == (48000, 2)
    assert not partial.exists()
    assert start_up(tmp_path, retention_days=30).recovered == []  # once only


def test_retention_at_start_up_uses_the_shorter_of_session_and_pack(tmp_path):
    with SessionStore(tmp_path) as store:
        ids = {}
        for name, days, started in (("old", 30, datetime(2026, 10, 1)),
                                    ("month", 30, datetime(2026, 11, 10)),
                                    ("fresh", 30, datetime(2026, 11, 24))):
            ids[name] = store.create(_new(retention_days=days, started_at=started)).id
            store.finish(ids[name], None)
        (store.audio_dir / f"{ids['old']}.flac").write_bytes(b"fLaC")
        store.set_audio(ids["old"], f"{ids['old']}.flac", AudioState.COMPLETE)
    done = start_up(tmp_path, retention_days=7, now=datetime(2026, 11, 25))
    assert sorted(i.id for i in done.expired) == sorted([ids["old"], ids["month"]])
    with SessionStore(tmp_path) as store:
        assert [i.id for i in store.list()] == [ids["fresh"]]
    assert not (tmp_path / "audio" / f"{ids['old']}.flac").exists()


def test_an_unopenable_store_is_a_problem_not_a_crash(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = start_up(blocker / "sessions", retention_days=30)
    assert done.problems and "cannot be opened" in done.problems[0]
