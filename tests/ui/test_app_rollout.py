"""A running app and the managed folder: a new signed pack is taken between calls (never in
the middle of one), a tampered one is refused on the overlay's banner while the last good
pack stays in use."""

from __future__ import annotations

from assistant.ground.events import CallAction, Phase
from tests.ui.test_app import _settle, make_app  # noqa: F401  (fixture)
from tests.ui.test_settings_locks import publish, site  # noqa: F401  (fixture)


def check(qtbot, app) -> None:
    app.check_managed_pack()
    qtbot.waitUntil(lambda: not app._checking, timeout=5000)


def banner(app) -> str:
    app.window.refresh()
    return " ".join(line.text() for line in app.window.banner.lines if not line.isHidden())


def test_a_new_pack_waits_for_the_call_to_end_and_a_tampered_one_is_refused(
        qtbot, make_app, site):  # noqa: F811
    key, share = site
    publish(share, "floor.toml", key, "2.0")
    app, sources = make_app()
    assert app.pack.pack.version == "2.0"

    app.mark_call(CallAction.START)
    sources[-1].steps.put(3)
    qtbot.waitUntil(lambda: app.state.in_call, timeout=3000)
    publish(share, "floor-2.1.toml", key, "2.1", "interval_s = 15.0", "interval_s = 20.0")
    check(qtbot, app)
    assert app.pack.pack.version == "2.0", "a pack must not change in the middle of a call"

    app.mark_call(CallAction.END)
    sources[-1].steps.put(3)
    qtbot.waitUntil(lambda: app.pack.pack.version == "2.1", timeout=3000)
    assert app.state.pack.rules.hold_update.interval_s == 20.0
    assert app.state.phase in (Phase.IDLE, Phase.ENDED)

    tampered = publish(share, "floor-2.2.toml", key, "2.2")
    tampered.write_text(tampered.read_text(encoding="utf-8").replace("priority = 30",
                                                                     "priority = 31"),
                        encoding="utf-8")
    check(qtbot, app)
    _settle(qtbot, app)
    assert app.pack.pack.version == "2.1"
    shown = banner(app)
    assert "提示包未更新" in shown and "floor-2.2.toml 签名不符" in shown, shown

    tampered.unlink()
    check(qtbot, app)
    _settle(qtbot, app)
    assert "提示包未更新" not in banner(app)
