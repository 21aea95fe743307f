"""Each rule family on scripted timelines: when it prompts, when it resolves, what it finds."""

from __future__ import annotations

from datetime import datetime

import pytest

from assistant.engine.call_core import CallCore
from assistant.ground.events import (
    CallAction,
    Channel,
    PromptRaised,
    SpeechEnd,
    SpeechStart,
    Transcript,
    Word,
)
from tests.unit.conduct.scripted_call import GOOD_OPENING, ScriptedCall, pack_for


def polite_call() -> ScriptedCall:
    call = ScriptedCall()
    call.turn("agent", 0.5, 4.0, GOOD_OPENING)
    call.turn("caller", 4.6, 8.0, "你好，我想查一下我的快递")
    call.turn("agent", 8.5, 10.5, "好的，请您稍等，我帮您查一下")
    call.turn("agent", 18.0, 21.0, "您的快递明天送到")
    call.turn("caller", 21.5, 23.0, "好的谢谢")
    call.turn("agent", 23.5, 27.0, "跟您确认一下，明天上午送到，您看可以吗")
    call.turn("caller", 27.5, 28.5, "可以")
    call.turn("agent", 29.0, 32.0, "感谢您的来电，再见")
    call.control(33.0, "end", "caller")
    return call


def test_a_polite_call_raises_nothing_and_meets_every_phrase_rule():
    call = polite_call()
    call.run(until=34.0)
    assert call.raised() == []
    for rule in ("greeting", "self_intro", "closing_recap", "closing_thanks",
                 "caller_hangs_up_first", "forbidden_phrase"):
        assert call.finding(rule) == "met", rule
    assert call.finding("hold_update") == "met"  # the 7.5 s lookup was a hold, updated in time


def test_without_a_recogniser_phrase_rules_say_not_checked_and_never_prompt():
    call = polite_call()
    call.hearing = False
    call.run(until=34.0)
    assert call.raised() == []
    for rule in ("greeting", "self_intro", "closing_recap", "closing_thanks", "forbidden_phrase"):
        assert call.finding(rule) == "not_checked", rule


def test_wrong_time_of_day_greeting_is_judged_after_the_call_not_prompted_late():
    """The caller is already talking when a greeting could be judged: no live prompt."""
    call = ScriptedCall(call_time=datetime(2026, 11, 25, 19, 5))
    call.turn("agent", 0.5, 3.0, "早上好，我是小王")
    call.turn("caller", 3.5, 6.0, "你好")
    call.run(until=12.0)
    assert not call.raised("greeting") and not call.raised("self_intro")
    greeting = next(f for f in call.summary.findings if f.rule == "greeting")
    assert greeting.status.value == "missed" and "晚上好" in greeting.detail
    assert greeting.clause == "kf-11.2"
    assert 3.5 <= greeting.times[0] <= 5.5  # once the caller answers, plus the recogniser's lag


def test_missing_greeting_said_late_counts_as_missed_without_a_live_prompt():
    call = ScriptedCall()
    call.turn("agent", 0.5, 2.0, "喂，什么事")
    call.turn("caller", 2.5, 5.0, "我要查话费")
    call.turn("agent", 6.0, 8.0, "下午好，我是小王")
    call.run(until=15.0)
    assert call.raised() == []
    greeting = next(f for f in call.summary.findings if f.rule == "greeting")
    assert greeting.status.value == "missed"
    assert greeting.detail.startswith("late: “下午好” [0:0") and "after the opening" in greeting.detail


