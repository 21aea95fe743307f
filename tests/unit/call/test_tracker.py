"""Call phases from speech activity, phrases and softphone events."""

from __future__ import annotations

from assistant.core.events import PhaseChanged
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
