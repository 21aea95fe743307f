"""`assistant report`: a coaching report for one session, or an agent's or the team's calls."""

from __future__ import annotations

import argparse
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.sessions.report.write import (
    ReportError,
    check_output,
    load_session,
    write_report,
    write_team_report,
)

from assistant.ground.reader import say

if TYPE_CHECKING:
    from assistant.sessions.session import Session


MESSAGES = {
    "day": {"en": "{text!r} is not a day: write it as 2026-11-01",
            "zh": "{text!r} 不是日期：请写成 2026-11-01"},
    "which": {"en": "report: give a SESSION, or --agent NAME_OR_ID, or --all",
              "zh": "report：请给出一个会话编号，或 --agent 姓名或工号，或 --all"},
    "dates": {"en": "report: --since/--until go with --agent or --all",
              "zh": "report：--since/--until 只能与 --agent 或 --all 一起用"},
    "wrote": {"en": "wrote {path}", "zh": "已写入 {path}"},
    "order": {"en": "--since {since} is after --until {until}",
              "zh": "--since {since} 晚于 --until {until}"},
    "busy": {"en": "assistant: left out {id}: it is being recorded now",
             "zh": "assistant：未计入 {id}：正在录制"},
    "none": {"en": "no stored sessions match {who} (`assistant sessions list` shows who and when)",
             "zh": "没有符合条件的通话记录：{who}（`assistant sessions list` 列出坐席和时间）"},
}


def add_report_parser(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help="a coaching report as HTML or PDF: one session, "
                                           "or an agent's or the team's calls")
    report.add_argument("session", nargs="?", help="session id or a unique prefix of it "
                                                   "(see `assistant sessions list`)")
    who = report.add_mutually_exclusive_group()
    who.add_argument("--agent", metavar="NAME_OR_ID",
                     help="a report over this agent's stored calls (name or id)")
    who.add_argument("--all", action="store_true", help="a report over every agent's calls")
    report.add_argument("--since", type=_day, metavar="YYYY-MM-DD",
                        help="with --agent/--all: calls on or after this day")
    report.add_argument("--until", type=_day, metavar="YYYY-MM-DD",
                        help="with --agent/--all: calls on or before this day")
    report.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="report.html or report.pdf")
    report.add_argument("--lang", choices=["zh", "en"], default=None,
                        help="report language (default: the pack's)")
    report.add_argument("--store", type=Path, default=None, help=argparse.SUPPRESS)
    report.set_defaults(handler=_report)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say(MESSAGES, "day", text=text)) from None


def _report(args: argparse.Namespace) -> int:
    from assistant.ground.errors import UserError

    team = args.all or args.agent is not None
    if team == bool(args.session):
        raise UserError(say(MESSAGES, "which"))
    if not team and (args.since or args.until):
        raise UserError(say(MESSAGES, "dates"))
    try:
        check_output(args.out)
        if team:
            path = _team_report(args)
        else:
            path = write_report(_one_session(args), args.out, lang=args.lang)
    except ReportError as exc:
        raise UserError(str(exc)) from None
    print(say(MESSAGES, "wrote", path=path))
    return 0


def _one_session(args: argparse.Namespace) -> Session:
    """From the central store when one is configured (and no folder or --store is given),
    else as the local reports always did."""
    from assistant.floor.reader import central_reader
    from assistant.sessions.store.database import StoreError

    if args.store is None and not Path(args.session).is_dir():
        try:
            central = central_reader()
            if central is not None:
                with central:
                    return central.load(central.find(args.session).id)
        except StoreError as exc:
            raise ReportError(str(exc)) from None
    return load_session(args.session, args.store)


def _team_report(args: argparse.Namespace) -> Path:
    import sys

    from assistant.floor.reader import central_reader
    from assistant.sessions.report.team import TeamFilter, select_sessions
    from assistant.sessions.store.database import SessionStore, StoreError

    selection = TeamFilter(None if args.all else args.agent, args.since, args.until)
    if selection.since and selection.until and selection.since > selection.until:
        raise ReportError(say(MESSAGES, "order", since=selection.since, until=selection.until))
    try:
        central = central_reader() if args.store is None else None
        if central is not None:  # the central store, asked for the report's period only
            central.close()
            central = central.scoped(since=selection.since, until=selection.until)
        with closing(central or SessionStore(args.store)) as store:
            sessions, busy = select_sessions(store, selection)
    except StoreError as exc:
        raise ReportError(str(exc)) from None
    for info in busy:
        print(say(MESSAGES, "busy", id=info.id), file=sys.stderr)
    if not sessions:
        raise ReportError(say(MESSAGES, "none", who=selection.describe()))
    return write_team_report(sessions, selection, args.out, lang=args.lang)
