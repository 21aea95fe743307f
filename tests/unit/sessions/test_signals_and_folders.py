"""SIGTERM ends a recorded call as Ctrl+C does; the data dir is private from its root."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import numpy as np
import soundfile as sf

from assistant.sessions.session import SessionState
from assistant.sessions.store.database import SessionStore


def test_sigterm_during_a_recorded_analysis_ends_the_session(tmp_path, monkeypatch):
    data = tmp_path / "data"
    rng = np.random.default_rng(3)
    call = tmp_path / "long.wav"
    sf.write(call, (0.05 * rng.standard_normal((16000 * 1800, 2))).astype(np.float32), 16000)
    env = dict(os.environ, ASSISTANT_DATA_DIR=str(data), LANG="en_GB.UTF-8")
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "analyze", str(call), "--record",
                             "--recogniser", "off", "--json"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        db = data / "sessions" / "sessions.db"
        if db.exists():
            with SessionStore(data / "sessions") as store:
                if store.list() and store.list()[0].duration_s > 5:
                    break
        time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err
    with SessionStore(data / "sessions") as store:
        (info,) = store.list()
    assert info.state is SessionState.COMPLETE, info.state
    assert "interrupted" in info.remark
    for folder in (data, data / "sessions", data / "sessions" / "audio"):
        assert folder.stat().st_mode & 0o077 == 0, folder
