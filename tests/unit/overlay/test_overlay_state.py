"""The overlay's view model follows a call driven through CallCore on scripted timelines."""

from __future__ import annotations

from datetime import datetime

import pytest

from assistant.conduct.rules.base import AgentProfile
from assistant.engine.call_core import CallCore
from assistant.ground.events import CallAction, Channel, Phase, Tick
from assistant.ground.status import DeviceBack, DeviceLost, Listening, ListeningChanged
from assistant.overlay.closing import Item, Mark
from assistant.overlay.state import OverlayState, Part
from tests.ui.calls import GOOD_OPENING, closing_call
from tests.unit.conduct.scripted_call import pack_for
from tests.unit.overlay.overlay_call import OverlayCall


def lookup_call() -> OverlayCall:
    call = OverlayCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING)
    call.turn("caller", 3.5, 6.0, "帮我查一下订单")
    call.turn("agent", 6.5, 9.0, "请您稍等，我帮您查一下")
    call.turn("agent", 41.0, 43.0, "让您久等了")
    return call


def test_hold_countdown_counts_from_the_agents_last_words_to_the_update_prompt():
    call = lookup_call()
    state = call.play_to(12.0)
    assert state.phase is Phase.CONVERSATION and not state.hold.on_hold
    state = call.play_to(19.0)
    assert state.phase is Phase.HOLD
    assert state.hold.waited_s == pytest.approx(10.0, abs=0.11)
    assert state.hold.to_next_s == pytest.approx(5.0, abs=0.11)
    assert state.hold.fraction == pytest.approx(2 / 3, abs=0.01)
    assert not state.hold.prompt_up and state.prompt is None
    state = call.play_to(23.9)
    assert not state.hold.prompt_up
    state = call.play_to(24.0)  # 15 s of audio time after the agent's last word
    assert state.hold.prompt_up
    shown = state.prompt
    assert shown.rule == "hold_update"
    assert shown.clause_label == "第十一条(3)"
    assert "每15秒" in shown.clause_text
    assert "15" in shown.prompt.text
    assert state.hold.to_next_s == pytest.approx(15.0, abs=0.11)


def test_hold_prompt_leaves_when_the_agent_updates_and_the_interval_restarts():
    call = lookup_call()
    state = call.play_to(39.0)
    assert state.hold.prompt_up and state.hold.waited_s == pytest.approx(30.0, abs=0.11)
    state = call.play_to(41.5)
    assert not state.hold.prompt_up
    assert state.hold.agent_talking and state.hold.to_next_s is None
    assert state.departed.prompt.rule in ("hold_update", "hold_callback")


def test_explicit_hold_counts_from_the_softphones_hold():
    call = OverlayCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING).turn("caller", 3.5, 6.0, "我要改地址")
    call.control(7.0, "hold").control(25.0, "resume")
    state = call.play_to(17.0)
    assert state.phase is Phase.HOLD
    assert state.hold.waited_s == pytest.approx(10.0, abs=0.11)
    assert state.hold.to_next_s == pytest.approx(5.0, abs=0.11)
    state = call.play_to(22.0)
    assert state.hold.prompt_up
    state = call.play_to(25.5)
    assert state.phase is Phase.CONVERSATION and not state.hold.on_hold
    assert not state.hold.prompt_up


def test_checklist_ticks_itself_from_what_was_heard_and_who_hung_up():
    call = closing_call()
    state = call.play_to(15.0)
    assert all(mark is Mark.OPEN for mark in state.checklist.marks.values())
    state = call.play_to(15.5)
    assert state.checklist.marks[Item.RECAP] is Mark.HEARD
    state = call.play_to(22.5)
    assert state.checklist.marks[Item.AGREEMENT] is Mark.HEARD
    assert state.checklist.marks[Item.THANKS] is Mark.HEARD
    assert state.phase is Phase.CLOSING
    assert state.checklist.marks[Item.CALLER_HUNG_UP] is Mark.OPEN
    state = call.play_to(23.1)
    assert state.phase is Phase.ENDED
    assert state.checklist.marks[Item.CALLER_HUNG_UP] is Mark.HEARD
    assert state.checklist.done_count == 4


def test_agent_hanging_up_first_is_marked_missed():
    call = closing_call(by="agent")
    state = call.play_to(23.1)
    assert state.checklist.marks[Item.CALLER_HUNG_UP] is Mark.MISSED


def test_caller_phrases_do_not_tick_the_checklist():
    call = OverlayCall()
    call.turn("agent", 0.5, 4.0, GOOD_OPENING).turn("caller", 4.5, 7.0, "感谢您的来电")
    state = call.play_to(8.0)
    assert state.checklist.marks[Item.THANKS] is Mark.OPEN


