"""An outbound call marked by softphone hooks over the real control socket: `assistant call
dial`, then `assistant call end --by agent` before six rings, is missed in the call's findings."""

from __future__ import annotations

import numpy as np

from assistant.audio.block import BLOCK_SAMPLES, Block
from assistant.cli import main
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.control import ControlServer
from assistant.control.inbox import ControlInbox
from assistant.core.events import CallAction
from assistant.core.pipeline import Pipeline


def run_outbound(capsys, rang_blocks: int) -> str:
    pipeline = Pipeline(load_pack(default_pack_path("zh")), has_caller=True, sinks=[])
    pipeline.control(CallAction.START)
    inbox = ControlInbox()
    silence = np.zeros(BLOCK_SAMPLES, dtype=np.float32)
    position = 0

    def feed(n: int) -> None:
        nonlocal position
        for _ in range(n):
            inbox.apply(pipeline)
            pipeline.feed(Block(position, silence, silence))
            position += BLOCK_SAMPLES

    with ControlServer(inbox.post):
        feed(5)
        assert main(["call", "dial"]) == 0
        feed(rang_blocks)
        assert main(["call", "end", "--by", "agent"]) == 0
        feed(2)
    capsys.readouterr()
    summary = pipeline.finish()
    return next(f.status.value for f in summary.findings if f.rule == "outbound_rings")


def test_hanging_up_after_two_rings_is_missed_and_after_six_is_met(runtime, capsys):
    assert run_outbound(capsys, rang_blocks=80) == "missed"   # 8 s: two rings
    assert run_outbound(capsys, rang_blocks=250) == "met"     # 25 s: six rings and more
