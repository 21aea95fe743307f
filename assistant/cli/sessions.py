"""`assistant sessions …`: list, show, export, import, purge and annotate recorded calls.

Sessions live in ``<data dir>/sessions`` (``ASSISTANT_DATA_DIR`` moves it). IDs may be
abbreviated to any unique prefix. Handlers import lazily so ``assistant --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

from assistant.ground.reader import say
from assistant.ground.terminal import table


def add_sessions_parser(sub: argparse._SubParsersAction) -> None:
    sessions = sub.add_parser("sessions", help="recorded calls: list, show, export, import, "
                                               "purge, note")
    actions = sessions.add_subparsers(metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="every session, newest first")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", help="a session's header and timeline")
    show.add_argument("id", help="session id (or a unique prefix)")
    show.add_argument("--json", action="store_true", help="JSON lines: prompts, then summary")
    show.set_defaults(handler=_show)

    export = actions.add_parser("export", help="write a session to a folder for a trainer")
    export.add_argument("ids", nargs="+", metavar="ID")
    export.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="folder to write <DIR>/<id>/ into (created, private)")
    export.set_defaults(handler=_export)

    imp = actions.add_parser("import", help="add sessions exported on another machine")
    imp.add_argument("folders", nargs="+", type=Path, metavar="DIR",
                     help="an export folder, or a folder holding several")
    imp.set_defaults(handler=_import)

    purge = actions.add_parser("purge", help="delete sessions and their audio")
    which = purge.add_mutually_exclusive_group(required=True)
    which.add_argument("--older-than", type=_days, metavar="DAYS",
                       help="sessions that started more than DAYS days ago")
    which.add_argument("--all", action="store_true", help="every session (asks first)")
    which.add_argument("ids", nargs="*", default=[], metavar="ID")
    purge.add_argument("--yes", action="store_true", help="do not ask before deleting every "
                                                         "session (scripts)")
    purge.set_defaults(handler=_purge)

    note = actions.add_parser("note", help="a trainer's note at a time of the call")
    note.add_argument("id")
    note.add_argument("--at", type=_seconds, required=True, metavar="SECONDS")
    note.add_argument("--author", default="")
    note.add_argument("text", nargs="+")
    note.set_defaults(handler=_note)


MESSAGES = {
    "cannot_open": {"en": "sessions cannot be opened: {why}", "zh": "无法打开通话记录：{why}"},
    "days": {"en": "{value!r} is not a number of days above 0 (at most {most})",
             "zh": "{value!r} 不是大于 0 的天数（最多 {most}）"},
    "seconds": {"en": "{value!r} is not a time in seconds from the start of the call (0 or more)",
                "zh": "{value!r} 不是从通话开始算起的秒数（0 或以上）"},
    "after_end": {"en": "{at} is after the end of the call ({length})",
                  "zh": "{at} 超出了通话时长（{length}）"},
    "confirm_all": {"en": "delete all {count} session(s) and their audio? [y/N] ",
                    "zh": "删除全部 {count} 个会话及其录音？[y/N] "},
    "no_terminal": {"en": "`sessions purge --all` asks before deleting every session, and there "
                          "is no terminal to ask on: add --yes to delete them all",
                    "zh": "`sessions purge --all` 删除全部会话前需要确认，但当前没有终端可供确认："
                          "如确要全部删除，请加 --yes"},
    "kept_all": {"en": "nothing deleted", "zh": "未删除任何会话"},
    "none_yet": {"en": "no sessions yet (calls are recorded by the overlay, `assistant demo "
                       "--overlay`, `assistant analyze FILE --record` and `assistant listen "
                       "--record`)",
                 "zh": "还没有通话记录（浮窗、`assistant demo --overlay`、`assistant analyze FILE "
                       "--record` 和 `assistant listen --record` 会保存通话）"},
    "busy": {"en": "kept {id}: it is being recorded now", "zh": "保留 {id}：正在录制"},
    "removed": {"en": "removed {id}  {start}  {agent}  {length}{audio}",
                "zh": "已删除 {id}  {start}  {agent}  {length}{audio}"},
    "with_audio": {"en": "  + audio", "zh": "  + 录音"},
    "removed_one": {"en": "1 session removed", "zh": "已删除 1 个会话"},
    "removed_many": {"en": "{n} sessions removed", "zh": "已删除 {n} 个会话"},
    "list_heads": {"en": "ID START AGENT DURATION SOURCE STATE PROMPTS AUDIO",
                   "zh": "编号 开始 坐席 时长 来源 状态 提示数 录音"},
    "show_head": {"en": "{id}  {source}  {when}  {length}  agent {agent}  {state}",
                  "zh": "{id}  {source}  {when}  {length}  坐席 {agent}  {state}"},
    "show_pack": {"en": "pack {pack} {version}  recogniser {recogniser}{model}  app {app}",
                  "zh": "提示包 {pack} {version}  语音识别 {recogniser}{model}  程序 {app}"},
    "show_audio": {"en": "audio {state}{path}{remark}", "zh": "录音 {state}{path}{remark}"},
    "lane.agent": {"en": " agent", "zh": "  坐席"},
    "lane.caller": {"en": "caller", "zh": "  客户"},
    "hits": {"en": " (phrase hits, not a transcript)", "zh": "（短语命中，不是转写）"},
    "no_summary": {"en": "(no summary: the call did not finish while it was recorded)",
                   "zh": "（没有总结：录制期间通话没有结束）"},
}
VALUES_ZH = {"file": "录音文件", "live": "实时", "demo": "演示", "imported": "导入",
             "recording": "录制中", "complete": "完整", "recovered": "已恢复", "none": "无",
             "partial": "部分", "stopped": "已停止"}
"""Sources and states as a Chinese reader reads them (the stored values stay English)."""
MAX_DAYS = 36_500


def _value(value: str) -> str:
    from assistant.ground.reader import reader_language

    return VALUES_ZH.get(value, value) if reader_language() == "zh" else value


def _days(text: str) -> float:
    import math

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_DAYS):
        raise argparse.ArgumentTypeError(say(MESSAGES, "days", value=text, most=MAX_DAYS))
    return value


def _seconds(text: str) -> float:
    import math

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(say(MESSAGES, "seconds", value=text))
    return value


def _confirmed(count: int, yes: bool) -> bool:
    from assistant.ground.errors import UserError

    if yes or count == 0:
        return True
    if not sys.stdin.isatty():
        raise UserError(say(MESSAGES, "no_terminal"))
    answer = input(say(MESSAGES, "confirm_all", count=count))
    return answer.strip().lower() in ("y", "yes", "是", "好")


# --- handlers ----------------------------------------------------------------------------


def _open_store():
    from assistant.ground.errors import UserError
    from assistant.sessions.store.database import SessionStore, StoreError
    from assistant.sessions.store.housekeeping import start_up

    for line in start_up(retention_days=None, expire_old=False).lines():
        print(f"assistant: {line}", file=sys.stderr)
    try:
        return SessionStore()
    except (StoreError, OSError) as exc:
        raise UserError(say(MESSAGES, "cannot_open", why=exc)) from None


def _find(store, prefix: str):
    from assistant.ground.errors import UserError
    from assistant.sessions.store.database import StoreError

    try:
        return store.find(prefix)
    except StoreError as exc:
        raise UserError(f"{exc} (see `assistant sessions list`)") from None


def _list(args: argparse.Namespace) -> int:
    with _open_store() as store:
        infos, prompts = store.list(), store.prompt_counts()
    if args.json:
        for info in infos:
            print(json.dumps({**info.to_json(), "prompts": prompts.get(info.id, 0)},
                             ensure_ascii=False))
        return 0
    if not infos:
        print(say(MESSAGES, "none_yet"))
        return 0
    rows = [tuple(say(MESSAGES, "list_heads").split())]
    for i in infos:
        start = i.call_time or i.started_at
        rows.append((i.id, f"{start:%Y-%m-%d %H:%M}", i.agent, _clock(i.duration_s),
                     _value(i.source), _value(i.state.value), str(prompts.get(i.id, 0)),
                     _value(i.audio_state.value)))
    print(table(rows))
    return 0


def _show(args: argparse.Namespace) -> int:
    from assistant.cli.output import JsonLines, Timeline
    from assistant.conduct.clauses import ClauseCatalogue
    from assistant.ground.errors import UserError
    from assistant.ground.events import Transcript
    from assistant.ground.terminal import clock
    from assistant.sessions.store.database import StoreError

    with _open_store() as store:
        info = _find(store, args.id)
        try:
            session = store.load(info.id)
        except StoreError as exc:
            raise UserError(str(exc)) from None
        audio = store.audio_path(info)
    from assistant.ground.terminal import terminal_lang

    catalogue = ClauseCatalogue.load()
    lang = terminal_lang(getattr(args, "terminal_lang", None))
    stable = "zh" if info.language == "zh" else "en"  # JSON: the same in every language
    label = lambda clause: catalogue.label(clause, stable if args.json else lang)
    sink = JsonLines(sys.stdout, label) if args.json else Timeline(sys.stdout, label, lang)
    if not args.json:
        print(say(MESSAGES, "show_head", id=info.id, source=_value(info.source),
                  when=f"{(info.call_time or info.started_at):%Y-%m-%d %H:%M}",
                  length=_clock(info.duration_s), agent=info.agent, state=_value(info.state.value)))
        print(say(MESSAGES, "show_pack", pack=info.pack_id, version=info.pack_version,
                  recogniser=info.recogniser, model=f" ({info.model})" if info.model else "",
                  app=info.app_version))
        print(say(MESSAGES, "show_audio", state=_value(info.audio_state.value),
                  path=f": {audio}" if audio else "",
                  remark=f"  — {info.remark}" if info.remark else ""))
    notes = list(session.notes)
    # A transcript line shows when its words began, as replay and the report show it (the
    # event itself is stamped when the recogniser delivered it, after the words).
    for event in (session.events if args.json else sorted(session.events, key=_shown_at)):
        while notes and not args.json and notes[0].t <= _shown_at(event):
            _print_note(notes.pop(0))
        if isinstance(event, Transcript) and not args.json:
            hits = say(MESSAGES, "hits") if event.grammar else ""
            print(f"{clock(_shown_at(event)):>8}  {say(MESSAGES, 'lane.' + event.channel.value)}"
                  f"{hits}: {event.text}")
        sink(event)
    for note in notes if not args.json else ():
        _print_note(note)
    if session.summary is not None:
        sink.summary(session.summary)
    elif not args.json:
        print("\n" + say(MESSAGES, "no_summary"))
    return 0


def _shown_at(event) -> float:
    from assistant.ground.events import Transcript

    if isinstance(event, Transcript) and event.words:
        return min(event.t, event.words[0].t0)
    return event.t


def _print_note(note) -> None:
    from assistant.ground.terminal import clock

    print(f"{clock(note.t):>8}  ✎ {note.text}{'  — ' + note.author if note.author else ''}")


def _export(args: argparse.Namespace) -> int:
    from assistant.ground.errors import UserError
    from assistant.sessions.store.database import StoreError
    from assistant.sessions.store.transfer import TransferError, export_session

    with _open_store() as store:
        infos = [_find(store, prefix) for prefix in args.ids]
        for info in infos:
            try:
                folder = export_session(store, info.id, args.out)
            except (TransferError, StoreError) as exc:
                raise UserError(str(exc)) from None
            except OSError as exc:
                raise UserError(f"{args.out}: cannot write the export ({exc})") from None
            print(f"exported {info.id} to {folder}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from assistant.ground.errors import EXIT_BAD_INPUT
    from assistant.sessions.store.database import StoreError
    from assistant.sessions.store.transfer import TransferError, import_session, session_folders

    failed = False
    with _open_store() as store:
        for path in args.folders:
            try:
                folders = session_folders(path)
            except TransferError as exc:
                print(f"assistant: {exc}", file=sys.stderr)
                failed = True
                continue
            for folder in folders:
                try:
                    done = import_session(store, folder)
                except (TransferError, StoreError, OSError) as exc:
                    print(f"assistant: not imported: {exc}", file=sys.stderr)
                    failed = True
                    continue
                print(f"session {done.id} is already here; nothing changed" if done.already
                      else f"imported {done.id} from {folder}")
    return EXIT_BAD_INPUT if failed else 0


def _purge(args: argparse.Namespace) -> int:
    from assistant.sessions.session import SessionState

    with _open_store() as store:
        if args.all:
            chosen = store.list()
            if not _confirmed(len(chosen), args.yes):
                print(say(MESSAGES, "kept_all"))
                return 0
        elif args.older_than is not None:
            limit = datetime.now() - timedelta(days=args.older_than)
            chosen = [i for i in store.list() if i.started_at < limit]
        else:
            chosen = [_find(store, prefix) for prefix in args.ids]
        busy = [i for i in chosen if i.state is SessionState.RECORDING]
        for info in busy:
            print(say(MESSAGES, "busy", id=info.id), file=sys.stderr)
        gone = [i for i in chosen if i.state is not SessionState.RECORDING]
        for info in gone:
            store.delete(info.id)
            print(say(MESSAGES, "removed", id=info.id, start=f"{info.started_at:%Y-%m-%d %H:%M}",
                      agent=info.agent, length=_clock(info.duration_s),
                      audio=say(MESSAGES, "with_audio") if info.audio_file else ""))
    print(say(MESSAGES, "removed_one") if len(gone) == 1
          else say(MESSAGES, "removed_many", n=len(gone)))
    return 0


def _note(args: argparse.Namespace) -> int:
    from assistant.ground.errors import UserError
    from assistant.sessions.session import SessionState

    with _open_store() as store:
        info = _find(store, args.id)
        if info.state is not SessionState.RECORDING and args.at > info.duration_s + 1.0:
            raise UserError(say(MESSAGES, "after_end", at=_clock(args.at),
                                length=_clock(info.duration_s)))
        note = store.add_note(info.id, args.at, " ".join(args.text), args.author)
    print(f"note {note.id} on {info.id} at {_clock(note.t)}")
    return 0


# --- formatting --------------------------------------------------------------------------


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
