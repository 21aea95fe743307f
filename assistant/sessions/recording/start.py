"""What the front ends (CLI, live app, demo) share to record a call: housekeeping once per
process, then a ``Recorder`` with the session's metadata filled in from what they hold; the
call itself (``assistant.engine.calls.Call``) feeds it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from assistant.conduct.pack import Pack, default_pack_path
from assistant.conduct.rules.base import AgentProfile
from assistant.sessions.recording.recorder import Recorder, StoppedCallback, new_session
from assistant.sessions.session import Source
from assistant.sessions.store.housekeeping import Housekeeping, start_up

_done_lock = threading.Lock()
_done: set[Path] = set()


def housekeeping_once(pack: Pack, report: Callable[[str], None],
                      root: Path | None = None) -> Housekeeping | None:
    """Recover crashed sessions and apply the pack's retention, the first time only."""
    from assistant.sessions.store.database import sessions_dir

    folder = Path(root or sessions_dir()).resolve()
    with _done_lock:
        if folder in _done:
            return None
        _done.add(folder)
    done = start_up(root, retention_days=pack.recording.retention_days)
    for line in done.lines():
        report(line)
    return done


def pack_text(pack: Pack, pack_path: Path | None) -> str:
    """The pack in use as text, so a replay can show or re-run it exactly: the file as the
    supervisor wrote it when it holds this very pack, else the pack's own values.

    The file is only a hint: the app may be running another pack than the one its
    settings name (one from the managed folder, the last good cached one, or the default
    after the named file failed to load), and a session must keep the pack that judged it.
    """
    from assistant.conduct.pack import PackError, parse_pack
    from assistant.conduct.writer import pack_to_toml

    path = Path(pack_path or default_pack_path(pack.language))
    try:
        text = path.read_text(encoding="utf-8")
        if parse_pack(text, path) == pack:
            return text
    except (OSError, UnicodeDecodeError, PackError):
        pass
    return pack_to_toml(pack)


def model_name(pack: Pack, model_path: Path | None, recognisers: dict) -> str:
    if not recognisers:
        return ""
    if any(getattr(r, "decodes_segments", False) for r in recognisers.values()):
        from assistant.speech.whisper_model import NAME

        return Path(model_path).name if model_path else NAME
    from assistant.speech.vosk_model import ModelError, find_model

    try:
        return find_model(pack.language, model_path).name
    except ModelError:
        return str(model_path or "")


def recognition(mode: str, recognisers: dict) -> str:
    """What listened for words: ``grammar`` / ``free`` / ``whisper`` / ``off`` (no model ⇒
    off)."""
    if not recognisers or mode == "off":
        return "off"
    if any(getattr(r, "decodes_segments", False) for r in recognisers.values()):
        return "whisper"
    return "grammar" if all(getattr(r, "grammar", False) for r in recognisers.values()) \
        else "free"


def start_recorder(pack: Pack, *, source: Source, has_caller: bool, pack_path: Path | None,
                   agent: AgentProfile = AgentProfile(), mode: str = "off",
                   recognisers: dict | None = None, model_path: Path | None = None,
                   source_path: str = "", call_time: datetime | None = None,
                   on_stopped: StoppedCallback | None = None,
                   report: Callable[[str], None] = lambda line: None,
                   root: Path | None = None, housekeeping: bool = True) -> Recorder:
    """A recorder for one call; audio only if the pack records it.

    ``housekeeping=False`` for workers whose parent process already did it.
    """
    if housekeeping:
        housekeeping_once(pack, report, root)
    recognisers = recognisers or {}
    new = new_session(pack, source=source, has_caller=has_caller,
                      pack_text=pack_text(pack, pack_path), agent=agent,
                      model=model_name(pack, model_path, recognisers),
                      recogniser=recognition(mode, recognisers), source_path=source_path,
                      call_time=call_time)
    return Recorder(new, audio=pack.recording.enabled, root=root, on_stopped=on_stopped)
