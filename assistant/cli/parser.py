"""The `assistant` command's parser: one sub-command per group, help in the reader's language."""

from __future__ import annotations

import argparse

from assistant import __version__
from assistant.cli.analyze import add_analysis_parsers
from assistant.cli.app import add_main_job
from assistant.cli.call import add_call_parser
from assistant.cli.devices import add_devices_parser
from assistant.cli.models import add_models_parser
from assistant.cli.pack import add_pack_parser
from assistant.cli.replay import add_replay_parser
from assistant.cli.report import add_report_parser
from assistant.cli.rollout import add_supervise_parser
from assistant.cli.sessions import add_sessions_parser
from assistant.cli.synth import add_synth_parser

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
}
"""The top-level help in Chinese (``--ui-lang zh`` or a Chinese locale); options keep English."""


def help_lang(argv: list[str]) -> str:
    from assistant.ground.terminal import terminal_lang

    explicit = None
    for i, arg in enumerate(argv):
        if arg == "--ui-lang" and i + 1 < len(argv):
            explicit = argv[i + 1]
        elif arg.startswith("--ui-lang="):
            explicit = arg.split("=", 1)[1]
    return terminal_lang(explicit)


def word_help(parser: argparse.ArgumentParser, lang: str) -> None:
    if lang != "zh":
        return
    parser.description = _HELP_ZH[""]
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for choice in getattr(action, "_choices_actions", ()):
            choice.help = _HELP_ZH.get(choice.dest, choice.help)


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
    add_main_job(parser)
    return parser
