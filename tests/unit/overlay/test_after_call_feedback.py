"""After the call, a short card: the misses with clause and standard wording, what went
well; nothing of it during the call, dismissable, gone when the next call starts."""

from __future__ import annotations

from datetime import datetime

from assistant.engine.call_core import CallCore
from assistant.ground.events import CallAction, Phase
from tests.unit.overlay.overlay_call import OverlayCall


def missed_greeting_call() -> OverlayCall:
    call = OverlayCall(call_time=datetime(2026, 11, 25, 14, 30))
    call.turn("agent", 0.5, 2.0, "喂，什么事")
    call.turn("caller", 2.5, 6.0, "我要查一下话费")
    call.turn("agent", 6.5, 9.0, "好的，您的话费是五十元")
    call.turn("caller", 9.5, 10.5, "好的")
    call.turn("agent", 11.0, 13.0, "感谢您的来电，再见")
    call.control(14.0, "end", "caller")
    return call


def test_the_missed_greeting_comes_after_the_call_with_clause_and_wording():
    call = missed_greeting_call()
    state = call.play_to(13.5)
    assert state.feedback is None  # never during the call
    assert all(e.prompt.rule not in ("greeting", "self_intro") for e in call.raised())
    state = call.end(15.0)
    assert state.phase is Phase.ENDED
    feedback = state.feedback
    missed = {item.rule: item for item in feedback.missed}
    assert {"greeting", "self_intro", "closing_recap"} <= set(missed)
    assert missed["greeting"].clause_label == "第十一条(2)"
    assert missed["greeting"].wording == "下午好"
    assert "小王" in missed["self_intro"].wording
    assert {item.rule for item in feedback.went_well} >= {"closing_thanks"}
    state.set_lang("en")
    assert state.feedback.missed[0].clause_label.startswith("Article")


def test_the_card_is_dismissed_and_the_next_call_clears_it():
    call = missed_greeting_call()
    state = call.end(15.0)
    state.dismiss_feedback()
    assert state.feedback is None
    call = missed_greeting_call()
    state = call.end(15.0)
    assert state.feedback is not None
    next_call = CallCore(call.pack, has_caller=True, sinks=[state])
    next_call.control(20.0, CallAction.START)
    assert state.feedback is None and state.findings == ()
