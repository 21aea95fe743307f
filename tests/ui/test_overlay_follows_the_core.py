"""The overlay follows the core's events, delivered through the bridge as in a live call.

Every call is driven through CallCore on audio time; nothing here sleeps.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from assistant.ground.events import Channel
from assistant.ground.notices import DeviceChange, DeviceChangeKind, LossCause
from assistant.ground.status import DeviceBack, DeviceLost, Listening, ListeningChanged
from assistant.overlay.closing import Item, Mark
from assistant.ui.overlay import COMPACT, EXPANDED
from assistant.ui.theme import PALETTE
from tests.ui.calls import closing_call, lookup_call, pace_call
from tests.unit.overlay.overlay_call import OverlayCall


def test_greeting_card_at_call_start(live):
    window = live(OverlayCall()).play_to(0.5)
    assert window.header.phase.text() == "开场问候"
    assert window.greeting.isVisible()
    assert window.greeting.greeting.text() == "下午好"
    assert window.greeting.intro.text() == "我是小王，工号1024，很高兴为您服务"
    assert "第十一条(2)" in window.greeting.caption.text()
    assert not window.greeting.missing.isVisible()


def test_hold_ring_counts_to_the_update_prompt_at_15_s_of_audio_time(live):
    overlay = live(lookup_call())
    window = overlay.play_to(19.0)
    assert window.header.phase.text() == "查询等待"
    assert window.hold.isVisible() and not window.pace.isVisible()
    ring = window.hold.ring
    assert (ring.centre, ring.due) == ("5", False)
    assert abs(ring.fraction - 2 / 3) < 0.01
    assert window.hold.waited.text() == "客户已等待 10 秒"
    assert not window.prompt.isVisible()
    window = overlay.play_to(23.9)
    assert (ring.centre, ring.due) == ("1", False)
    window = overlay.play_to(24.0)
    assert ring.due and ring.centre == "通报"
    assert not window.hold.action.isVisible()  # the prompt card says it, once
    assert window.prompt.isVisible()
    assert window.prompt.chip.text() == "第十一条(3)"
    assert "每15秒通报一次" in window.prompt.chip.toolTip()
    assert "15" in window.prompt.text.text()


def test_prompt_fades_out_when_the_agent_updates_the_caller(live, qtbot):
    overlay = live(lookup_call())
    window = overlay.play_to(24.0)
    assert window.prompt.isVisible()
    window = overlay.play_to(27.2)
    assert window.hold.action.text() == "正在通报…"
    assert window.prompt.leaving
    assert window.prompt.effect.isEnabled()
    qtbot.waitUntil(lambda: not window.prompt.isVisible(), timeout=3000)
    assert window.prompt.prompt is None


def test_checklist_ticks_itself_on_recap_agreement_thanks_and_caller_hang_up(live):
    overlay = live(closing_call())
    window = overlay.play_to(15.0)
    rows = window.checklist.rows
    assert rows[Item.RECAP].check.mark is Mark.OPEN
    window = overlay.play_to(15.5)
    assert rows[Item.RECAP].check.mark is Mark.HEARD
    assert rows[Item.RECAP].source.text() == "已听到"
    window = overlay.play_to(22.5)
    assert window.header.phase.text() == "结束语"
    assert window.checklist.isVisible()  # compact mode shows the checklist when closing
    assert rows[Item.THANKS].check.mark is Mark.HEARD
    assert window.checklist.count.text() == "3/4"
    window = overlay.play_to(23.1)
    assert rows[Item.CALLER_HUNG_UP].check.mark is Mark.HEARD
    assert window.checklist.count.text() == "4/4"
    assert window.header.timer.text() == "00:23"


def test_checklist_item_ticks_by_mouse(live, qtbot):
    overlay = live(OverlayCall(hearing=False))
    window = overlay.play_to(2.0)
    window.set_mode(EXPANDED)
    row = window.checklist.rows[Item.RECAP]
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert overlay.state.checklist.marks[Item.RECAP] is Mark.MANUAL
    assert row.check.mark is Mark.MANUAL and row.source.text() == "手动勾选"
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert row.check.mark is Mark.OPEN


def test_pace_gauge_moves_with_pace_readings_and_warns_with_the_rule(live):
    overlay = live(pace_call())
    window = overlay.play_to(11.0)
    assert window.pace.isVisible()
    scale = window.pace.scale
    assert scale.values[2] == 205 and scale.values[3] == 200
    assert window.pace.verdict.text() == "与客户语速相符"
    window = overlay.play_to(16.0)
    assert scale.values[2] == 270
    assert window.pace.verdict.text() == "比客户快"
    assert window.pace.verdict.property("role") == "attention"
    assert not window.prompt.isVisible()
    window = overlay.play_to(22.0)
    assert window.pace.verdict.property("role") == "warning"
    assert window.pace.edge == PALETTE.warning
    assert window.prompt.isVisible() and window.prompt.chip.text() == "第五条"


def test_device_lost_paused_and_no_model_states_show(live):
    overlay = live(OverlayCall(hearing=False))
    window = overlay.play_to(1.0)
    assert window.banner.isVisible()
    assert "未安装语音模型" in window.banner.lines[0].text()
    assert "问候语" in window.banner.toolTip()
    overlay.bridge(DeviceLost(1.5, Channel.CALLER, "Softphone loopback", DeviceChange(
        DeviceChangeKind.LOST, Channel.CALLER, "'Softphone loopback' (#4, ALSA)",
        "Softphone loopback", cause=LossCause.SILENT, seconds=1.6, retry_s=2.0)))
    window = overlay.play_to(2.0)
    first = window.banner.lines[0]
    assert "Softphone loopback" in first.text() and first.property("role") == "warning"
    assert "1.6 秒没有音频" not in first.text()  # the banner stays short; its tooltip says why
    assert "客户设备已断开（Softphone loopback）：1.6 秒没有音频" in window.banner.toolTip()
    assert window.header.dot.color == PALETTE.warning
    overlay.bridge(DeviceBack(2.5, Channel.CALLER, "Softphone loopback"))
    overlay.bridge(ListeningChanged(2.5, Listening.PAUSED))
    window = overlay.play_to(3.0)
    assert window.header.listening.text() == "已暂停聆听"
    assert window.header.dot.color == PALETTE.muted
    assert all("Softphone" not in line.text() for line in window.banner.lines)


def test_expanded_mode_names_the_checks_that_are_off_and_how_to_install(live):
    overlay = live(OverlayCall(hearing=False))
    window = overlay.play_to(1.0)
    window.set_mode(EXPANDED)
    text = window.banner.lines[0].text()
    assert "问候语" in text and "在设置里安装语音模型" in text
    assert "assistant models" not in text  # an agent is never sent to a terminal
    assert window.banner.install.isVisible() and window.banner.install.text() == "在设置中安装…"
    assert window.pace.isVisible() and window.greeting.isVisible()
    window.toggle_mode()
    assert window.mode == COMPACT and not window.pace.isVisible()


def test_language_switch_changes_the_overlays_words_and_clause_labels(live):
    overlay = live(lookup_call())
    window = overlay.play_to(24.0)
    window.set_lang("en")
    assert window.header.phase.text() == "On hold"
    assert window.hold.waited.text() == "Caller waiting 15 s"
    assert window.prompt.chip.text() == "Article 11(3)"
    assert "every 15 seconds" in window.prompt.chip.toolTip()
    assert window.header.mode.text() == "Expand"
    window.set_lang("zh")
    assert window.header.phase.text() == "查询等待"


def test_why_panel_shows_the_clause_text(live, qtbot):
    overlay = live(lookup_call())
    window = overlay.play_to(24.0)
    assert not window.prompt.panel.isVisible()
    qtbot.mouseClick(window.prompt.why, Qt.MouseButton.LeftButton)
    assert window.prompt.panel.isVisible()
    assert "客服中心员工行为准则" in window.prompt.panel_title.text()
    assert window.prompt.panel_text.text().startswith("通过电话进行查询时")


def test_the_window_grows_and_shrinks_with_its_content(live):
    overlay = live(lookup_call())
    small = overlay.play_to(19.0).height()
    tall = overlay.play_to(24.0).height()
    assert tall > small
    assert overlay.window.width() == overlay.window.placement.saved_width(
        COMPACT, overlay.window.width())


def test_after_the_call_the_feedback_card_shows_until_dismissed(live, qtbot):
    from tests.unit.overlay.test_after_call_feedback import missed_greeting_call

    overlay = live(missed_greeting_call())
    window = overlay.play_to(13.5)
    assert not window.feedback.isVisible()
    overlay.call.end(15.0)
    qtbot.waitUntil(lambda: overlay.bridge.pending == 0, timeout=2000)
    window.refresh()
    assert window.feedback.isVisible() and not window.checklist.isVisible()
    heads = [head.text() for head, _ in window.feedback.missed_labels]
    assert any("第十一条(2)" in h for h in heads)
    says = [say.text() for _, say in window.feedback.missed_labels]
    assert any("标准用语：“下午好”" in s for s in says)
    qtbot.mouseClick(window.feedback.dismiss, Qt.MouseButton.LeftButton)
    assert not window.feedback.isVisible()


def test_paused_freezes_the_timer_and_drops_the_stale_pace_and_ended_says_so(live):
    overlay = live(pace_call())
    window = overlay.play_to(16.0)
    assert window.pace.verdict.text() == "比客户快"
    overlay.bridge(ListeningChanged(16.0, Listening.PAUSED))
    window = overlay.play_to(16.0)
    assert window.header.timer.text() == "‖ 00:16"
    assert window.pace.agent.text().endswith("—") or "—" in window.pace.agent.text()
    assert window.pace.verdict.text() == "已暂停"
    assert overlay.state.pace.usable(Channel.AGENT) is None
    overlay.bridge(ListeningChanged(16.0, Listening.LISTENING))
    window = overlay.play_to(16.5)
    assert window.header.timer.text() == "00:16"
    overlay.call.end(41.0)
    overlay.qtbot.waitUntil(lambda: overlay.bridge.pending == 0, timeout=2000)
    window.refresh()
    assert window.header.listening.text() == "等待下一通"


def test_the_install_button_asks_the_app_for_the_settings(live, qtbot):
    overlay = live(OverlayCall(hearing=False))
    window = overlay.play_to(1.0)
    with qtbot.waitSignal(window.install_requested, timeout=1000):
        qtbot.mouseClick(window.banner.install, Qt.MouseButton.LeftButton)


def test_the_demo_call_is_labelled_as_a_demo_not_as_listening(live):
    from assistant.ground.status import CallSetup

    overlay = live(OverlayCall())
    window = overlay.play_to(1.0)
    assert window.header.listening.text() == "正在聆听"
    overlay.bridge(CallSetup(1.0, True, frozenset(Channel), None, "", demo=True))
    window = overlay.play_to(1.5)
    assert window.header.listening.text() == "演示通话"
    window.set_lang("en")
    assert window.header.listening.text() == "Demo"
