"""The tray: each menu action emits what the app wires, the icon and labels follow state."""

from __future__ import annotations

from assistant.ground.events import CallAction
from assistant.ui.hotkeys import gnome_script, hotkeys, readable_key
from assistant.ui.tray import DEVICE_LOST, LISTENING, PAUSED, TRAY_ACTIONS, Tray, tray_icon


def test_menu_actions_emit_their_signals(qtbot):
    tray = Tray("en")
    seen: list[object] = []
    tray.pause_requested.connect(lambda: seen.append("pause"))
    tray.resume_requested.connect(lambda: seen.append("resume"))
    tray.call_requested.connect(seen.append)
    tray.settings_requested.connect(lambda: seen.append("settings"))
    tray.quit_requested.connect(lambda: seen.append("quit"))
    tray.replay_requested.connect(lambda: seen.append("replay"))
    tray.overlay_toggled.connect(lambda shown: seen.append(("overlay", shown)))
    tray.pause.trigger()
    tray.set_state(PAUSED)
    tray.pause.trigger()
    for action in TRAY_ACTIONS:
        tray.calls[action].trigger()
    tray.overlay.trigger()
    tray.settings.trigger()
    tray.replay.trigger()
    tray.quit.trigger()
    assert seen == ["pause", "resume", *TRAY_ACTIONS, ("overlay", False), "settings", "replay",
                    "quit"]
    assert tray.replay.text() == "Replay recorded calls…"


def test_labels_follow_state_and_language(qtbot):
    tray = Tray("zh")
    assert tray.pause.text() == "暂停聆听"
    tray.set_state(PAUSED)
    assert tray.pause.text() == "恢复聆听" and "已暂停" in tray.icon.toolTip()
    tray.set_lang("en")
    assert tray.pause.text() == "Resume listening"
    tray.set_state(DEVICE_LOST)
    assert tray.status.text().startswith("Audio device lost")
    assert tray.calls[CallAction.HOLD].text().strip() == "Hold (lookup)"


def test_icons_differ_by_state(qtbot):
    images = {s: tray_icon(s).pixmap(32, 32).toImage() for s in (LISTENING, PAUSED, DEVICE_LOST)}
    assert not images[LISTENING].isNull()
    assert images[LISTENING] != images[PAUSED] != images[DEVICE_LOST]


def test_hotkeys_are_commands_for_the_desktop():
    keys = hotkeys({"hold": "<Super>h"}, program="/usr/bin/assistant")
    assert [k.command for k in keys] == [f"/usr/bin/assistant call {a}"
                                         for a in ("start", "hold", "resume", "end")]
    assert readable_key(keys[1].key) == "Super+H"
    script = gnome_script(keys)
    assert "binding '<Super>h'" in script and "command '/usr/bin/assistant call hold'" in script
