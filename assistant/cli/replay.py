"""`assistant replay [SESSION]`: the parser; the replay window opens from :mod:`assistant.ui.replay.launch`."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_replay_parser(sub: argparse._SubParsersAction) -> None:
    replay = sub.add_parser("replay", help="replay recorded calls on a timeline (trainers)")
    replay.add_argument("session", nargs="?", default=None,
                        help="session id (or unique prefix), or an exported session folder")
    replay.add_argument("--ui-lang", choices=["zh", "en"], default="zh",
                        help="window language (default zh)")
    replay.add_argument("--store", type=Path, default=None, metavar="DIR",
                        help="session store folder (default: the user data dir's sessions/)")
    replay.add_argument("--at", type=float, default=0.0, metavar="SECONDS",
                        help="start with the playhead here")
    replay.add_argument("--no-sound", action="store_true", help="replay silently")
    replay.add_argument("--screenshot", type=Path, metavar="FILE",
                        help="render the window to a PNG (offscreen) and exit")
    replay.set_defaults(handler=_run_replay)


def _run_replay(args: argparse.Namespace) -> int:
    from assistant.ui.replay.launch import run_replay

    return run_replay(args)
