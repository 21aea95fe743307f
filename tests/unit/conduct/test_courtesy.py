"""kf-4 (您 rather than 你) and kf-6 (negative wording): after-call findings with the words."""

from __future__ import annotations

from assistant.conduct.details import detail_text
from assistant.conduct.pack import default_pack_path, parse_pack
from assistant.conduct.rules.address import count_forms
from tests.unit.conduct.scripted_call import GOOD_OPENING, ScriptedCall, pack_for
from tests.unit.conduct.test_rules import polite_call


def detail(call: ScriptedCall, rule: str) -> str:
    return next(f.detail for f in call.summary.findings if f.rule == rule)


def agent_says(*texts: str, call: ScriptedCall | None = None) -> ScriptedCall:
    call = call or ScriptedCall()
    call.turn("agent", 0.5, 4.0, GOOD_OPENING)
    t = 5.0
    for text in texts:
        call.turn("caller", t, t + 2.0, "嗯")
        call.turn("agent", t + 2.5, t + 5.0, text)
        t += 6.0
    return call


def test_the_polite_call_meets_both_and_raises_nothing():
    call = polite_call()
    call.run(until=34.0)
    assert call.raised() == []
    assert call.finding("polite_address") == "met"
    assert detail(call, "polite_address") == "您 7, 你 0"  # the caller's 你好 is not counted
    assert call.finding("positive_wording") == "met"


def test_plain_you_below_the_share_is_missed_with_the_sentences_and_no_prompt():
    call = agent_says("你的快递明天到", "你再等一下", "您看可以吗", "妳们那边收到了吗")
    call.run(until=40.0)
    assert call.finding("polite_address") == "missed"
    text = detail(call, "polite_address")
    assert text.startswith("您 2, 你 2: “你的快递明天到” (0:10.4), “你再等一下” (0:16.4)")
    assert detail_text(text, "zh").startswith("“您” 2 次，“你” 2 次：“你的快递明天到”")
    assert call.raised("polite_address") == []
    [finding] = [f for f in call.summary.findings if f.rule == "polite_address"]
    assert finding.clause == "kf-4" and finding.times == (10.4, 16.4)


def test_traditional_and_company_forms_are_read_right():
    assert count_forms("你們好，你说", ("你",), ("你们",)) == 2  # not simplified yet
    assert count_forms("你们好，你说", ("你",), ("你们",)) == 1


def test_too_few_addresses_grammar_only_and_no_recogniser():
    few = ScriptedCall()
    few.turn("agent", 0.5, 3.0, "下午好，我是小王")
    few.run(until=5.0)
    assert few.finding("polite_address") == "not_applicable"
    deaf = polite_call()
    deaf.hearing = False
    deaf.run(until=34.0)
    assert deaf.finding("polite_address") == "not_checked"
    assert deaf.finding("positive_wording") == "not_checked"


def test_english_and_korean_packs_leave_the_polite_you_off():
    for lang in ("en", "ko"):
        call = ScriptedCall(pack=pack_for(lang))
        call.run(until=2.0)
        assert "polite_address" not in {f.rule for f in call.summary.findings}


def test_negative_wording_is_missed_with_the_phrase_heard_and_its_alternative():
    call = agent_says("这个不行，我们这边没有办法", "您看这样可以吗")
    call.run(until=30.0)
    assert call.finding("positive_wording") == "missed"
    text = detail(call, "positive_wording")
    # the words heard are quoted only where they differ from the phrase; here they do not
    assert "“不行” [0:10.4] → “我们可以试试这样”" in text
    assert "“没有办法” [0:10.4] → “我们可以这样处理”" in text
    assert call.raised("positive_wording") == []
    assert call.finding("forbidden_phrase") == "met"  # 没有办法 is not the forbidden 没办法


def test_a_use_the_pack_excuses_is_not_negative_and_the_allowance_is_a_setting():
    excused = agent_says("您看行不行", "如果不行的话我给您回电")
    excused.run(until=30.0)
    assert excused.finding("positive_wording") == "met"
    allowed = agent_says("这个不行", call=ScriptedCall(pack=pack_for(
        positive_wording={"max_count": 1})))
    allowed.run(until=20.0)
    assert allowed.finding("positive_wording") == "met"


def test_an_alternative_for_an_unlisted_phrase_is_refused_by_name():
    text = default_pack_path("zh").read_text(encoding="utf-8")
    text += '\n[[wording]]\nphrase = "爱莫能助"\ninstead = "我来想办法"\n'
    try:
        parse_pack(text)
    except Exception as exc:  # noqa: BLE001 - the message is what is checked
        assert "爱莫能助" in str(exc) and "phrases.negative" in str(exc)
    else:
        raise AssertionError("an alternative for an unlisted phrase was accepted")


def test_the_supervisors_form_edits_the_new_rules_and_their_phrase_lists():
    from assistant.rollout.editing import PackDraft, pack_sections

    sections = {s.path: {f.path[-1] for f in s.fields} for s in pack_sections()}
    assert {"min_share", "min_count", "polite", "plain", "plain_unless"} \
        <= sections["rules", "polite_address"]
    assert {"rings", "clause", "text"} <= sections["rules", "outbound_rings"]
    assert {"negative", "denial", "next_step"} <= sections["phrases",]
    draft = PackDraft.open(default_pack_path("zh"))
    draft.set(("rules", "polite_address", "min_share"), "1.5")
    assert not draft.valid and "less than or equal to 1" in \
        draft.error(("rules", "polite_address", "min_share"))
    draft.set(("rules", "polite_address", "min_share"), "0.9")
    assert draft.valid and draft.pack.rules.polite_address.min_share == 0.9
