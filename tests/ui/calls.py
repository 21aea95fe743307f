"""Scripted calls shared by the overlay tests."""

from __future__ import annotations

from tests.unit.conduct.scripted_call import GOOD_OPENING
from tests.unit.overlay.overlay_call import OverlayCall


def lookup_call() -> OverlayCall:
    """A lookup with permission, then silence: the hold-update prompt is due at 24.0 s."""
    call = OverlayCall()
    call.turn("agent", 0.5, 3.0, GOOD_OPENING)
    call.turn("caller", 3.5, 6.0, "帮我查一下订单")
    call.turn("agent", 6.5, 9.0, "请您稍等，我帮您查一下")
    call.turn("agent", 27.0, 29.0, "让您久等了")
    return call


def closing_call(by: str = "caller") -> OverlayCall:
    """Recap at 15.4 s, agreement at 17.4 s, thanks at 22.4 s, hang-up at 23 s."""
    call = OverlayCall()
    call.turn("agent", 0.5, 4.0, GOOD_OPENING)
    call.turn("caller", 4.6, 8.0, "你好，我想查一下我的快递")
    call.turn("agent", 8.5, 11.0, "您的快递明天送到")
    call.turn("agent", 12.0, 15.0, "跟您确认一下，明天上午送到")
    call.turn("agent", 15.5, 17.0, "您看可以吗")
    call.turn("caller", 17.5, 18.5, "可以")
    call.turn("agent", 19.0, 22.0, "感谢您的来电，再见")
    call.control(23.0, "end", by)
    return call


def pace_call() -> OverlayCall:
    """The agent speeds away from the caller; the rule warns after ``sustain_s``."""
    call = OverlayCall()
    call.turn("agent", 0.5, 4.0, GOOD_OPENING).turn("caller", 4.5, 9.0)
    call.turn("agent", 9.5, 40.0)
    call.pace("caller", 10.0, 200.0)
    for i in range(30):
        call.pace("agent", 10.5 + i, 205.0 if i < 5 else 270.0)  # out of step, under max_spm
    return call
