"""Call phases from speech activity, phrases and softphone events."""

from __future__ import annotations

from assistant.ground.events import PhaseChanged
from tests.unit.conduct.scripted_call import ScriptedCall
from tests.unit.conduct.test_rules import polite_call


def phases(call: ScriptedCall) -> list[tuple[str, float]]:
    return [(e.phase.value, round(e.t, 1)) for e in call.events if isinstance(e, PhaseChanged)]


def test_polite_call_goes_through_every_phase():
    call = polite_call()
    call.run(until=34.0)
    assert phases(call)[:3] == [
        ("greeting", 0.0),
        ("conversation", 4.6),  # the caller answers the opening
        ("hold", 14.5),  # 4 s of silence after the agent announced the lookup
    ]
    names = [p for p, _ in phases(call)]
    assert names == ["greeting", "conversation", "hold", "closing", "ended"]


def test_without_a_call_event_or_auto_start_the_tracker_stays_idle():
    call = ScriptedCall(start=False)
    call.turn("agent", 2.0, 4.0)
    call.run(until=5.0)
    assert phases(call) == []  # no call event and no auto start: still idle


def test_explicit_hold_and_resume_win_over_audio():
    call = ScriptedCall()
    call.turn("agent", 0.5, 3.0).turn("caller", 3.5, 5.0)
    call.control(6.0, "hold").turn("caller", 8.0, 12.0)  # music-on-hold chatter: still on hold
    call.control(20.0, "resume")
    call.run(until=21.0)
    assert [p for p in phases(call) if p[0] in ("hold", "conversation")][-2:] == [
        ("hold", 6.0), ("conversation", 20.0)]


def test_short_caller_acknowledgement_keeps_the_hold():
    call = ScriptedCall()
    call.turn("agent", 0.5, 3.0).turn("caller", 3.5, 5.0).turn("agent", 5.5, 7.0)
    call.turn("agent", 15.0, 16.0).turn("caller", 16.5, 17.2)  # update, "好的"
    call.turn("caller", 30.0, 34.0)
    call.run(until=35.0)
    holds = [p for p in phases(call) if p[0] == "hold"]
    assert holds == [("hold", 11.0)]
    assert phases(call)[-2] == ("conversation", 31.5)


def caller_asks_to_wait(**options) -> ScriptedCall:
    call = ScriptedCall(**options)
    heard = call.hearing_caller if call.hearing_caller is not None else call.hearing
    agent = (lambda text: text) if call.hearing else (lambda text: None)
    caller = (lambda text: text) if heard and call.has_caller else (lambda text: None)
    who = "caller" if call.has_caller else "agent"  # mono: the caller is in the one channel
    call.turn("agent", 0.5, 4.0, agent("下午好，我是小王，工号一二三四"))
    if call.has_caller:
        call.turn(who, 4.5, 7.0, caller("你好，我想查一下快递"))
    call.turn("agent", 7.5, 9.0, agent("好的，请问单号是多少"))
    if call.has_caller:
        call.turn(who, 9.5, 11.0, caller("等一下，我找一下"))
    call.turn("agent", 11.5, 13.0, agent("好的，不着急"))  # the agent speaks last, then waits
    if call.has_caller:
        call.turn(who, 40.0, 43.0, caller("找到了，单号是七七八八"))
    return call


def test_caller_asking_to_wait_is_not_a_hold_when_heard():
    call = caller_asks_to_wait()
    call.run(until=44.0)
    assert [p for p, _ in phases(call)] == ["greeting", "conversation", "ended"]


def test_a_silence_nobody_can_attribute_is_no_hold_and_scolds_nobody():
    for options in ({"hearing": False}, {"has_caller": False}, {"hearing_caller": False}):
        call = caller_asks_to_wait(**options)
        call.run(until=44.0)
        assert "hold" not in [p for p, _ in phases(call)], options
        assert not call.raised("hold_update"), options
        assert call.finding("hold_update") == "not_checked", options
        assert call.summary is not None
        assert call.core_state.unclear_silences(44.0)[0][0] == 13.0


def test_an_announced_lookup_is_a_hold_even_without_the_callers_side():
    call = ScriptedCall(has_caller=False)
    call.turn("agent", 0.5, 4.0, "下午好，我是小王")
    call.turn("agent", 5.0, 7.0, "好的，请您稍等，我帮您查一下")
    call.turn("agent", 30.0, 32.0, "您的快递明天送到")
    call.run(until=33.0)
    assert ("hold", 11.0) in phases(call)
    assert [round(r.t) for r in call.raised("hold_update")] == [22]


def test_without_any_recogniser_only_the_softphone_says_hold():
    call = ScriptedCall(hearing=False)
    call.turn("agent", 0.5, 4.0).turn("caller", 4.5, 6.0).turn("agent", 6.5, 8.0)
    call.control(8.5, "hold").control(30.0, "resume")
    call.run(until=31.0)
    assert ("hold", 8.5) in phases(call)
    assert [round(r.t, 1) for r in call.raised("hold_update")] == [23.5]
