"""`assistant synth`: a call spoken from a scenario file (espeak-ng)."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.ground.errors import UserError
from assistant.ground.reader import say

MESSAGES = {"wrote": {"en": "wrote {path} ({seconds} s, {turns} turns)",
                      "zh": "已写入 {path}（{seconds} 秒，{turns} 轮对话）"}}


def add_synth_parser(sub: argparse._SubParsersAction) -> None:
    synth = sub.add_parser("synth", help="synthesise a call from a scenario file (espeak-ng)")
    synth.add_argument("scenario", type=Path)
    synth.add_argument("-o", "--out", type=Path, required=True, help="WAV or FLAC to write")
    synth.set_defaults(handler=_synth)


def _synth(args: argparse.Namespace) -> int:
    from assistant.scenario.scenario_file import ScenarioError
    from assistant.scenario.synth import main_synth

    try:
        call = main_synth(args.scenario, args.out)
    except ScenarioError as exc:
        raise UserError(str(exc)) from None
    print(say(MESSAGES, "wrote", path=call.path, seconds=f"{call.duration_s:.1f}",
              turns=len(call.turns)))
    return 0