def test_a_prompt_about_words_heard_too_late_is_withheld_but_counted():
    """A recogniser that hands the words over 4 s after they were said: the prompt would
    come after its moment, so it is not shown live; the miss still counts."""
    core = CallCore(pack_for(), has_caller=True,
                    recognising={Channel.AGENT: True, Channel.CALLER: True})
    shown = []
    core.add_sink(lambda e: shown.append(e) if isinstance(e, PromptRaised) else None)
    core.control(0.0, CallAction.START)
    core.observe(SpeechStart(Channel.AGENT, 1.0))
    core.observe(SpeechEnd(Channel.AGENT, 2.0, 1.0))
    core.advance(2.5)
    core.observe(Transcript(Channel.AGENT, 2.0, "不知道", words=(Word("不知道", 1.2, 2.0),)))
    core.observe(SpeechStart(Channel.AGENT, 60.0))  # past the rule's cool-down
    core.observe(SpeechEnd(Channel.AGENT, 61.0, 60.0))
    core.advance(65.0)
    core.observe(Transcript(Channel.AGENT, 61.0, "我不知道", words=(Word("我不知道", 60.0, 61.0),)))
    summary = core.finish(66.0)
    assert [e.prompt.rule for e in shown] == ["forbidden_phrase"]  # the one heard in time
    assert len(core.engine.withheld) == 1
    forbidden = next(f for f in summary.findings if f.rule == "forbidden_phrase")
    assert forbidden.status.value == "missed" and len(forbidden.times) == 2


def test_generic_greeting_is_accepted_only_when_the_pack_says_so():
    strict, lenient = ScriptedCall(), ScriptedCall(pack=pack_for(greeting={"accept_generic": True}))
    for call in (strict, lenient):
        call.turn("agent", 0.5, 3.0, "您好，我是小王").turn("caller", 3.5, 5.0, "你好")
        call.run(until=10.0)
    assert strict.finding("greeting") == "missed"
    assert lenient.finding("greeting") == "met"


def test_hold_update_every_interval_from_the_agents_last_word_then_resolves_on_speech():
    call = ScriptedCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING)
    call.turn("caller", 3.5, 6.0, "帮我查一下订单")
    call.turn("agent", 6.5, 9.0, "请您稍等，我帮您查一下")
    call.turn("agent", 41.0, 43.0, "让您久等了")
    call.run(until=45.0)
    raised = [r.t for r in call.raised("hold_update")]
    assert raised == [pytest.approx(24.0, abs=0.11), pytest.approx(39.0, abs=0.11)]
    assert "15" in call.raised("hold_update")[0].prompt.text
    assert call.resolved("hold_update")[-1].reason == "agent updated the caller"
    assert not call.raised("hold_permission")  # permission was asked
    [callback] = call.raised("hold_callback")
    assert callback.t == pytest.approx(39.0, abs=0.11)


def test_an_update_restarts_the_hold_timer():
    call = ScriptedCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING).turn("caller", 3.5, 6.0, "查订单")
    call.turn("agent", 6.5, 9.0, "请您稍等，我帮您查一下")
    call.turn("agent", 20.0, 21.5, "正在为您查询")  # updates after 11 s
    call.turn("caller", 40.0, 43.0, "还要多久啊")
    call.run(until=44.0)
    assert [r.t for r in call.raised("hold_update")] == [pytest.approx(36.5, abs=0.11)]
    assert call.finding("hold_update") == "missed"


def test_caller_asking_to_wait_is_not_an_agent_hold():
    call = ScriptedCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING)
    call.turn("agent", 4.0, 6.0, "请问您的订单号是多少")
    call.turn("caller", 6.5, 8.0, "等一下，我找一下")
    call.turn("caller", 30.0, 33.0, "找到了，是一二三四五")
    call.run(until=34.0)
    assert not call.raised("hold_update")
    assert call.finding("hold_update") == "not_applicable"


def test_explicit_hold_without_permission_is_missed_after_the_call_not_cued_late():
    """Found 8 s into the hold, the missing permission is past its moment (the hold's
    start): no live prompt, a missed finding at the hold's start for the after-call card."""
    call = ScriptedCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING).turn("caller", 3.5, 6.0, "我要改地址")
    call.control(7.0, "hold")
    call.control(25.0, "resume")
    call.run(until=26.0)
    assert not call.raised("hold_permission")
    [kept] = [p for p in call.withheld if p.rule == "hold_permission"]
    assert kept.t == pytest.approx(7.0, abs=0.11)
    assert call.raised("hold_update")[0].t == pytest.approx(22.0, abs=0.11)
    assert call.resolved("hold_update")[0].reason == "hold ended"
    assert call.finding("hold_permission") == "missed"
    missed = next(f for f in call.summary.findings if f.rule == "hold_permission")
    assert missed.times == (pytest.approx(7.0, abs=0.11),)


