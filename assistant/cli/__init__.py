"""The `assistant` command.

Exit codes: 0 done, 2 bad input (file, pack, model, device: the message says what and
where), 1 anything unexpected, 130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from assistant.cli.help_language import argparse_language, word_help
from assistant.cli.parser import build_parser, help_lang
from assistant.ground.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED, UserError
from assistant.ground.reader import reading_in


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM ends a call as Ctrl+C does: the session is ended, kept


def main(argv: Sequence[str] | None = None) -> int:
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    lang = help_lang(sys.argv[1:] if argv is None else list(argv))
    with argparse_language(lang), reading_in(lang):  # an option's own error, too
        parser = build_parser()
        word_help(parser, lang)
        args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        args.handler = args.main_job
    import os

    before = os.environ.get("ASSISTANT_UI_LANG")
    if getattr(args, "terminal_lang", None):  # every message printed follows it (reader.py)
        os.environ["ASSISTANT_UI_LANG"] = args.terminal_lang
    try:
        return args.handler(args) or 0
    except UserError as exc:
        print(f"assistant: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `assistant sessions list --json | head`: the reader has enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        if before is None:
            os.environ.pop("ASSISTANT_UI_LANG", None)
        else:
            os.environ["ASSISTANT_UI_LANG"] = before


if __name__ == "__main__":
    raise SystemExit(main())
