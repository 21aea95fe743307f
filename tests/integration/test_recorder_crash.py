"""The recorder against real failures: ``kill -9`` of a recording process mid-call, and a
disk that fills up (a real 256 kB tmpfs) while a call is recorded."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import soundfile as sf

from assistant.cli import main
from assistant.ground.events import PromptRaised, Transcript
from assistant.sessions.session import AudioState, SessionState
from assistant.sessions.store.codec import encode, is_stored
from assistant.sessions.store.database import SessionStore
from assistant.sessions.store.privacy import mask_event
from tests.integration.recording_process import run
from tests.integration.scenario_run import SCENARIOS

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
SCENARIO = SCENARIOS / "zh_long_hold_no_updates.toml"
LOUD = SCENARIOS / "zh_loud_agent.toml"
"""Prompts with no model at all (volume), unlike a silent hold nobody can attribute."""


def recording_pack(folder: Path) -> Path:
    from assistant.conduct.pack import default_pack_path

    text = default_pack_path("zh").read_text(encoding="utf-8")
    path = folder / "records-audio.toml"
    path.write_text(text.replace("[recording]\nenabled = false", "[recording]\nenabled = true"),
                    encoding="utf-8")
    return path


def as_stored(events) -> set[str]:
    kept = [mask_event(e) for e in events
            if is_stored(e) and not (isinstance(e, Transcript) and not e.final)]
    return {json.dumps(encode(e), ensure_ascii=False, sort_keys=True) for e in kept}


def test_kill_9_mid_call_loses_at_most_a_second(tmp_path, monkeypatch):
    work, data = tmp_path / "work", tmp_path / "data"
    work.mkdir()
    pack = recording_pack(tmp_path)
    reference = run(SCENARIO, work, pack, speed=None, record=False)  # also fills the tts cache
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.recording_process", str(SCENARIO), str(work),
         str(pack), "8"], cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("reached") and float(line.split()[1]) >= 30.0:
            break
    os.kill(proc.pid, signal.SIGKILL)
    lines += proc.stdout.read().splitlines()
    assert proc.wait() == -signal.SIGKILL
    reached = max(float(x.split()[1]) for x in lines if x.startswith("reached"))
    assert 30.0 <= reached < 70.0

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data))
    with SessionStore() as store:
        (info,) = store.list()
        assert info.state is SessionState.RECORDING  # as the crash left it
    assert main(["sessions", "list"]) == 0  # the next start recovers
    with SessionStore() as store:
        info = store.info(info.id)
        stored = list(store.events(info.id))
        audio_path = store.audio_path(info)
    assert info.state is SessionState.RECOVERED
    assert reached - 1.0 <= info.duration_s <= reached + 0.11
    early = as_stored([e for e in reference if e.t <= reached - 1.0])
    have = as_stored(stored)
    assert early and early <= have, sorted(early - have)[:5]
    assert info.audio_state is AudioState.PARTIAL
    audio, rate = sf.read(audio_path)
    assert rate == 16000 and audio.shape[1] == 2
    assert abs(len(audio) / rate - reached) <= 1.0
    assert abs(len(audio) / rate - info.duration_s) <= 0.6
    assert not list(audio_path.parent.glob("*.partial"))


def _mount_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                           str(folder)], capture_output=True, check=False)
    return done.returncode == 0


@pytest.fixture
def full_disk(tmp_path):
    """A real, tiny file system (needs root and mount; skipped elsewhere)."""
    folder = tmp_path / f"tiny-{uuid.uuid4().hex[:6]}"
    if os.geteuid() != 0 or not _mount_tmpfs(folder, "1m"):
        pytest.skip("mounting a tmpfs needs root")
    (folder / "filler").write_bytes(b"\0" * (1024 - 256) * 1024)  # leaves 256 kB free
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_disk_that_fills_up_stops_the_recording_not_the_prompts(tmp_path, full_disk,
                                                                   monkeypatch):
    """`assistant analyze FILE --record` with 256 kB free: the audio fills it within seconds.
    Nothing can be marked on a full disk; once space is freed the next start recovers it."""
    work = tmp_path / "work"
    work.mkdir()
    pack = recording_pack(tmp_path)
    run(LOUD, work, pack, speed=None, record=False)
    call = work / f"{LOUD.stem}.wav"
    base = [sys.executable, "-m", "assistant", "analyze", str(call), "--pack", str(pack),
            "--recogniser", "off", "--json"]
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(full_disk)}
    clean = subprocess.run(base, cwd=REPO, env={**env, "ASSISTANT_DATA_DIR": str(tmp_path / "d")},
                           capture_output=True, text=True, timeout=120, check=False)
    full = subprocess.run(base + ["--record"], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert full.returncode == 0, full.stderr
    assert "recording stopped: the disk is full" in full.stderr
    assert full.stderr.count("recording stopped") == 1

    def prompts(out: str) -> list[dict]:
        return [json.loads(x) for x in out.splitlines() if '"type": "prompt"' in x]
    assert prompts(full.stdout) == prompts(clean.stdout) and prompts(clean.stdout)
    assert json.loads(full.stdout.splitlines()[-1])["type"] == "summary"
    (full_disk / "filler").unlink()  # space is freed: the next start keeps what was written
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(full_disk))
    assert main(["sessions", "list"]) == 0
    with SessionStore(full_disk / "sessions") as store:
        (info,) = store.list()
        audio = store.audio_path(info)
    assert info.state is SessionState.RECOVERED and info.audio_state is AudioState.PARTIAL
    assert sf.info(str(audio)).duration == pytest.approx(info.duration_s, abs=0.6)


def test_prompts_from_the_recorded_run_match_the_reference(tmp_path, monkeypatch):
    """A recorded run (in-process) raises exactly the prompts of an unrecorded one."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    work = tmp_path / "work"
    work.mkdir()
    pack = recording_pack(tmp_path)
    plain = run(SCENARIO, work, pack, speed=None, record=False)
    recorded = run(SCENARIO, work, pack, speed=None, record=True)
    assert [e for e in recorded if isinstance(e, PromptRaised)] == \
        [e for e in plain if isinstance(e, PromptRaised)]