def test_items_can_be_ticked_and_unticked_by_hand():
    call = OverlayCall(hearing=False)
    call.turn("agent", 0.5, 4.0).turn("caller", 4.5, 7.0)
    state = call.play_to(8.0)
    state.take_dirty()
    state.tick_item(Item.RECAP)
    assert state.checklist.marks[Item.RECAP] is Mark.MANUAL
    assert state.take_dirty() == {Part.CHECKLIST}
    state.toggle_item(Item.RECAP)
    assert state.checklist.marks[Item.RECAP] is Mark.OPEN
    state.toggle_item(Item.THANKS)
    assert state.checklist.marks[Item.THANKS].done


def test_a_new_call_starts_with_a_fresh_checklist_and_timer():
    call = closing_call()
    state = call.play_to(24.0)
    assert state.checklist.done_count == 4
    next_call = CallCore(call.pack, has_caller=True, sinks=[state])  # live: one core per call
    next_call.control(30.0, CallAction.START)
    next_call.advance(31.0)
    assert state.phase is Phase.GREETING
    assert state.checklist.done_count == 0
    assert state.call_seconds == pytest.approx(1.0)


def test_call_timer_runs_on_audio_time_and_stops_at_the_end():
    call = closing_call()
    state = call.play_to(10.0)
    assert state.call_seconds == pytest.approx(10.0)
    state = call.play_to(40.0)
    assert state.call_seconds == pytest.approx(23.0)


def test_pace_gauge_follows_readings_band_and_the_rules_warning():
    call = OverlayCall()
    call.turn("agent", 0.5, 4.0, GOOD_OPENING).turn("caller", 4.5, 9.0)
    call.turn("agent", 9.5, 30.0)  # talking throughout: no hold
    call.pace("caller", 10.0, 200.0)
    for i in range(12):
        call.pace("agent", 10.5 + i, 300.0)
    state = call.play_to(10.2)
    assert state.pace.usable(Channel.CALLER) == 200.0
    low, high = state.pace.band
    assert low == pytest.approx(160.0) and high == pytest.approx(250.0)
    assert state.pace.relative
    state = call.play_to(12.0)
    assert state.pace.usable(Channel.AGENT) == 300.0
    assert state.pace.direction == 1
    assert not state.pace.warning  # drift must last sustain_s before the rule warns
    state = call.play_to(22.0)
    assert state.pace.warning
    assert state.prompt.rule == "pace_drift" and state.prompt.clause_label == "第五条"


def test_pace_gauge_never_calls_a_too_fast_agent_in_step_with_a_fast_caller():
    call = OverlayCall()
    call.turn("agent", 0.5, 4.0, GOOD_OPENING).turn("caller", 4.5, 9.0)
    call.turn("agent", 9.5, 30.0)
    call.pace("caller", 10.0, 300.0)
    for i in range(12):
        call.pace("agent", 10.5 + i, 300.0)
    state = call.play_to(22.0)
    assert state.pace.direction == 1 and not state.pace.relative  # too fast for anyone
    assert state.pace.band[1] == pytest.approx(280.0)
    assert state.pace.warning and "请与客户语速相符" not in state.prompt.prompt.text


def test_pace_readings_with_too_little_speech_are_not_used_yet():
    call = OverlayCall()
    call.pace("agent", 2.0, 220.0, speaking_s=3.0)
    state = call.play_to(3.0)
    assert state.pace.spm[Channel.AGENT] == 220.0
    assert state.pace.usable(Channel.AGENT) is None
    assert state.pace.band == (120.0, 280.0) and not state.pace.relative


def test_greeting_card_uses_the_call_time_and_agent_profile():
    state = OverlayCall(call_time=datetime(2026, 3, 2, 9, 15)).begin()
    card = state.greeting
    assert (card.part_of_day, card.greeting) == ("morning", "早上好")
    assert card.intro == "我是小王，工号1024，很高兴为您服务"
    assert not card.profile_missing
    evening = OverlayCall(pack=pack_for("en"), call_time=datetime(2026, 3, 2, 19, 0),
                          agent=AgentProfile()).begin()
    assert evening.greeting.greeting == "good evening"
    assert evening.greeting.profile_missing


def test_one_prompt_at_a_time_highest_priority_then_newest_with_clause_in_both_languages():
    call = OverlayCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING).turn("caller", 3.5, 6.0)
    call.turn("agent", 6.5, 16.0).turn("agent", 16.5, 18.0, "不知道")
    call.pace("caller", 6.0, 200.0)
    for i in range(10):
        call.pace("agent", 7.0 + i, 270.0)
    state = call.play_to(14.0)
    assert state.prompt.rule == "pace_drift"
    state = call.play_to(18.5)
    assert len(state.prompts.active) == 2
    assert state.prompt.rule == "forbidden_phrase"  # 95 beats pace's 40
    assert state.prompt.clause_label == "第十一条(5)"
    state.set_lang("en")
    assert state.prompt.clause_label == "Article 11(5)"
    assert state.prompt.clause_text.startswith("Use standard Mandarin")


