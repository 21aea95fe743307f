"""第七、八、九条 and 第十三条(2)(3): who said what, in which order, and how the caller sounds.

Scripted timelines (no audio): the caller's requests and complaints on the caller's channel,
the agent's answers on theirs, the caller's level in 100 ms blocks.
"""

from __future__ import annotations

from assistant.conduct.details import detail_text, known
from assistant.ground.events import Channel, LevelReading
from tests.unit.conduct.scripted_call import GOOD_OPENING, STEP, ScriptedCall, pack_for
from tests.unit.conduct.test_rules import polite_call

NEW_RULES = ("restate_need", "show_understanding", "calm_tone", "jargon", "escalation")


def detail(call: ScriptedCall, rule: str) -> str:
    return next(f.detail for f in call.summary.findings if f.rule == rule)


def caller_level(call: ScriptedCall, t0: float, t1: float, dbfs: float) -> None:
    steps = round((t1 - t0) / STEP)
    call.timeline += [LevelReading(Channel.CALLER, t0 + i * STEP, dbfs, dbfs + 10, False, True)
                      for i in range(steps)]


def test_the_polite_call_raises_none_of_them_and_misses_none():
    call = polite_call()
    caller_level(call, 4.6, 8.0, -26.0)
    caller_level(call, 21.5, 23.0, -27.0)
    caller_level(call, 27.5, 28.5, -26.0)
    call.run(until=34.0)
    assert call.raised() == []
    findings = {rule: call.finding(rule) for rule in NEW_RULES}
    assert "missed" not in findings.values(), findings
    # 我想查一下 is a request; 跟您确认一下 … 您看可以吗 restates it with the caller
    assert findings["restate_need"] == "met"
    assert findings["show_understanding"] == findings["calm_tone"] == "not_applicable"
    assert findings["jargon"] == "met" and findings["escalation"] == "not_applicable"


def request_call(answer: str) -> ScriptedCall:
    call = ScriptedCall()
    call.turn("agent", 0.5, 4.0, GOOD_OPENING)
    call.turn("caller", 4.6, 8.0, "你好，我想改一下快递的收货地址")
    call.turn("agent", 8.5, 12.0, answer)
    call.turn("agent", 12.5, 15.0, "好的，我帮您改好了")
    call.turn("agent", 16.0, 18.0, "感谢您的来电，再见")
    call.control(19.0, "end", "caller")
    return call


def test_a_request_restated_is_met_and_one_left_is_missed_with_the_callers_words():
    good = request_call("您是想把收货地址改到公司，对吗")
    good.run(until=20.0)
    assert good.finding("restate_need") == "met"
    assert detail(good, "restate_need").startswith("“您是想”")
    blunt = request_call("地址改到哪里")
    blunt.run(until=20.0)
    assert blunt.finding("restate_need") == "missed"
    text = detail(blunt, "restate_need")
    assert text == "not restated: “你好，我想改一下快递的收货地址” (0:08.4)"
    assert detail_text(text, "zh") == "未复述客户的需求：“你好，我想改一下快递的收货地址” (0:08.4)"
    assert blunt.raised("restate_need") == []  # after the call only


def test_the_strict_reading_wants_the_restatement_before_the_next_step():
    late = request_call("地址改到哪里")
    late.turn("agent", 15.2, 15.8, "您是想改到公司对吗")
    late.run(until=20.0)
    assert late.finding("restate_need") == "met"
    late.pack = pack_for(restate_need={"before_next_step": True})
    late.events.clear()
    late.run(until=20.0)
    assert late.finding("restate_need") == "missed"


def test_without_the_callers_words_the_request_is_not_checked():
    call = request_call("地址改到哪里")
    call.hearing_caller = False
    call.run(until=20.0)
    for rule in ("restate_need", "escalation"):
        assert call.finding(rule) == "not_checked", rule
        assert detail(call, rule) == "the caller's words are not recognised"
    assert call.finding("show_understanding") == "not_checked"  # no cue, no words


