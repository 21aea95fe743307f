"""The live app runs without scipy: importing ``scipy.signal`` alone costs 70-100 MB of
resident memory (:mod:`assistant.speech.iir`), so a fresh interpreter that imports the
overlay and everything the live call runs on must not find it loaded. The import
contracts in ``pyproject.toml`` check the same statically; this checks what Python does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

LIVE = [
    "assistant.speech.frames", "assistant.speech.subbands", "assistant.speech.pace",
    "assistant.speech.analyzer", "assistant.engine.pipeline", "assistant.engine.calls",
    "assistant.audio.live", "assistant.overlay.live_call", "assistant.overlay.state",
    "assistant.cli", "assistant.cli.app", "assistant.ui.launch", "assistant.ui.app",
    "assistant.ui.overlay",
]
"""The overlay's start (``assistant`` → ``cli.app`` → ``ui.launch``), its window and the
pipeline it feeds."""

TOOLS = {"assistant.ui.heard_screenshots"}
"""Writes the docs' pictures from scenario calls it synthesises (scipy's, rightly)."""

PROBE = """
import importlib, pkgutil, sys
import assistant
first = None
def load(name):
    global first
    importlib.import_module(name)
    if first is None and "scipy" in sys.modules:
        first = name
for name in sys.argv[1].split(","):
    load(name)
live = "scipy" in sys.modules
skip = sys.argv[2].split(",")
for info in pkgutil.walk_packages(assistant.__path__, "assistant."):
    name = info.name
    if not (name.startswith("assistant.scenario") or name.endswith("__main__") or name in skip):
        load(name)
print(live, first)
"""


def test_the_live_app_and_every_module_outside_the_scenarios_import_without_scipy():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PROBE, ",".join(LIVE), ",".join(TOOLS)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    live, first = done.stdout.split()
    assert live == "False", f"importing the live app loads scipy (first after {first})"
    assert first == "None", f"{first} loads scipy; only assistant.scenario may"