def test_resolved_prompt_is_kept_as_departed_for_the_fade():
    call = OverlayCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING).turn("caller", 3.5, 5.0)
    call.turn("agent", 6.0, 8.0, "不知道")
    state = call.play_to(9.0)
    assert state.prompt is not None and state.prompt.rule == "forbidden_phrase"
    state = call.play_to(16.0)
    assert state.departed.prompt.rule == "forbidden_phrase"
    assert state.departed.reason == "shown"


def test_without_a_model_the_phrase_checks_are_named_as_off():
    state = OverlayCall(hearing=False).begin()
    off = state.checks_off
    assert {"greeting", "self_intro", "closing_recap", "closing_thanks",
            "forbidden_phrase", "hold_permission"} <= set(off)
    assert "hold_update" not in off and "pace_drift" not in off
    assert not state.listening.has_model and not state.listening.healthy
    assert state.listening.model_hint == "assistant models install zh"
    assert OverlayCall().begin().checks_off == ()


def test_device_lost_paused_and_no_caller_states():
    state = OverlayCall(has_caller=False).begin()
    assert not state.listening.has_caller and not state.listening.healthy
    state = OverlayCall().begin()
    assert state.listening.healthy
    state.take_dirty()
    state(DeviceLost(3.0, Channel.CALLER, "Loopback (Softphone)"))
    assert state.listening.lost == {Channel.CALLER: "Loopback (Softphone)"}
    assert Part.STATUS in state.take_dirty()
    state(DeviceBack(9.0, Channel.CALLER, "Loopback (Softphone)"))
    assert state.listening.lost == {} and state.listening.healthy
    state(ListeningChanged(10.0, Listening.PAUSED))
    assert state.listening.listening is Listening.PAUSED and not state.listening.healthy


def test_a_tick_dirties_only_the_timer_outside_a_hold_and_only_when_its_second_changes():
    call = closing_call()
    state = call.play_to(10.0)
    state.take_dirty()
    start = state.call_start
    dirty = []
    for k in range(1, 21):  # two seconds of 100-ms blocks
        state(Tick(10.0 + k / 10))
        dirty.append(state.take_dirty())
    assert all(d <= {Part.TIMER} for d in dirty)
    changed = [10.0 + k / 10 for k, d in enumerate(dirty, 1) if d]
    assert len(changed) == 2  # the clock shows whole seconds: two redraws in two seconds
    assert [int(t - start) for t in changed] == [int(10.0 - start) + 1, int(10.0 - start) + 2]


def test_on_hold_the_card_is_dirty_when_what_it_shows_changes_not_at_every_block():
    """The ring's 60 steps of a 15-s interval are 0.25 s and its centre counts seconds:
    over 3 s of 100-ms blocks the ring moves 12 times and the seconds 3, so the hold card
    is redrawn at 12–15 of the 30 blocks, and each time what it shows has changed."""
    call = lookup_call()
    state = call.play_to(19.0)
    assert state.phase is Phase.HOLD
    state.take_dirty()
    before = state.hold.shown
    redraws = 0
    for _ in range(30):
        state = call.play_to(round(state.now + 0.1, 6))
        if Part.HOLD in state.take_dirty():
            redraws += 1
            assert state.hold.shown != before
            before = state.hold.shown
        else:
            assert state.hold.shown == before
    assert 12 <= redraws <= 15


def test_unknown_events_are_ignored_and_language_is_checked():
    state = OverlayState(pack_for())
    state(object())
    assert state.events_seen == 1
    with pytest.raises(ValueError, match="zh, en"):
        state.set_lang("fr")


def test_the_hold_card_and_the_ring_say_the_same_wait_and_the_hold_starts_once():
    call = lookup_call()
    state = call.play_to(30.0)
    assert state.hold.since == pytest.approx(9.0)  # the agent's last word, not 13.0
    assert int(state.hold.waited_s) == 21
    assert "客户已等待 21 秒" in state.prompt.prompt.text
    [hold] = [e for e in call.events if getattr(e, "phase", None) is Phase.HOLD]
    assert hold.since == pytest.approx(9.0) and hold.t == pytest.approx(13.0)


def test_the_terminal_timeline_dates_the_hold_from_when_the_caller_began_waiting():
    import io

    from assistant.cli.output import Timeline
    from assistant.ground.events import PhaseChanged

    out = io.StringIO()
    Timeline(out, lambda clause: clause)(
        PhaseChanged(32.5, Phase.HOLD, Phase.CONVERSATION, "caller waiting in silence", 28.5))
    line = out.getvalue()
    assert line.split()[0] == "0:28.5" and "0:32.5" in line
