"""`assistant pack keygen|sign|verify` and `assistant supervise`: the supervisor's commands.

Parsers only here (Qt-free, instant); handlers import what they need when they run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.cli.pack_words import MESSAGES
from assistant.ground.problem_words import problems_text
from assistant.ground.reader import say


def add_rollout_parsers(pack_sub: argparse._SubParsersAction) -> None:
    """Add keygen / sign / verify under `assistant pack`."""
    keygen = pack_sub.add_parser(
        "keygen", help="make a supervisor's Ed25519 signing key pair",
        description="Writes NAME.key (private, mode 0600: keep it to yourself) and NAME.pub "
                    "(give it to the administrator, who installs it in the agents' "
                    "trusted-keys folder).")
    keygen.add_argument("--out", type=Path, required=True, metavar="DIR")
    keygen.add_argument("--name", default="supervisor", help="file name stem (default: supervisor)")
    keygen.set_defaults(handler=run_keygen)

    sign = pack_sub.add_parser(
        "sign", help="validate and sign a pack for the managed folder",
        description="The signed file is the pack text plus a last '# signature:' line. Its "
                    "version must be higher than the one already at --out (agents never go "
                    "back to a lower version); --bump raises it for you.")
    sign.add_argument("pack", type=Path)
    sign.add_argument("--key", type=Path, required=True, help="the .key file from keygen")
    sign.add_argument("--out", type=Path, required=True, metavar="FILE")
    sign.add_argument("--bump", action="store_true",
                      help="raise the last part of [pack] version above the one at --out")
    sign.set_defaults(handler=run_sign)

    verify = pack_sub.add_parser(
        "verify", help="check signed packs as an agent's app would",
        description="Says for each file: ok (who signed it), unsigned, tampered, signed by an "
                    "untrusted key, or not a valid pack (file:line: field).")
    verify.add_argument("files", type=Path, nargs="+")
    verify.add_argument("--trusted", type=Path, metavar="DIR",
                        help="folder of trusted .pub keys (default: the site's trusted-keys)")
    verify.set_defaults(handler=run_verify)

    trust = pack_sub.add_parser(
        "trust", help="administrators: trust a signing key (and set the managed folder)",
        description="Copies the public key into the site's trusted-keys folder and, with "
                    "--managed-folder, writes the [packs] table of the site policy (keeping "
                    "its [locked] settings). Run as an administrator.")
    trust.add_argument("public", type=Path, help="the .pub file from keygen")
    trust.add_argument("--managed-folder", metavar="DIR",
                       help="the share agents read signed packs from")
    trust.add_argument("--pack-id", help="only packs with this [pack] id")
    trust.set_defaults(handler=run_trust)


def add_supervise_parser(sub: argparse._SubParsersAction) -> None:
    supervise = sub.add_parser("supervise", help="the supervisor's pack editor (window)")
    supervise.add_argument("pack", type=Path, nargs="?",
                           help="pack to edit (default: a copy of the default pack for --lang)")
    supervise.add_argument("--lang", choices=["zh", "en", "ko"], default="zh",
                           help="language of the default pack to start from")
    supervise.add_argument("--ui-lang", choices=["zh", "en"], default=None,
                           help="the editor's own language (default: zh for a zh pack, else en)")
    supervise.add_argument("--key", type=Path, help="signing key for Export (.key)")
    supervise.set_defaults(handler=run_supervise)


# --- handlers ---------------------------------------------------------------------------------


def _user_error(message: str) -> Exception:
    from assistant.ground.errors import UserError

    return UserError(message)


def run_keygen(args: argparse.Namespace) -> int:
    from assistant.rollout.keys import KeyFileError, generate_key_pair

    try:
        files = generate_key_pair(args.out, args.name)
    except (KeyFileError, OSError) as exc:
        raise _user_error(str(exc)) from None
    print(say(MESSAGES, "key_made", kid=files.key_id, private=files.private, public=files.public))
    return 0


def run_sign(args: argparse.Namespace) -> int:
    from assistant.rollout.export import ExportError, sign_pack_file
    from assistant.rollout.keys import loose_permissions

    try:
        result = sign_pack_file(args.pack, args.key, args.out, bump=args.bump)
    except ExportError as exc:
        raise _user_error(str(exc)) from None
    if warning := loose_permissions(args.key):
        print(say(MESSAGES, "warning", what=warning), file=sys.stderr)
    print(say(MESSAGES, "signed", id=result.pack_id, version=result.version, kid=result.key_id,
              out=args.out))
    if result.source_problem:
        print(say(MESSAGES, "warning", what=result.source_problem), file=sys.stderr)
    if result.source_updated:
        print(say(MESSAGES, "source_raised", path=args.pack, version=result.version))
    return 0


def run_trust(args: argparse.Namespace) -> int:
    from assistant.rollout.admin import AdminError, trust_key

    try:
        done = trust_key(args.public, managed_folder=args.managed_folder, pack_id=args.pack_id)
    except AdminError as exc:
        raise _user_error(str(exc)) from None
    print(say(MESSAGES, "trusted", kid=done.key_id, file=done.key_file))
    if done.policy_file is not None:
        print(say(MESSAGES, "managed", folder=args.managed_folder, file=done.policy_file))
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from assistant.conduct.pack import PackError, parse_pack
    from assistant.rollout.keys import TrustedKeys
    from assistant.rollout.signing import SignatureError, verify_file

    trusted = TrustedKeys.load(args.trusted)
    for problem in trusted.problems:
        print(f"assistant: {problem}", file=sys.stderr)
    failed = False
    for path in args.files:
        try:
            verified = verify_file(path, trusted)
            pack = parse_pack(verified.text, path)
        except SignatureError as exc:
            failed = True
            print(exc, file=sys.stderr)
        except PackError as exc:
            failed = True
            print(problems_text(exc), file=sys.stderr)
        else:
            print(say(MESSAGES, "verified", path=path, id=pack.pack.id, version=pack.pack.version,
                      kid=verified.key_id))
    return 2 if failed else 0


def run_supervise(args: argparse.Namespace) -> int:
    from assistant.ui.supervisor.launch import run_supervisor

    return run_supervisor(args)