def complaint_call(reply: str) -> ScriptedCall:
    call = ScriptedCall()
    call.turn("agent", 0.5, 4.0, GOOD_OPENING)
    call.turn("caller", 4.6, 9.0, "你们怎么搞的，宽带又断了")
    call.turn("agent", 9.6, 13.0, reply)
    call.turn("agent", 13.5, 17.0, "线路今天下午会修好")
    call.control(19.0, "end", "caller")
    return call


def test_a_complaint_raises_a_live_cue_that_understanding_resolves():
    call = complaint_call("非常理解您的心情，我马上帮您看")
    call.run(until=20.0)
    [raised] = call.raised("show_understanding")
    assert raised.prompt.clause == "kf-8" and "怎么搞的" in raised.prompt.text
    assert raised.prompt.t == 9.4  # the complaint's words, as the recogniser gave them
    assert call.resolved("show_understanding")[0].reason.startswith("heard “")
    assert call.finding("show_understanding") == "met"


def test_a_complaint_explained_away_is_missed_with_the_callers_words():
    call = complaint_call("线路在维修，我们也没办法")
    call.run(until=20.0)
    assert call.finding("show_understanding") == "missed"
    text = detail(call, "show_understanding")
    assert text == "no understanding shown after: “你们怎么搞的，宽带又断了” (0:09.4)"
    assert detail_text(text, "zh").startswith("未先表示理解：“你们怎么搞的")
    # understanding said only after the reply_s of explaining is too late
    late = complaint_call("线路在维修")
    late.turn("agent", 25.0, 27.0, "非常抱歉")
    late.run(until=30.0)
    assert late.finding("show_understanding") == "missed"


def heated_call(agent_db: float, words: str = "好的，我马上帮您处理") -> ScriptedCall:
    call = ScriptedCall()
    call.turn("agent", 0.5, 4.0, GOOD_OPENING)
    call.level(0.5, 4.0, -24.0)
    call.turn("caller", 4.6, 9.0, "我的宽带断了")
    caller_level(call, 4.6, 9.0, -28.0)
    call.turn("agent", 9.6, 13.0, "您是说宽带断了对吗")
    call.level(9.6, 13.0, -24.0)
    call.turn("caller", 13.6, 20.0, "对，都断了三天了")
    caller_level(call, 13.6, 20.0, -16.0)  # 12 dB over the caller's own first seconds
    call.turn("agent", 20.6, 25.0, words)
    call.level(20.6, 25.0, agent_db)
    call.control(27.0, "end", "caller")
    return call


def test_a_raised_caller_voice_gets_a_calm_tone_reminder_and_a_steady_agent_meets_it():
    call = heated_call(-24.0, "非常理解您的心情，我马上帮您处理")
    call.run(until=28.0)
    [raised] = call.raised("calm_tone")
    assert raised.prompt.clause == "kf-9" and "声音明显提高" in raised.prompt.text
    assert 13.6 <= raised.prompt.t <= 16.0
    assert call.finding("calm_tone") == "met"
    assert detail_text(detail(call, "calm_tone"), "zh") == "客户 1 次提高声音或打断，坐席保持平稳"
    assert call.finding("show_understanding") == "met"  # the raised voice was a complaint cue


def test_an_agent_who_gets_louder_or_dismissive_misses_it():
    loud = heated_call(-14.0)
    loud.run(until=28.0)
    assert loud.finding("calm_tone") == "missed"
    assert detail(loud, "calm_tone").startswith("louder by 10 dB at 0:1")
    assert loud.finding("show_understanding") == "missed"
    assert "raised voice (+12 dB)" in detail(loud, "show_understanding")
    rude = heated_call(-24.0, "你别激动，听我说")
    rude.run(until=28.0)
    assert rude.finding("calm_tone") == "missed"
    text = detail(rude, "calm_tone")
    assert text.startswith("dismissive at 0:1") and "“你别激动”" in text
    assert known(text) and "坐席说了" in detail_text(text, "zh")


