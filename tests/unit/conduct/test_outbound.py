"""kf-11.1 outbound: an unanswered call the agent placed is hung up only after six rings."""

from __future__ import annotations

import pytest

from assistant.conduct.details import detail_text
from tests.unit.conduct.scripted_call import ScriptedCall, pack_for


def outbound(end_after: float | None, answer_after: float | None = None,
             by: str | None = "agent", **rule: object) -> ScriptedCall:
    call = ScriptedCall(pack=pack_for(outbound_rings=rule) if rule else pack_for())
    call.control(1.0, "dial")
    if answer_after is not None:
        call.control(1.0 + answer_after, "start")
    if end_after is not None:
        call.control(1.0 + end_after, "end", by)
    return call


def detail(call: ScriptedCall, rule: str = "outbound_rings") -> str:
    return next(f.detail for f in call.summary.findings if f.rule == rule)


def test_hanging_up_before_six_rings_is_missed_after_the_call_and_never_prompted():
    call = outbound(end_after=9.0)
    call.run(until=12.0)
    assert call.finding("outbound_rings") == "missed"
    assert detail(call) == "hung up unanswered after 9 s (limit 24 s)"
    assert detail_text(detail(call), "zh") == "未接通即挂断：响铃 9 秒（应至少 24 秒）"
    assert call.raised("outbound_rings") == []
    [finding] = [f for f in call.summary.findings if f.rule == "outbound_rings"]
    assert finding.clause == "kf-11.1" and finding.times == (10.0,)


def test_waiting_out_six_rings_is_met():
    call = outbound(end_after=24.5)
    call.run(until=27.0)
    assert call.finding("outbound_rings") == "met"


@pytest.mark.parametrize("end_after, answer_after, by", [
    (30.0, 5.0, "agent"),    # answered after one ring: the agent talked, then hung up
    (4.0, None, "caller"),   # the other side refused the call
])
def test_answered_refused_or_unfinished_calls_ask_nothing(end_after, answer_after, by):
    call = outbound(end_after, answer_after, by)
    call.run(until=40.0)
    assert call.finding("outbound_rings") == "not_applicable"


def test_who_ended_a_short_unanswered_call_must_be_known_and_long_ringing_is_met():
    unknown = outbound(end_after=9.0, by=None)
    unknown.run(until=12.0)
    assert unknown.finding("outbound_rings") == "not_checked"
    still_ringing = outbound(end_after=None)  # the recording ends 39 s after dialling
    still_ringing.run(until=40.0)
    assert still_ringing.finding("outbound_rings") == "met"


def test_an_inbound_call_is_not_judged_and_the_pack_sets_the_rings():
    inbound = ScriptedCall()
    inbound.control(0.5, "ring").control(3.0, "start")
    inbound.run(until=6.0)
    assert inbound.finding("outbound_rings") == "not_applicable"
    assert inbound.finding("answer_within_rings") == "met"
    three = outbound(end_after=13.0, rings=3)
    three.run(until=15.0)
    assert three.finding("outbound_rings") == "met"


def test_the_softphone_can_send_dial():
    from assistant.control.protocol import make_command, parse_command
    command = parse_command(b'{"action": "dial"}')
    assert command == make_command("dial") and command.action.value == "dial"