def test_a_permission_grace_inside_the_live_window_still_prompts_live():
    call = ScriptedCall(pack=pack_for(hold_permission={"grace_s": 1.0}))
    call.turn("agent", 0.5, 3.0, GOOD_OPENING).turn("caller", 3.5, 6.0, "我要改地址")
    call.control(7.0, "hold")
    call.control(25.0, "resume")
    call.run(until=26.0)
    [asked] = call.raised("hold_permission")
    assert asked.t == pytest.approx(7.0, abs=0.11)


def test_closing_without_recap_or_thanks_prompts_at_the_right_moments():
    call = ScriptedCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING).turn("caller", 3.5, 8.0, "我的问题解决了")
    call.turn("agent", 8.5, 10.0, "还有其他问题吗")
    call.turn("caller", 10.5, 11.0, "没有了")
    call.turn("agent", 11.5, 12.5, "再见")
    call.control(13.0, "end", "agent")
    call.run(until=14.0)
    [recap] = call.raised("closing_recap")
    assert recap.t == pytest.approx(10.4, abs=0.01)
    [thanks] = call.raised("closing_thanks")
    assert thanks.t == pytest.approx(12.9, abs=0.01)
    assert call.finding("closing_recap") == "missed"
    assert call.finding("closing_thanks") == "missed"
    assert call.finding("caller_hangs_up_first") == "missed"


def test_who_hung_up_is_unknown_without_the_softphone():
    call = polite_call()
    call.timeline = [e for e in call.timeline if type(e).__name__ != "CallControl"]
    call.run(until=34.0)
    assert call.finding("caller_hangs_up_first") == "not_checked"


def test_forbidden_phrase_prompts_immediately_names_the_phrase_and_fades():
    call = ScriptedCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING).turn("caller", 3.5, 6.0, "为什么扣我钱")
    call.turn("agent", 6.5, 8.0, "这个我不知道")
    call.run(until=20.0)
    [raised] = call.raised("forbidden_phrase")
    assert raised.t == pytest.approx(8.4) and "不知道" in raised.prompt.text
    assert call.resolved("forbidden_phrase")[0].t == pytest.approx(14.4, abs=0.11)
    assert call.finding("forbidden_phrase") == "missed"


def test_pace_drift_needs_sustained_drift_and_clears_with_hysteresis():
    call = ScriptedCall()
    call.pace("caller", 10.0, 200.0)
    for t in range(11, 20):
        call.pace("agent", float(t), 280.0)  # ratio 1.4: too fast
    call.pace("agent", 20.0, 235.0)  # ratio 1.18: inside the raise band, outside the resolve band
    call.pace("agent", 21.0, 220.0)  # ratio 1.10: back in step
    call.run(until=22.0)
    [raised] = call.raised("pace_drift")
    assert raised.t == pytest.approx(17.0)
    assert "偏快" in raised.prompt.text and "280" in raised.prompt.text
    assert call.resolved("pace_drift")[0].t == pytest.approx(21.0)


def test_pace_prompt_words_each_cause_its_own_way():
    """Out of step with the caller, too fast for anyone, or no caller to compare with: the
    prompt never tells an agent at the caller's own pace to match the caller."""
    def run(agent: float, caller: float | None, has_caller: bool = True) -> str:
        call = ScriptedCall(has_caller=has_caller)
        if caller is not None:
            call.pace("caller", 10.0, caller)
        for t in range(11, 20):
            call.pace("agent", float(t), agent)
        call.run(until=20.0)
        [raised] = call.raised("pace_drift")
        return raised.prompt.text

    step = run(270.0, 200.0)
    assert "客户 200 字/分" in step and "请与客户语速相符" in step
    both_fast = run(300.0, 300.0)
    assert "300" in both_fast and "客户" not in both_fast and "120–280" in both_fast
    mono = run(300.0, None, has_caller=False)
    assert "没有客户声道" in mono and "客户 0" not in mono


