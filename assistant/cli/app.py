"""Plain `assistant` (no sub-command): the overlay on the configured devices.

Qt-free at import, so `assistant --help` and `assistant call …` stay instant; the app
itself is imported only when it runs.
"""

from __future__ import annotations

import argparse


def add_main_job(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-demo", action="store_true",
                        help="without audio devices, just say so and exit (for CI / no display)")
    parser.set_defaults(main_job=run_main_job)


def run_main_job(args: argparse.Namespace) -> int:
    from assistant.ui.app import run_app

    return run_app(args)