def test_the_caller_talking_over_the_agent_is_a_cue():
    call = ScriptedCall()
    call.turn("agent", 0.5, 4.0, GOOD_OPENING)
    call.turn("caller", 4.6, 8.0, "我的宽带断了")
    call.turn("agent", 8.5, 16.0, "您是说宽带断了对吗，我看一下线路的情况")
    call.turn("caller", 10.0, 14.0)  # talks over the agent for 4 s
    call.control(18.0, "end", "caller")
    call.run(until=19.0)
    assert "在打断您说话" in call.raised("calm_tone")[0].prompt.text
    assert "caller talking over the agent at 0:10.0" in detail(call, "show_understanding")


def test_jargon_per_minute_of_the_agents_speech():
    call = ScriptedCall()
    call.turn("agent", 0.5, 4.0, GOOD_OPENING)
    call.turn("agent", 5.0, 9.0, "我给您提交一个工单")
    call.turn("agent", 10.0, 14.0, "鉴权失败了，要等割接以后")
    call.run(until=16.0)
    assert call.finding("jargon") == "missed"
    text = detail(call, "jargon")
    assert text.startswith("3 term(s) in 0.2 min of speech: “工单”")
    assert detail_text(text, "zh").startswith("0.2 分钟讲话中行业术语 3 个：“工单”")
    one = ScriptedCall()
    one.turn("agent", 0.5, 4.0, GOOD_OPENING)
    one.turn("agent", 5.0, 9.0, "我给您提交一个工单")
    one.run(until=16.0)
    assert one.finding("jargon") == "met"  # one term, counted over a minute at least


def closing_call(last_words: str) -> ScriptedCall:
    call = ScriptedCall()
    call.turn("agent", 0.5, 4.0, GOOD_OPENING)
    call.turn("caller", 4.6, 8.0, "我的宽带断了")
    call.turn("agent", 8.5, 12.0, "您是说宽带断了对吗，线路明天修好")
    call.turn("agent", 12.5, 14.0, "请问还有其他问题吗")
    call.turn("caller", 14.5, 16.5, "还是没解决，我不满意")
    call.turn("agent", 17.0, 21.0, last_words)
    call.control(23.0, "end", "caller")
    return call


def test_a_caller_still_dissatisfied_at_the_close_is_told_of_a_supervisor():
    call = closing_call("我会上报给值班经理，明天上午给您回电")
    call.run(until=24.0)
    [raised] = call.raised("escalation")
    assert raised.prompt.clause == "kf-13.3" and "还是没解决" in raised.prompt.text
    assert call.resolved("escalation")[0].reason.startswith("heard “")
    assert call.finding("escalation") == "met"
    left = closing_call("那就这样吧，感谢您的来电，再见")
    left.run(until=24.0)
    assert left.finding("escalation") == "missed"
    text = detail(left, "escalation")
    assert text == "no supervisor offered after: “还是没解决，我不满意” (0:16.9)"
    assert detail_text(text, "zh").startswith("客户仍不满意，未告知上报管理人员：")


def test_every_new_detail_reads_in_chinese():
    for detail_en in ("no request heard from the caller", "no complaint from the caller",
                      "the caller's voice was never raised, nor did they talk over the agent",
                      "the caller was not dissatisfied at the close", "the pack lists no jargon",
                      "0 term(s) in 1.5 min of speech", "steady through 2 cue(s) (words not heard)",
                      "faster by 30% at 0:12.0; louder by 7 dB at 0:12.0"):
        assert known(detail_en), detail_en
        assert detail_text(detail_en, "zh") != detail_en


def test_an_agent_who_speeds_up_during_the_raised_voice_misses_it():
    call = heated_call(-24.0, "非常理解您的心情，我马上帮您处理")
    call.pace("agent", 12.0, 240.0)
    call.pace("agent", 22.0, 330.0)  # 38 % over the agent's own pace before the cue
    call.run(until=28.0)
    assert call.finding("calm_tone") == "missed"
    assert detail(call, "calm_tone").startswith("faster by 38% at 0:1")


