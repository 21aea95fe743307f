"""The `assistant` command's parser: one sub-command per group (its words in the reader's
language: :mod:`assistant.cli.help_language`)."""

from __future__ import annotations

import argparse

from assistant import __version__
from assistant.cli.analyze import add_analysis_parsers
from assistant.cli.app import add_main_job
from assistant.cli.call import add_call_parser
from assistant.cli.devices import add_devices_parser
from assistant.cli.floor import add_floor_parser
from assistant.cli.models import add_models_parser
from assistant.cli.pack import add_pack_parser
from assistant.cli.replay import add_replay_parser
from assistant.cli.report import add_report_parser
from assistant.cli.rollout import add_supervise_parser
from assistant.cli.sessions import add_sessions_parser
from assistant.cli.synth import add_synth_parser


def help_lang(argv: list[str]) -> str:
    from assistant.ground.terminal import terminal_lang

    explicit = None
    for i, arg in enumerate(argv):
        if arg == "--ui-lang" and i + 1 < len(argv):
            explicit = argv[i + 1]
        elif arg.startswith("--ui-lang="):
            explicit = arg.split("=", 1)[1]
    return terminal_lang(explicit)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Real-time etiquette assistant for call-centre agents (runs fully offline).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--ui-lang", dest="terminal_lang", choices=["zh", "en"], default=None,
                        help="language of the terminal's words (default: from LANG); "
                             "JSON output is the same in every language")
    sub = parser.add_subparsers(metavar="COMMAND")

    add_analysis_parsers(sub)
    add_pack_parser(sub)
    add_models_parser(sub)
    add_devices_parser(sub)
    add_synth_parser(sub)
    add_call_parser(sub)
    add_report_parser(sub)
    add_sessions_parser(sub)
    add_supervise_parser(sub)
    add_replay_parser(sub)
    add_floor_parser(sub)
    add_main_job(parser)
    return parser
