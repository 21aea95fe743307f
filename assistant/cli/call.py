"""`assistant call start|hold|resume|end|ring|dial [--by agent|caller]`.

For a softphone's "run on incoming call / answered / hold / hang-up" hooks and for desktop
hotkeys: each tells the running app about the call. Exit 0 when the app took it, 2 with
a message saying what to do when it is not running or refused the command.
"""

from __future__ import annotations

import argparse

from assistant.ground.events import CallAction

MESSAGES = {"not_running": {"en": "the assistant is not running ({address})",
                            "zh": "助手没有在运行（{address} 无应答）：请先用 `assistant` 启动它"},
            "refused": {"en": "the assistant refused `call {action}`: {why}",
                        "zh": "助手没有接受 `call {action}`：{why}"},
            "noted": {"en": "{message}", "zh": "助手已收到「{action}」（{what}），从下一个音频块起生效"}}
ACTIONS_ZH = {"start": "接通", "hold": "保持", "resume": "恢复通话", "end": "挂断", "ring": "来电振铃",
              "dial": "外呼振铃"}


def add_call_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    call = subparsers.add_parser(
        "call", help="tell the running assistant about the call (softphone hooks, hotkeys)",
        description="Mark a call event in the running assistant. ring: the phone is ringing "
                    "(answer within three rings); dial: the agent places a call and it rings at the "
                    "other end (hang up only after six rings); start: answered; hold / resume: the caller "
                    "is put on hold and back; end: hung up (--by says who hung up first).")
    call.add_argument("action", choices=[a.value for a in CallAction])
    call.add_argument("--by", choices=["agent", "caller"], default=None,
                      help="who did it (for end: who hung up first)")
    # Softphones append the caller's number to a hook's command (MicroSIP does): accepted
    # so the hook works as written, and dropped here, never sent or stored.
    call.add_argument("ignored", nargs="*", help=argparse.SUPPRESS)
    call.set_defaults(handler=run_call)
    return call


def run_call(args: argparse.Namespace) -> int:
    from assistant.control.client import send_command
    from assistant.control.protocol import ControlError, NotRunning
    from assistant.ground.errors import UserError
    from assistant.ground.reader import reader_language, say

    try:
        reply = send_command(args.action, args.by)
    except NotRunning as exc:
        if reader_language() == "en":
            raise UserError(str(exc)) from None
        raise UserError(say(MESSAGES, "not_running", address=exc.address or "-")) from None
    except (ControlError, ValueError) as exc:
        raise UserError(str(exc)) from None
    if not reply.ok:
        raise UserError(say(MESSAGES, "refused", action=args.action, why=reply.message))
    by = {"agent": "坐席", "caller": "客户"}.get(args.by or "", "")
    print(say(MESSAGES, "noted", message=reply.message, action=args.action,
              what=ACTIONS_ZH.get(args.action, args.action) + (f"，由{by}" if by else "")))
    return 0
