"""Render the overlay in each state, in Chinese and English, for the docs and the README.

    python3 -m assistant.ui.screenshots docs/screenshots

Each scene is a scripted call driven through ``CallCore`` on audio time (no audio, no
model needed), stopped at the moment worth showing: the greeting card as the call
opens, the pace gauge in conversation, the hold ring at 10 s and at the 15-s update,
the closing checklist, and a call with a lost device and no speech model. Rendered
offscreen at twice the pixel density, which is also a check of the high-DPI layout.

The scenes whose picture is about words heard (the greeting card, the closing checklist,
the after-call feedback) are kept here for the tests, but their README pictures come
from calls decoded by the real Whisper model (:mod:`assistant.ui.heard_screenshots`):
``render_all`` leaves those files alone unless ``scripted_words`` is set.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from assistant.conduct.pack import Pack, default_pack_path, load_pack
from assistant.conduct.rules.base import AgentProfile
from assistant.engine.call_core import CallCore
from assistant.ground.events import (
    CallAction,
    CallControl,
    Channel,
    Event,
    PaceReading,
    SpeechEnd,
    SpeechStart,
    Transcript,
)
from assistant.ground.notices import (
    PackRefusal,
    PackRefusalKind,
    RecordingStop,
    RecordingStopKind,
)
from assistant.ground.status import (
    CallSetup,
    DeviceLost,
    Listening,
    ListeningChanged,
    PackNotice,
    RecordingChanged,
)
from assistant.overlay.closing import Item
from assistant.overlay.state import OverlayState

STEP = 0.1
CALL_TIME = datetime(2026, 11, 25, 14, 30)
AGENT = {"zh": AgentProfile("小王", "1024"), "en": AgentProfile("Alex Chen", "1024")}
WORDS = {
    "zh": {"opening": "下午好，我是小王，工号一零二四，很高兴为您服务", "ask": "您好，我想查一下订单",
           "permission": "好的，请您稍等，我帮您查一下", "found": "您的订单明天送到",
           "recap": "跟您确认一下，明天上午送到", "agree": "您看可以吗", "thanks": "感谢您的来电，再见", "hello": "喂，什么事"},
    "en": {"opening": "good afternoon my name is alex agent number one zero two four",
           "ask": "hi I want to check my order", "permission": "may i put you on hold let me check",
           "found": "your order arrives tomorrow", "recap": "just to recap it arrives tomorrow morning",
           "agree": "is that ok", "thanks": "thank you for calling goodbye",
           "hello": "yeah what is it"},
}


@dataclass
class Scene:
    name: str
    at: float
    hearing: bool = True
    mode: str = "compact"
    script: Callable[[dict[str, str]], list[Event]] = lambda words: []
    extra: list[Event] = field(default_factory=list)
    ticks: tuple[Item, ...] = ()
    why_open: bool = False
    end: bool = False
    """Finish the call at ``at`` (the after-call feedback shows)."""


def _turn(who: Channel, t0: float, t1: float, text: str | None = None) -> list[Event]:
    out: list[Event] = [SpeechStart(who, t0), SpeechEnd(who, t1, t0)]
    if text:
        out.append(Transcript(who, t1 + 0.4, text))
    return out


A, C = Channel.AGENT, Channel.CALLER


def _opening(w: dict[str, str]) -> list[Event]:
    return _turn(A, 0.5, 4.0, w["opening"])


def _pace(w: dict[str, str]) -> list[Event]:
    events = _opening(w) + _turn(C, 4.5, 9.0, w["ask"]) + _turn(A, 9.5, 40.0)
    events.append(PaceReading(C, 10.0, 205.0, 205.0, 0, 30.0))
    events += [PaceReading(A, 10.5 + i, 228.0 + 3 * (i % 3), 225.0, 0, 30.0) for i in range(20)]
    return events


def _lookup(w: dict[str, str]) -> list[Event]:
    return (_opening(w) + _turn(C, 4.5, 7.0, w["ask"]) + _turn(A, 7.5, 10.0, w["permission"])
            + [PaceReading(A, 9.0, 210.0, 210.0, 0, 12.0), PaceReading(C, 7.0, 195.0, 195.0, 0, 12.0)])


def _closing(w: dict[str, str]) -> list[Event]:
    return (_opening(w) + _turn(C, 4.6, 8.0, w["ask"]) + _turn(A, 8.5, 11.0, w["found"])
            + _turn(A, 12.0, 15.0, w["recap"]) + _turn(A, 15.5, 17.0, w["agree"])
            + _turn(C, 17.5, 18.5) + _turn(A, 19.0, 22.0, w["thanks"]))


def _no_greeting(w: dict[str, str]) -> list[Event]:
    """An opening without the greeting or introduction, a closing without a recap."""
    return (_turn(A, 0.5, 2.0, w["hello"]) + _turn(C, 2.5, 6.0, w["ask"])
            + _turn(A, 6.5, 9.0, w["found"]) + _turn(C, 9.5, 10.5)
            + _turn(A, 11.0, 13.0, w["thanks"])
            + [CallControl(14.0, CallAction.END, C)])


SCENES = [
    Scene("1-greeting", 2.0, script=_opening),
    Scene("2-conversation-pace", 14.0, script=_pace),
    Scene("3-hold-countdown-10s", 20.0, script=_lookup),
    Scene("4-hold-update-prompt-15s", 25.0, script=_lookup),
    Scene("5-hold-update-expanded", 25.0, script=_lookup, mode="expanded", why_open=True),
    Scene("6-closing-checklist", 22.6, script=_closing),
    Scene("7-device-lost-no-model", 14.0, hearing=False, mode="expanded", script=_pace,
          extra=[DeviceLost(12.0, C, "Softphone loopback (USB headset)")]),
    Scene("8-pack-refused-recording-stopped", 20.0, script=_lookup, extra=[
        PackNotice(2.0, (PackRefusal(PackRefusalKind.TAMPERED,
                                     "/mnt/callcentre/packs/floor-2.2.toml"),)),
        RecordingChanged(9.0, RecordingStop(RecordingStopKind.DISK_FULL,
                                            "/home/agent/.local/share/etiquette-assistant/"
                                            "sessions"))]),
    Scene("9-after-call-feedback", 15.0, script=_no_greeting, end=True),
    Scene("10-demo-call", 14.0, script=_pace, extra=[
        CallSetup(1.0, True, frozenset(Channel), CALL_TIME, "", demo=True)]),
    Scene("11-paused", 14.0, script=_lookup, extra=[ListeningChanged(12.0, Listening.PAUSED)]),
]


def scene_state(scene: Scene, lang: str, pack: Pack) -> OverlayState:
    """Drive the scene's call through the core up to its moment; return the overlay state."""
    state = OverlayState(pack, agent=AGENT[lang], lang=lang)
    hearing = frozenset(Channel) if scene.hearing else frozenset()
    state(CallSetup(0.0, True, hearing, CALL_TIME, f"assistant models install {pack.language}"))
    core = CallCore(pack, has_caller=True, recognising={ch: scene.hearing for ch in Channel},
                    call_time=CALL_TIME, agent=AGENT[lang], sinks=[state])
    core.observe(CallControl(0.0, CallAction.START))
    pending = sorted(scene.script(WORDS[lang]), key=lambda e: e.t)
    extra = sorted(scene.extra, key=lambda e: e.t)
    t = 0.0
    while t < scene.at - 1e-9:
        t = round(t + STEP, 6)
        while pending and pending[0].t <= t:
            core.observe(pending.pop(0))
        while extra and extra[0].t <= t:
            state(extra.pop(0))
        core.advance(t)
    if scene.end:
        core.finish(scene.at)
    for item in scene.ticks:
        state.tick_item(item)
    return state


def render_all(out_dir: Path, langs: tuple[str, ...] = ("zh", "en"),
               scripted_words: bool = False) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_SCALE_FACTOR", "2")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)
    from assistant.ui.heard_screenshots import SCENES as HEARD
    from assistant.ui.overlay import OverlayWindow
    from assistant.ui.render import render_png

    heard = set() if scripted_words else {scene.name for scene in HEARD}

    app = QApplication.instance() or QApplication(sys.argv[:1])
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "overlay.ini"), QSettings.Format.IniFormat)
        for lang in langs:
            pack = load_pack(default_pack_path(lang))
            for scene in (s for s in SCENES if s.name not in heard):
                state = scene_state(scene, lang, pack)
                window = OverlayWindow(state, settings=settings)
                window.set_mode(scene.mode)
                if scene.why_open:
                    window.prompt.set_why_open(True)
                written.append(render_png(window, out_dir / f"{scene.name}-{lang}.png"))
                window.close()
                window.deleteLater()
                app.processEvents()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0]) if args else Path("docs/screenshots")
    for path in render_all(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
