"""A translation catalogue rewritten on disk while the app runs (``lrelease`` writes the
.qm in place, and so may an update of the installed app) leaves running windows' words
as they were, rather than crashing the next lookup with a bus error."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from assistant.ui.i18n import catalogue_path

ROOT = Path(__file__).resolve().parents[2]


def test_words_survive_the_catalogue_being_rewritten_in_place(tmp_path):
    copy = tmp_path / "assistant_zh_CN.qm"
    copy.write_bytes(catalogue_path("zh").read_bytes())
    script = textwrap.dedent(f"""
        import assistant.ui.i18n as i18n
        from pathlib import Path
        i18n.catalogue_path = lambda lang: Path({str(copy)!r})
        texts = i18n.Texts("zh", "replay")
        before = texts("prompts.empty")
        with open({str(copy)!r}, "r+b") as f:
            f.truncate(0)
        print(before == texts("prompts.empty"), before)
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, (run.returncode, run.stderr[-2000:])
    assert run.stdout.split() == ["True", "这通电话没有弹出提示"]