def test_a_complaint_at_the_close_answered_by_a_supervisor_is_understood():
    call = closing_call("我会上报给值班经理，明天上午给您回电")
    call.turn("caller", 14.5, 16.5, "太过分了")
    call.run(until=24.0)
    assert call.finding("show_understanding") == "met"
    assert call.finding("escalation") == "met"


def test_the_supervisors_form_edits_the_five_rules_their_lists_and_the_caller_cues():
    from assistant.rollout.editing import PackDraft, pack_sections
    from assistant.conduct.pack import default_pack_path

    sections = {s.path: {f.path[-1] for f in s.fields} for s in pack_sections()}
    assert {"before_next_step", "text"} <= sections["rules", "restate_need"]
    assert {"reply_s", "acoustic_cues", "show_s"} <= sections["rules", "show_understanding"]
    assert {"agent_raised_db", "agent_faster", "raised_word"} <= sections["rules", "calm_tone"]
    assert {"max_per_min", "min_minutes"} <= sections["rules", "jargon"]
    assert {"closing_s"} <= sections["rules", "escalation"]
    assert {"request", "restate", "complaint", "understanding", "dismissive", "jargon",
            "dissatisfied", "escalation"} <= sections["phrases",]
    assert {"caller_raised_db", "caller_overtalk_s"} <= sections["acoustics",]
    draft = PackDraft.open(default_pack_path("zh"))
    draft.set(("acoustics", "caller_raised_db"), "1")
    assert not draft.valid and "greater than or equal to 2" in \
        draft.error(("acoustics", "caller_raised_db"))
    draft.set(("acoustics", "caller_raised_db"), "10")
    draft.set(("rules", "calm_tone", "text"), "客户{cue}，请放慢 {raised:.0f}")
    assert draft.valid and draft.pack.acoustics.caller_raised_db == 10
    draft.set(("rules", "calm_tone", "text"), "客户{cu}")
    assert not draft.valid


def test_the_english_pack_hears_the_same_five_in_english():
    call = ScriptedCall(pack=pack_for("en"))
    call.turn("agent", 0.5, 4.0, "good afternoon my name is Anna how can I help you")
    call.turn("caller", 4.6, 8.0, "hi i'd like to change my delivery address")
    call.turn("agent", 8.5, 12.0, "we need a new work order in the backend for that")
    call.turn("caller", 12.5, 16.0, "this is ridiculous i've been waiting for a week")
    call.turn("agent", 16.5, 19.0, "that's just how it is")
    call.turn("agent", 19.5, 21.0, "is there anything else")
    call.turn("caller", 21.5, 23.5, "i'm not happy with this at all")
    call.turn("agent", 24.0, 26.0, "thank you for calling goodbye")
    call.control(27.0, "end", "caller")
    call.run(until=28.0)
    assert {rule: call.finding(rule) for rule in ("restate_need", "show_understanding",
                                                  "jargon", "escalation")} == {
        "restate_need": "missed", "show_understanding": "missed", "jargon": "missed",
        "escalation": "missed"}
    [cue] = call.raised("show_understanding")  # one cue for the sentence, not one per phrase
    assert cue.prompt.detail["complaint"] in ("this is ridiculous", "i've been waiting")


def test_a_met_finding_is_stamped_with_the_words_it_quotes():
    """The scorecard's time column reads a finding's times: a restatement, an understanding
    shown and a supervisor offered are each at their words, after what they answered."""
    restated = request_call("您是想把收货地址改到公司，对吗")
    restated.run(until=20.0)
    understood = complaint_call("非常理解您的心情，我马上帮您看")
    understood.run(until=20.0)
    escalated = closing_call("我会上报给值班经理，明天上午给您回电")
    escalated.run(until=24.0)
    for call, rule, after in ((restated, "restate_need", 8.4),
                              (understood, "show_understanding", 9.4),
                              (escalated, "escalation", 16.9)):
        finding = next(f for f in call.summary.findings if f.rule == rule)
        assert finding.status.value == "met" and len(finding.times) == 1, finding
        assert after < finding.times[0] < call.summary.duration_s, finding
