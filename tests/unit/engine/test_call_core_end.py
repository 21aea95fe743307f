"""A call ends once: finishing a call the softphone already ended adds no second end."""

from __future__ import annotations

from assistant.conduct.pack import default_pack_path, load_pack
from assistant.engine.call_core import CallCore
from assistant.ground.events import CallAction, CallControl, Channel, Status


def ends(events: list) -> list[CallControl]:
    return [e for e in events if isinstance(e, CallControl) and e.action is CallAction.END]


def test_an_ended_call_is_not_ended_again_by_finish():
    events: list = []
    core = CallCore(load_pack(default_pack_path("zh")), has_caller=True, sinks=[events.append])
    core.control(0.0, CallAction.START)
    core.control(30.0, CallAction.END, by=Channel.CALLER)
    summary = core.finish(31.0)
    assert ends(events) == [CallControl(30.0, CallAction.END, Channel.CALLER)]
    verdict = {f.rule: f.status for f in summary.findings}
    assert verdict["caller_hangs_up_first"] is Status.MET


def test_a_call_nobody_ended_is_ended_by_finish():
    events: list = []
    core = CallCore(load_pack(default_pack_path("zh")), has_caller=True, sinks=[events.append])
    core.control(0.0, CallAction.START)
    core.finish(12.0)
    assert ends(events) == [CallControl(12.0, CallAction.END)]
