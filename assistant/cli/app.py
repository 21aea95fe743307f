"""Plain `assistant` (no sub-command): the overlay on the configured devices.

Qt-free at import, so `assistant --help` and `assistant call …` stay instant; the app
itself is imported only when it runs. Without audio devices it shows the demo call instead:
in the overlay when there is a display, else as a timeline on the terminal.
"""

from __future__ import annotations

import argparse
import os
import sys


def add_main_job(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-demo", action="store_true",
                        help="without audio devices, just say so and exit (for CI / no display)")
    parser.set_defaults(main_job=run_main_job)


def run_main_job(args: argparse.Namespace) -> int:
    from assistant.audio.devices import no_devices_problem

    if problem := no_devices_problem():
        return _without_devices(problem, args)
    from assistant.ui.launch import run_app

    return run_app(args)


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _without_devices(problem: str, args: argparse.Namespace) -> int:
    print(f"assistant: {problem}", file=sys.stderr)
    if getattr(args, "no_demo", False):
        return 0
    if has_display():
        print("assistant: showing the demo call in the overlay instead (`assistant demo`)",
              file=sys.stderr)
        from assistant.ui.demo import run_demo

        return run_demo(args)
    print("assistant: no display either: the demo call as a timeline follows "
          "(`assistant --no-demo` only reports)", file=sys.stderr)
    from assistant.cli.analyze import run_demo_timeline

    return run_demo_timeline(args)
