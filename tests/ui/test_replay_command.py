"""`assistant replay SESSION --screenshot` as a trainer's shell runs it, in a fresh process:
the command line must not import pydantic before the window brings Qt (shiboken's import
hook then breaks pydantic's lazy imports with an ImportError traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.unit.sessions.recorded_call import RecordedCall

ROOT = Path(__file__).resolve().parents[2]


def test_replay_of_a_stored_session_renders_in_a_fresh_process(tmp_path):
    data = tmp_path / "data"
    sid = RecordedCall(data / "sessions").run().recorder.session_id
    out = tmp_path / "replay.png"
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "assistant", "replay", sid, "--screenshot",
                          str(out)], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=180)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert out.stat().st_size > 10_000


def test_the_command_line_parser_imports_no_pydantic():
    """What every window command (the app, replay, the editor, the floor view) goes through
    before Qt: parsing the command line leaves pydantic unimported."""
    script = ("import sys; from assistant.cli.parser import build_parser; build_parser(); "
              "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))")
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0 and run.stdout.strip() == "[]", (run.stdout, run.stderr)