def test_brief_pace_spike_raises_nothing():
    call = ScriptedCall()
    call.pace("caller", 10.0, 200.0)
    for t, spm in ((11, 290.0), (12, 290.0), (13, 210.0), (14, 205.0)):
        call.pace("agent", float(t), spm)
    call.run(until=15.0)
    assert not call.raised("pace_drift")
    assert call.finding("pace_drift") == "met"


def test_pace_without_caller_uses_the_absolute_band():
    call = ScriptedCall(has_caller=False)
    for t in range(10, 20):
        call.pace("agent", float(t), 300.0)
    call.run(until=20.0)
    assert len(call.raised("pace_drift")) == 1
    assert "no caller channel" in next(f.detail for f in call.summary.findings
                                       if f.rule == "pace_drift")


@pytest.mark.parametrize("dbfs, clipped, word", [(-5.0, False, "过大"), (-25.0, True, "过大"),
                                                 (-50.0, False, "过小")])
def test_volume_out_of_band(dbfs, clipped, word):
    call = ScriptedCall()
    call.level(1.0, 7.0, dbfs, clipped)
    call.run(until=8.0)
    [raised] = call.raised("volume")
    assert word in raised.prompt.text
    assert raised.t == pytest.approx(4.9, abs=0.11)  # after a full window of speech


def test_normal_volume_raises_nothing():
    call = ScriptedCall()
    call.level(1.0, 20.0, -22.0)
    call.run(until=21.0)
    assert not call.raised("volume")


def test_overtalk_counts_only_a_sustained_interruption_of_the_caller():
    call = ScriptedCall()
    call.turn("caller", 1.0, 10.0)
    call.turn("agent", 4.0, 4.6)  # a backchannel: short overlap
    call.turn("agent", 7.0, 12.0)  # talks over the caller for 3 s
    call.run(until=13.0)
    [raised] = call.raised("overtalk")
    assert raised.t == pytest.approx(8.5)  # certain once the speech-end lag has passed
    assert raised.prompt.detail["cut_in"] == pytest.approx(7.0)
    assert call.resolved("overtalk")[0].t == pytest.approx(10.0)
    overtalk = next(f for f in call.summary.findings if f.rule == "overtalk")
    assert overtalk.times == (7.0,)


def test_caller_interrupting_the_agent_is_not_overtalk():
    call = ScriptedCall()
    call.turn("agent", 1.0, 10.0).turn("caller", 5.0, 12.0)
    call.run(until=13.0)
    assert not call.raised("overtalk")


def test_long_caller_turn_without_acknowledgement_prompts_a_backchannel():
    call = ScriptedCall()
    for start in range(1, 30, 4):  # caller talks in sentences with short pauses
        call.turn("caller", float(start), start + 3.5)
    call.run(until=35.0)
    [raised] = call.raised("backchannel")
    assert raised.t == pytest.approx(21.0, abs=0.11)
    assert call.resolved("backchannel")[0].reason == "caller finished"


def test_acknowledging_keeps_backchannel_quiet():
    call = ScriptedCall()
    for start in range(1, 30, 4):
        call.turn("caller", float(start), start + 3.5)
    call.turn("agent", 12.0, 12.4).turn("agent", 24.6, 24.9)
    call.run(until=34.0)
    assert not call.raised("backchannel")


def test_no_caller_channel_listening_rules_not_checked():
    call = ScriptedCall(has_caller=False)
    call.turn("agent", 1.0, 5.0)
    call.run(until=6.0)
    assert call.finding("overtalk") == "not_checked"
    assert call.finding("backchannel") == "not_checked"


def test_disabled_rule_is_silent():
    call = ScriptedCall(pack=pack_for(forbidden_phrase={"enabled": False}))
    call.turn("agent", 0.5, 3.0, "我不知道")
    call.run(until=6.0)
    assert not call.raised("forbidden_phrase")
    assert all(f.rule != "forbidden_phrase" for f in call.summary.findings)


