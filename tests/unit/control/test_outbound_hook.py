"""An outbound call marked by softphone hooks over the real control socket: `assistant call
dial`, then `assistant call end --by agent` before six rings, is missed in the call's findings."""

from __future__ import annotations

from assistant.cli import main
from assistant.control import ControlServer
from tests.unit.control.silent_call import SilentCall


def run_outbound(capsys, rang_blocks: int) -> str:
    call = SilentCall()
    with ControlServer(call.inbox.post):
        call.feed(5)
        assert main(["call", "dial"]) == 0
        call.feed(rang_blocks)
        assert main(["call", "end", "--by", "agent"]) == 0
        call.feed(2)
    capsys.readouterr()
    summary = call.pipeline.finish()
    return next(f.status.value for f in summary.findings if f.rule == "outbound_rings")


def test_hanging_up_after_two_rings_is_missed_and_after_six_is_met(runtime, capsys):
    assert run_outbound(capsys, rang_blocks=80) == "missed"   # 8 s: two rings
    assert run_outbound(capsys, rang_blocks=250) == "met"     # 25 s: six rings and more
