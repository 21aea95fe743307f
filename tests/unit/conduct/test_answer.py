"""kf-11.1: answer within three rings, when the softphone reports ringing."""

from __future__ import annotations

from assistant.conduct.pack import default_pack_path, load_pack
from assistant.conduct.rules.answer import AnswerWithinRingsRule
from assistant.engine.call_core import CallCore
from assistant.ground.events import CallAction, PromptRaised, PromptResolved, Status


def core_with_rule() -> tuple[CallCore, list[object]]:
    events: list[object] = []
    core = CallCore(load_pack(default_pack_path("zh")), has_caller=True, sinks=[events.append])
    assert any(isinstance(rule, AnswerWithinRingsRule) for rule in core.engine.rules)
    return core, events


def run(core: CallCore, ring_at: float | None, answer_at: float, end: float = 20.0):
    t = 0.0
    while t <= end + 1e-9:
        if ring_at is not None and abs(t - ring_at) < 1e-9:
            core.control(t, CallAction.RING)
        if abs(t - answer_at) < 1e-9:
            core.control(t, CallAction.START)
        core.advance(round(t, 1))
        t = round(t + 0.1, 1)
    return {f.rule: f for f in core.finish(end).findings}


def test_answered_within_three_rings_is_met_and_silent():
    core, events = core_with_rule()
    findings = run(core, 1.0, 9.0)
    assert findings["answer_within_rings"].status is Status.MET
    assert not [e for e in events if isinstance(e, PromptRaised)
                and e.prompt.rule == "answer_within_rings"]


def test_a_late_answer_is_prompted_while_ringing_and_missed():
    core, events = core_with_rule()
    findings = run(core, 1.0, 15.0)
    raised = [e for e in events if isinstance(e, PromptRaised)
              and e.prompt.rule == "answer_within_rings"]
    assert [e.t for e in raised] == [13.0] and raised[0].prompt.clause == "kf-11.1"
    assert "3" in raised[0].prompt.text
    resolved = [e for e in events if isinstance(e, PromptResolved)
                and e.rule == "answer_within_rings"]
    assert [(e.t, e.reason) for e in resolved] == [(15.0, "answered")]
    assert findings["answer_within_rings"].status is Status.MISSED


def test_without_ringing_it_does_not_apply():
    core, _ = core_with_rule()
    assert run(core, None, 2.0)["answer_within_rings"].status is Status.NOT_APPLICABLE
