"""kf-10: no denying the problem, and no refusal left without a next step."""

from __future__ import annotations

from assistant.conduct.details import detail_text
from tests.unit.conduct.scripted_call import ScriptedCall
from tests.unit.conduct.test_courtesy import agent_says, detail
from tests.unit.conduct.test_rules import polite_call


def test_a_denial_is_missed_with_the_phrase_heard_and_never_prompted():
    call = agent_says("这不是我们的问题，是快递公司的", "我帮您联系快递公司")
    call.run(until=30.0)
    assert call.finding("no_denial") == "missed"
    text = detail(call, "no_denial")
    assert text.startswith("denied: “这不是我们的问题” [") and "no next step" not in text
    assert detail_text(text, "zh").startswith("否认问题：“这不是我们的问题”")
    assert call.raised("no_denial") == []
    [finding] = [f for f in call.summary.findings if f.rule == "no_denial"]
    assert finding.clause == "kf-10" and finding.times == (10.4,)


def test_a_refusal_needs_a_next_step_after_it():
    left = agent_says("您好", "这个不行", "您看还有别的问题吗")
    left.run(until=30.0)
    assert left.finding("no_denial") == "missed"
    assert detail(left, "no_denial").startswith("no next step after “不行”")
    answered = agent_says("您好", "这个不行", "不过我帮您换一个时间")
    answered.run(until=30.0)
    assert answered.finding("no_denial") == "met"
    too_early = agent_says("我帮您看一下", "这个不行")  # the next step came before the refusal
    too_early.run(until=30.0)
    assert too_early.finding("no_denial") == "missed"


def test_the_polite_call_meets_it_and_a_deaf_one_is_not_checked():
    call = polite_call()
    call.run(until=34.0)
    assert call.finding("no_denial") == "met" and call.raised() == []
    deaf = polite_call()
    deaf.hearing = False
    deaf.run(until=34.0)
    assert deaf.finding("no_denial") == "not_checked"


def test_english_denials_are_heard_too():
    from tests.unit.conduct.scripted_call import pack_for
    call = ScriptedCall(pack=pack_for("en"))
    call.turn("agent", 0.5, 3.0, "that's not our problem, sorry")
    call.run(until=6.0)
    assert call.finding("no_denial") == "missed"
    assert "“that's not our problem”" in detail(call, "no_denial")
