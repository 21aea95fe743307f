"""Coaching reports: a stored session as one HTML or PDF file a trainer can hand out.

    assistant report SESSION --out report.html|report.pdf [--lang zh|en]
    assistant report --agent NAME_OR_ID|--all [--since DATE] [--until DATE] --out team.html


``SESSION`` is a session id (or a unique prefix of one) in the local store. The report
holds the header facts, the per-clause scorecard, the timeline and pace plots as
pictures, each finding and prompt with its clause text, the trainer's notes and the
stored (masked) transcript; never the audio. Everything is computed on this machine.
With ``--agent`` or ``--all`` it is a team report over the stored sessions instead
(:mod:`assistant.sessions.team`).
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from pathlib import Path

from assistant.safefile import write_atomically
from assistant.sessions.model import Session

FORMATS = (".html", ".htm", ".pdf")


class ReportError(Exception):
    """The report cannot be written; the message says why and what to do."""


def check_output(out: Path) -> str:
    """The report format for ``out`` (its suffix), or a :class:`ReportError` saying why not."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ReportError(f"{out}: cannot tell the report format from {suffix or 'no suffix'!r};"
                          " name the file .html or .pdf")
    if not out.parent.is_dir():
        raise ReportError(f"{out}: the folder {out.parent} does not exist")
    return suffix


def write_report(session: Session, out: Path, *, lang: str | None = None) -> Path:
    """Write ``session`` as HTML or PDF, chosen by ``out``'s suffix; returns ``out``.

    The file appears whole or not at all (written beside it, then renamed), so a trainer
    never mails a half-written report, and it is readable by this user only, like the
    session it came from.
    """
    from assistant.sessions.report_content import build_content

    def render(suffix: str) -> bytes:
        content = build_content(session, lang)
        if suffix == ".pdf":
            from assistant.sessions.report_pdf import render_pdf

            return render_pdf(content)
        from assistant.sessions.report_html import render_html

        return render_html(content).encode("utf-8")

    return _write(out, lang, render)


def write_team_report(sessions: list[Session], selection, out: Path, *,
                      lang: str | None = None) -> Path:
    """The team report (:mod:`assistant.sessions.team`) over ``sessions``, written as
    :func:`write_report` writes a single call's."""
    from assistant.sessions.team import build_team_content

    def render(suffix: str) -> bytes:
        content = build_team_content(sessions, selection, lang)
        if suffix == ".pdf":
            from assistant.sessions.report_team_pdf import render_team_pdf

            return render_team_pdf(content)
        from assistant.sessions.report_team_html import render_team_html

        return render_team_html(content).encode("utf-8")

    return _write(out, lang, render)


def _write(out: Path, lang: str | None, render) -> Path:
    out = Path(out)
    suffix = check_output(out)
    if lang not in (None, "zh", "en"):
        raise ReportError(f"{out}: report language {lang!r}: use zh or en")
    from assistant.sessions.report_fonts import FontMissing

    try:
        data = render(suffix)
    except FontMissing as exc:
        raise ReportError(f"{out}: {exc}") from None
    _write_private(out, data)
    return out


def _write_private(out: Path, data: bytes) -> None:
    try:
        write_atomically(out, data)
    except OSError as exc:
        raise ReportError(f"{out}: cannot write the report ({exc.strerror or exc})") from None


# --- `assistant report` ------------------------------------------------------------------


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
        raise argparse.ArgumentTypeError(f"{text!r} is not a day: write it as 2026-11-01") \
            from None


def _report(args: argparse.Namespace) -> int:
    from assistant.cli import UserError

    team = args.all or args.agent is not None
    if team == bool(args.session):
        raise UserError("report: give a SESSION, or --agent NAME_OR_ID, or --all")
    if not team and (args.since or args.until):
        raise UserError("report: --since/--until go with --agent or --all")
    try:
        check_output(args.out)
        if team:
            path = _team_report(args)
        else:
            path = write_report(load_session(args.session, args.store), args.out,
                                lang=args.lang)
    except ReportError as exc:
        raise UserError(str(exc)) from None
    print(f"wrote {path}")
    return 0


def _team_report(args: argparse.Namespace) -> Path:
    import sys

    from assistant.sessions.store import SessionStore, StoreError
    from assistant.sessions.team import TeamFilter, select_sessions

    selection = TeamFilter(None if args.all else args.agent, args.since, args.until)
    if selection.since and selection.until and selection.since > selection.until:
        raise ReportError(f"--since {selection.since} is after --until {selection.until}")
    try:
        with SessionStore(args.store) as store:
            sessions, busy = select_sessions(store, selection)
    except StoreError as exc:
        raise ReportError(str(exc)) from None
    for info in busy:
        print(f"assistant: left out {info.id}: it is being recorded now", file=sys.stderr)
    if not sessions:
        raise ReportError(f"no stored sessions match {selection.describe()} "
                          f"(`assistant sessions list` shows who and when)")
    return write_team_report(sessions, selection, args.out, lang=args.lang)


def load_session(ref: str, store_root: Path | None = None) -> Session:
    """A session by id or unique prefix from the store, or from an exported session folder
    (``assistant sessions export``); anything missing or damaged is a :class:`ReportError`."""
    from assistant.sessions.store import SessionStore, StoreError

    if Path(ref).is_dir():
        return _load_export(Path(ref))
    try:
        with SessionStore(store_root) as store:
            return store.load(store.find(ref).id)
    except StoreError as exc:
        raise ReportError(f"{exc} (`assistant sessions list` shows the sessions; an exported "
                          f"session is given as its folder)") from None


def _load_export(folder: Path) -> Session:
    """Read an export through the importer (which checks everything) into a throw-away
    store, so the report sees exactly what an import would keep, and nothing is added to
    this machine's sessions."""
    from assistant.sessions.store import SessionStore, StoreError

    try:
        from assistant.sessions.transfer import TransferError, import_session, session_folders
    except ImportError:
        raise ReportError(f"{folder}: reading exported sessions is not available in this "
                          f"version; import it with `assistant sessions import`") from None
    try:
        folders = session_folders(folder)
        if len(folders) != 1:
            raise ReportError(f"{folder}: holds {len(folders)} sessions; give one of its "
                              f"sub-folders")
        with tempfile.TemporaryDirectory(prefix="assistant-report-") as tmp, \
                SessionStore(Path(tmp)) as store:
            return store.load(import_session(store, folders[0]).id)
    except (TransferError, StoreError) as exc:
        raise ReportError(str(exc)) from None
