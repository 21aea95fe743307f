"""The recorder as a pipeline sink: what it stores, when it commits, how it fails."""

from __future__ import annotations

import stat
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.ground.events import CallJudged, PromptRaised, Tick, Transcript
from assistant.ground.notices import RecordingStopKind
from assistant.sessions.recording.recorder import Recorder, describe
from assistant.sessions.session import AudioState, SessionState
from assistant.sessions.store.database import SessionStore
from tests.unit.sessions.recorded_call import RecordedCall, call_audio


def stored(events):
    return [e for e in events if not isinstance(e, (Tick, CallJudged))]  # the verdict is the summary


def test_a_call_becomes_a_session_with_its_events_summary_and_audio(tmp_path):
    run = RecordedCall(tmp_path).run()
    assert run.stopped == []
    with SessionStore(tmp_path) as store:
        (info,) = store.list()
        session = store.load(info.id)
    assert info.state is SessionState.COMPLETE and info.audio_state is AudioState.COMPLETE
    assert info.duration_s == pytest.approx(10.0)
    assert info.pack_id == "default-zh" and info.recogniser == "free" and info.app_version
    assert session.pack_text == "[pack]"
    live = [e for e in stored(run.events) if not (isinstance(e, Transcript))]
    kept = [e for e in session.events if not isinstance(e, Transcript)]
    assert kept == live
    assert [f.status for f in session.summary.findings] == \
        [f.status for f in run.summary.findings]
    audio, rate = sf.read(tmp_path / "audio" / info.audio_file, dtype="float32")
    agent, caller = call_audio(10.0)
    assert rate == 16000 and audio.shape == (len(agent), 2)
    assert np.allclose(audio[:, 0], agent, atol=1e-4)
    assert np.allclose(audio[:, 1], caller, atol=1e-4)
    assert not list((tmp_path / "audio").glob("*.partial"))


def test_the_session_clock_starts_at_the_call_not_at_the_worker(tmp_path):
    """A live worker's third call starts late on its clock; the session starts at 0."""
    run = RecordedCall(tmp_path, offset_s=3600.0).run()
    with SessionStore(tmp_path) as store:
        (info,) = store.list()
        session = store.load(info.id)
    assert info.duration_s == pytest.approx(10.0)
    assert min(e.t for e in session.events) == pytest.approx(0.0)
    assert max(e.t for e in session.events) <= 10.0 + 1e-6
    want = [round(e.t - 3600.0, 3) for e in run.events if isinstance(e, PromptRaised)]
    assert [round(r.prompt.t, 3) for r in session.summary.prompts] == want


def test_without_audio_in_the_pack_only_events_are_kept(tmp_path):
    RecordedCall(tmp_path, audio=False).run()
    with SessionStore(tmp_path) as store:
        (info,) = store.list()
    assert info.audio_state is AudioState.NONE and info.audio_file == ""
    assert not list((tmp_path / "audio").iterdir())


def test_commits_at_least_twice_a_second_of_audio(tmp_path):
    """Seen from a second connection (as a crash would leave it), mid-call."""
    lags = []

    def look(run, block):
        t = block.end / 16000
        if t >= 2.0 and round(t * 10) % 7 == 0:
            with SessionStore(tmp_path) as other:
                (info,) = other.list()
                lags.append(t - info.duration_s)
    RecordedCall(tmp_path).run(on_block=look)
    assert lags and max(lags) <= 0.5 + 1e-6


def test_commits_by_wall_time_too(tmp_path):
    """At a crawl (0.1 s of audio per wall second) a commit still comes every 0.5 s."""
    wall = [0.0]
    recorder = Recorder(_new(), audio=False, root=tmp_path, clock=lambda: wall[0])
    from assistant.ground.events import CallAction, CallControl, Channel, SpeechStart
    recorder(CallControl(0.0, CallAction.START))
    recorder(SpeechStart(Channel.AGENT, 0.05))
    recorder(Tick(0.1))
    wall[0] = 0.6
    recorder(Tick(0.2))
    with SessionStore(tmp_path) as other:
        (info,) = other.list()
        assert len(list(other.events(info.id))) == 2


def test_files_are_private(tmp_path):
    RecordedCall(tmp_path).run()
    for path in [tmp_path, *tmp_path.rglob("*")]:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_an_unusable_folder_stops_recording_not_the_prompts(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the session folder should be")
    run = RecordedCall(blocker / "sessions").run()
    clean = RecordedCall(tmp_path / "ok").run()
    assert len(run.stopped) == 1 and "not-a-dir" in str(run.stopped[0])
    assert run.recorder.status.startswith("recording stopped: ")
    prompts = [e.prompt for e in run.events if isinstance(e, PromptRaised)]
    assert prompts == [e.prompt for e in clean.events if isinstance(e, PromptRaised)]


def test_a_failing_audio_write_is_reported_once_and_the_session_marked(tmp_path, monkeypatch):
    import errno

    from assistant.sessions.store import audio

    calls = {"n": 0}
    real = audio._write_all

    def flaky(fd, data):
        calls["n"] += 1
        if calls["n"] > 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, data)
    monkeypatch.setattr(audio, "_write_all", flaky)
    run = RecordedCall(tmp_path).run()
    assert len(run.stopped) == 1 and run.stopped[0].kind is RecordingStopKind.DISK_FULL
    with SessionStore(tmp_path) as store:
        (info,) = store.list()
    assert info.audio_state is AudioState.STOPPED and "disk is full" in info.remark
    assert info.state is SessionState.COMPLETE  # the summary still made it


def test_describe_names_the_kind_and_the_log_says_what_to_do():
    import errno
    full = describe(OSError(errno.ENOSPC, "No space"), Path("/x"))
    assert full.kind is RecordingStopKind.DISK_FULL and "disk is full (/x)" in str(full)
    denied = describe(PermissionError(errno.EACCES, "Permission denied", "/x/sessions"), None)
    assert (denied.kind, denied.where) == (RecordingStopKind.NOT_WRITABLE, "/x/sessions")
    assert "permissions" in str(denied)
    readonly = describe(RuntimeError("attempt to write a readonly database"), None)
    assert readonly.kind is RecordingStopKind.NOT_WRITABLE
    other = describe(RuntimeError("database is locked"), None)
    assert other.kind is RecordingStopKind.FAILED and str(other) == "database is locked"


def _new():
    from assistant.conduct.pack import default_pack_path, load_pack
    from assistant.sessions.recording.recorder import new_session
    return new_session(load_pack(default_pack_path("zh")), source="live", has_caller=True)


def test_a_recording_of_unknown_time_is_stored_without_one_and_replay_greets_by_no_hour(
        tmp_path):
    """Analysing a file whose time nobody knows must not make the analysis time the call's:
    the stored call time stays empty, and replay's greeting card asks for no hour's
    greeting (a live call's time is when it happens)."""
    from assistant.sessions.replay.timeline import ReplayModel

    RecordedCall(tmp_path).run()  # source "file", no call time given
    with SessionStore(tmp_path) as store:
        (info,) = store.list()
        session = store.load(info.id)
    assert info.call_time is None and info.started_at is not None
    model = ReplayModel.build(session)
    assert model.overlay_at(1.0).greeting.part_of_day is None
