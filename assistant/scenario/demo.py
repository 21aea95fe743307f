"""The bundled demo call: its recording, the local time it was made, its softphone events."""

from __future__ import annotations

import sys
import tomllib
from datetime import datetime
from pathlib import Path

from assistant.ground.events import CallAction, Channel
from assistant.ground.resources import resources_dir


def demo_call() -> tuple[Path, datetime | None]:
    """The bundled demo recording and the local time its scenario says it was made."""
    folder = resources_dir() / "demo"
    scenario = folder / "demo_call.toml"
    call_time = None
    if scenario.exists():
        data = tomllib.loads(scenario.read_text(encoding="utf-8"))
        if when := data.get("scenario", {}).get("call_time"):
            call_time = datetime.fromisoformat(str(when))
    return folder / "demo_call.flac", call_time


Controls = list[tuple[float | None, CallAction, Channel | None]]


def demo_controls() -> Controls:
    """The demo scenario's softphone events (hold, resume, who hung up): (audio time,
    action, by); time ``None`` means at the end of the call."""
    scenario_path = resources_dir() / "demo" / "demo_call.toml"
    if not scenario_path.exists():
        return []
    try:
        from assistant.scenario.scenario_file import load_scenario

        scenario = load_scenario(scenario_path)
    except Exception as exc:  # a broken demo script must not stop the demo itself
        print(f"assistant: demo softphone events skipped: {exc}", file=sys.stderr)
        return []
    return [(c.t, c.action, c.by) for c in scenario.controls]
