"""`assistant pack validate` (and the rollout's sign, verify, keygen, trust)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.cli.pack_words import MESSAGES
from assistant.cli.rollout import add_rollout_parsers
from assistant.ground.errors import EXIT_BAD_INPUT
from assistant.ground.problem_words import problems_text
from assistant.ground.reader import say


def add_pack_parser(sub: argparse._SubParsersAction) -> None:
    pack = sub.add_parser("pack", help="prompt packs")
    pack_sub = pack.add_subparsers(metavar="ACTION", required=True)
    validate = pack_sub.add_parser("validate", help="check packs; errors name file:line: field")
    validate.add_argument("packs", type=Path, nargs="+")
    validate.add_argument("--trusted", type=Path, metavar="DIR",
                          help="folder of trusted .pub keys for signed files (default: the "
                               "site's trusted-keys)")
    validate.set_defaults(handler=_pack_validate)
    add_rollout_parsers(pack_sub)


def _pack_validate(args: argparse.Namespace) -> int:
    """The pack's contents; for a signed file also its signature, as an agent's app checks
    it (a tampered file is never "ok")."""
    from assistant.conduct.pack import PackError, load_pack
    from assistant.rollout.keys import TrustedKeys
    from assistant.rollout.signing import SignatureError, split_signature, verify_file

    trusted = None
    failed = False
    for path in args.packs:
        signed = ""
        try:
            if path.is_file() and split_signature(path.read_bytes())[1] is not None:
                trusted = trusted or TrustedKeys.load(getattr(args, "trusted", None))
                signed = say(MESSAGES, "signed_by", kid=verify_file(path, trusted).key_id)
            pack = load_pack(path)
        except SignatureError as exc:
            if exc.reason != "untrusted":
                failed = True
                print(exc, file=sys.stderr)
                continue
            signed = say(MESSAGES, "not_checked", why=exc.message)
            try:
                pack = load_pack(path)
            except PackError as problem:
                failed = True
                print(problems_text(problem), file=sys.stderr)
                continue
        except PackError as exc:
            failed = True
            print(problems_text(exc), file=sys.stderr)
            continue
        on = sum(pack.rule(r).enabled for r in type(pack.rules).model_fields)
        print(say(MESSAGES, "valid", path=path, id=pack.pack.id, version=pack.pack.version,
                  language=pack.language, on=on, signed=signed))
    return EXIT_BAD_INPUT if failed else 0
