"""`assistant analyze`, `listen` and `demo`: the parsers; the work is in
:mod:`assistant.cli.analysis`, imported when a command runs so `assistant --help` stays instant."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from assistant.ground.reader import say

_MESSAGES = {
    "no_call_time": {
        "en": "assistant: the call time is not in the recording, a sidecar .toml or the file "
              "name: the greeting is not held to a time of day; give it with "
              "--call-time 2026-11-25T14:30",
        "zh": "assistant: 录音、旁边的 .toml 文件和文件名里都没有通话时间：问候语不按时段检查；"
              "请用 --call-time 2026-11-25T14:30 指定"},
    "not_iso": {"en": "not an ISO date-time: {value!r} (e.g. 2026-11-25T14:30)",
                "zh": "不是 ISO 格式的日期时间：{value!r}（例如 2026-11-25T14:30）"},
}


def add_analysis_parsers(sub: argparse._SubParsersAction) -> None:
    analyze = sub.add_parser("analyze", help="run a recorded call through the pipeline")
    analyze.add_argument("call", type=Path, help="WAV or FLAC (stereo = agent + caller), or a "
                                                 "folder of them (batch: a table per agent)")
    _analysis_options(analyze)
    _record_options(analyze, batch=True)
    analyze.add_argument("--cluster", metavar="ADDRESS", default=None,
                         help="folder or manifest (.csv/.txt: path[,agent_name,agent_id,"
                              "call_time] per line): analyse on the Dask cluster at ADDRESS "
                              "(tcp://host:8786, or a scheduler file .json); every call is "
                              "written to the central store, else the local session store")
    analyze.set_defaults(handler=_analyze)

    listen = sub.add_parser("listen", help="live capture, headless: prompts on stdout")
    listen.add_argument("--agent-device", default=None,
                        help="agent microphone: index or part of the name (default input)")
    listen.add_argument("--caller-device", default=None,
                        help="caller audio: the softphone's output device by loopback "
                             "(\"… [Loopback]\", \"Monitor of …\"), index or part of the "
                             "name; omit for agent only")
    listen.add_argument("--agent-input", type=int, default=0, metavar="N",
                        help="input channel of the agent device (0 = first)")
    listen.add_argument("--caller-input", type=int, default=0, metavar="N",
                        help="input channel of the caller device (0 = first)")
    listen.add_argument("--seconds", type=float, default=None,
                        help="stop after this much audio (default: until Ctrl-C)")
    _analysis_options(listen, with_call_time=False, with_channel=False)
    _record_options(listen)
    listen.set_defaults(handler=_listen)

    demo = sub.add_parser("demo", help="analyse the bundled demo call (--overlay: play it in "
                                        "the overlay)")
    _analysis_options(demo, with_call_time=False)
    demo.add_argument("--overlay", action="store_true",
                      help="play the call through the pipeline into the overlay window")
    demo.add_argument("--speed", type=float, default=1.0,
                      help="with --overlay: playback speed (1 = real time)")
    demo.add_argument("--screenshot", type=Path, metavar="FILE",
                      help="render the overlay at --at seconds to a PNG (offscreen) and exit")
    demo.add_argument("--at", type=float, default=30.0, metavar="SECONDS",
                      help="audio time of the --screenshot (default 30)")
    demo.add_argument("--ui-lang", choices=["zh", "en"], default=None,
                      help="overlay language (default: the pack's)")
    demo.add_argument("--mode", choices=["compact", "expanded"], default=None,
                      help="overlay mode (default: the last one used)")
    demo.set_defaults(handler=_demo, recogniser=None)  # None: the installed model's


def _analysis_options(p: argparse.ArgumentParser, with_call_time: bool = True,
                      with_channel: bool = True) -> None:
    p.add_argument("--lang", choices=["zh", "en", "ko"], default=None,
                   help="language (default: the pack's, else zh)")
    p.add_argument("--pack", type=Path, help="prompt pack TOML (default: default-LANG)")
    if with_channel:
        p.add_argument("--agent-channel", choices=["left", "right"], default="left",
                       help="which side of a stereo recording is the agent")
    p.add_argument("--model", type=Path, help="vosk model folder (default: installed for LANG)")
    p.add_argument("--recogniser", choices=["grammar", "free", "whisper", "off"],
                   default="grammar",
                   help="grammar: vosk, phrase lists only (fast); free: vosk, full text; "
                        "whisper: Whisper base, full text (zh, en; the model's folder is "
                        "--model); off: acoustic only")
    p.add_argument("--agent-name", default="")
    p.add_argument("--agent-id", default="")
    p.add_argument("--json", action="store_true", help="JSON lines instead of a timeline")
    if with_call_time:
        p.add_argument("--call-time", type=_iso_time,
                       help="local start time, ISO (default: the file's modification time)")


def _record_options(p: argparse.ArgumentParser, batch: bool = False) -> None:
    p.add_argument("--record", action="store_true",
                   help="keep the call as a session (`assistant sessions`); audio too if the "
                        "pack records it")
    if batch:
        p.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="folder: calls analysed in parallel (default: the CPU cores)")


def _iso_time(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(say(_MESSAGES, "not_iso", value=value)) from None


def _analyze(args: argparse.Namespace) -> int:
    from assistant.cli.analysis import analyse_file

    if args.cluster:
        from assistant.archive.cluster import analyse_on_cluster

        return analyse_on_cluster(args.call, args)
    if args.call.is_dir():
        from assistant.archive.batch import analyse_folder

        return analyse_folder(args.call, args)
    from assistant.audio.call_time import TimeSource, call_time_of

    found = call_time_of(args.call, args.call_time)
    unknown = found.source is TimeSource.UNKNOWN
    return analyse_file(args.call, call_time=found.when, args=args,
                        time_note=say(_MESSAGES, "no_call_time") if unknown else "")


def _listen(args: argparse.Namespace) -> int:
    from assistant.cli.analysis import listen

    return listen(args)


def _demo(args: argparse.Namespace) -> int:
    if getattr(args, "recogniser", None) is None:
        from assistant.engine.installed import installed_mode
        from assistant.engine.packs import choose_pack

        args.recogniser = installed_mode(choose_pack(args.pack, args.lang).language)
    if getattr(args, "overlay", False) or getattr(args, "screenshot", None):
        from assistant.ui.demo import run_demo

        return run_demo(args)
    from assistant.cli.analysis import analyse_file
    from assistant.scenario.demo import demo_call, demo_controls

    path, call_time = demo_call()
    if not getattr(args, "json", False):
        from assistant.ground.terminal import TerminalWords, terminal_lang

        print(TerminalWords(terminal_lang(getattr(args, "terminal_lang", None)))("demo"))
    return analyse_file(path, call_time=call_time, args=args, controls=demo_controls())


def run_demo_timeline(outer: argparse.Namespace) -> int:
    """The demo call as a timeline on the terminal, with the `demo` command's defaults."""
    parser = argparse.ArgumentParser(add_help=False)
    _analysis_options(parser, with_call_time=False)
    args = parser.parse_args([])
    args.recogniser = None
    args.terminal_lang = getattr(outer, "terminal_lang", None)
    return _demo(args)