def test_cooldown_thins_out_repeats_but_findings_count_every_violation():
    call = ScriptedCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING)
    call.turn("agent", 4.0, 5.0, "不知道").turn("agent", 6.0, 7.0, "没办法")
    call.turn("agent", 30.0, 31.0, "不知道")
    call.run(until=40.0)
    assert [round(r.t, 1) for r in call.raised("forbidden_phrase")] == [5.4, 31.4]
    finding = next(f for f in call.summary.findings if f.rule == "forbidden_phrase")
    assert len(finding.times) == 3 and "没办法" in finding.detail


def test_caller_acknowledging_the_hold_then_waiting_is_a_hold():
    call = ScriptedCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING).turn("caller", 3.5, 6.0, "帮我查一下订单")
    call.turn("agent", 6.5, 9.0, "请您稍等，我帮您查一下")
    call.turn("caller", 9.3, 9.8, "好的")
    call.turn("agent", 30.0, 32.0, "让您久等了")
    call.run(until=33.0)
    assert [round(r.t, 1) for r in call.raised("hold_update")] == [24.8]


def test_silence_after_a_resume_counts_from_the_resume():
    call = ScriptedCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING).turn("caller", 3.5, 6.0, "我要改地址")
    call.turn("agent", 6.5, 8.0, "请您稍等")
    call.control(8.5, "hold").control(20.0, "resume")
    call.turn("agent", 30.0, 32.0, "地址已经改好了")
    call.run(until=33.0)
    assert [round(r.t, 1) for r in call.raised("hold_update")] == []  # due at 35 s, not 23 s


def test_thanks_in_the_opening_neither_closes_the_call_nor_counts_as_closing_thanks():
    call = ScriptedCall(pack=pack_for("en"))
    call.turn("agent", 0.5, 4.0, "good afternoon thank you for calling my name is anna")
    call.turn("caller", 4.5, 7.0, "hi i have a question about my bill")
    call.turn("agent", 7.5, 9.0, "let me check that for you")
    call.run(until=10.0)
    assert not call.raised("closing_recap")
    assert all(e.phase.value != "closing" for e in call.events if type(e).__name__ == "PhaseChanged")
    assert call.finding("closing_thanks") == "missed"


def test_checks_nothing_asked_for_are_not_needed_rather_than_met():
    call = ScriptedCall()
    call.turn("agent", 0.5, 3.0)  # the agent alone, nothing recognised, too short to judge
    call.run(until=4.0)
    for rule in ("overtalk", "backchannel", "forbidden_phrase", "volume"):
        assert call.finding(rule) == "not_applicable", rule


def test_a_long_caller_turn_acknowledged_is_met_and_a_short_hold_needs_no_callback():
    call = ScriptedCall()
    call.turn("agent", 0.5, 3.0, "下午好，请您稍等，我帮您查一下")
    call.turn("agent", 29.0, 30.0, "查到了")  # a 26-s hold: shorter than the callback's 30 s
    for start in range(31, 57, 4):
        call.turn("caller", float(start), start + 3.5)
    call.turn("agent", 40.0, 40.4, "嗯")
    call.run(until=60.0)
    assert call.finding("hold_callback") == "not_applicable"
    assert call.finding("backchannel") == "met"
    assert call.finding("overtalk") == "met"
    assert call.finding("forbidden_phrase") == "met"


def test_a_pace_just_over_the_ceiling_within_the_readings_error_raises_nothing():
    """A reading 3 % over the 280 字/分 ceiling may be a true pace under it (the reading's
    own error is ``reading_margin``): no prompt, however long it lasts; 10 % over is."""
    def raised(agent: float) -> int:
        call = ScriptedCall(has_caller=False)
        for t in range(10, 30):
            call.pace("agent", float(t), agent)
        call.run(until=30.0)
        return len(call.raised("pace_drift"))

    assert raised(280.0 * 1.03) == 0
    assert raised(280.0 * 1.10) == 1
