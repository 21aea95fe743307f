"""`assistant demo` in the overlay: the bundled demo call through the live pipeline.

The demo recording is read block by block and fed to the same ``Pipeline`` the live
call uses, on a worker thread, paced to real time (or ``--speed N`` times faster), with
the core's events crossing to the overlay through the ``EventBridge``. Softphone events
in the demo's scenario file (the caller hanging up) are replayed at their moments.

``--screenshot FILE --at SECONDS`` runs the pipeline at full speed up to that audio
time on the calling thread, then renders the overlay offscreen to a PNG and exits.
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from assistant.audio.file import AudioFileError, CallFile, open_call_file
from assistant.conduct.pack import Pack
from assistant.conduct.rules.base import AgentProfile
from assistant.engine.assembly import call_setup
from assistant.engine.calls import Call, CallRecorder, Hearing, hear
from assistant.ground.events import SAMPLE_RATE, CallAction, Channel
from assistant.ground.reader import say
from assistant.ground.status import CallSetup
from assistant.ground.summary import Summary

LINGER_S = 10.0
"""How long the overlay stays up after the demo call ended, before the demo quits."""

DEMO_AGENT = {"zh": AgentProfile("小王", "1234"), "en": AgentProfile("Alex", "1234")}

Sink = Callable[[object], None]

MESSAGES = {"wrote": {"en": "wrote {path} (overlay at {at} s of the demo call)",
                      "zh": "已写入 {path}（演示通话第 {at} 秒的浮窗）"}}


@dataclass
class DemoCall:
    """Everything needed to play a recorded call into an overlay."""

    pack: Pack
    source: CallFile
    hearing: Hearing
    call_time: datetime | None
    agent: AgentProfile
    controls: list[tuple[float | None, CallAction, Channel | None]] = field(default_factory=list)
    """Softphone events: (audio time, action, by); time ``None`` means at the end."""
    demo: bool = False
    """The bundled demo call (labelled 演示/demo in the overlay), not a chosen recording."""

    @property
    def recognisers(self) -> dict[Channel, object]:
        return self.hearing.recognisers

    @property
    def notes(self) -> list[str]:
        return self.hearing.notes

    @property
    def setup(self) -> CallSetup:
        return call_setup(0.0, has_caller=self.source.has_caller,
                          recognising=self.hearing.channels, call_time=self.call_time,
                          language=self.pack.language, mode=self.hearing.mode, demo=self.demo)


def prepare(*, path: Path | None = None, call_time: datetime | None = None,
            pack_path: Path | None = None, lang: str | None = None, model: Path | None = None,
            recogniser: str | None = "grammar", agent_channel: str = "left",
            agent: AgentProfile | None = None) -> DemoCall:
    """Open the call (the bundled demo by default), its pack and recognisers (``recogniser``
    ``None``: the installed model's, see :mod:`assistant.engine.installed`)."""
    from assistant.engine.packs import choose_pack
    from assistant.ground.errors import UserError
    from assistant.scenario.demo import demo_call, demo_controls

    controls: list[tuple[float | None, CallAction, Channel | None]] = []
    demo = path is None
    if path is None:
        path, demo_time = demo_call()
        call_time = call_time or demo_time
        controls = demo_controls()
    pack = choose_pack(pack_path, lang)
    try:
        source = open_call_file(path, agent_channel=agent_channel)
    except AudioFileError as exc:
        raise UserError(str(exc)) from None
    if recogniser is None:
        from assistant.engine.installed import installed_mode

        recogniser = installed_mode(pack.language)
    hearing = hear(pack, mode=recogniser, has_caller=source.has_caller,  # type: ignore[arg-type]
                   model_path=model)
    if agent is None or not (agent.name or agent.agent_id):
        agent = DEMO_AGENT.get(pack.language, AgentProfile())
    return DemoCall(pack, source, hearing, call_time, agent, controls, demo=demo)


def play(call: DemoCall, sink: Sink, *, speed: float | None = None, until: float | None = None,
         stop: threading.Event | None = None, recorder: CallRecorder | None = None
         ) -> Summary | None:
    """Feed the call through a fresh pipeline into ``sink``.

    ``speed`` paces blocks to audio time divided by it (``None``: as fast as possible).
    With ``until`` the call is left running at that audio time (nothing is finished), as
    a screenshot of a live moment wants. Returns the summary when the call was finished.
    A ``recorder`` (``assistant.sessions.recording.recorder.Recorder``) keeps the call as a session.
    """
    sink(call.setup)
    run = Call(call.pack, call.hearing, has_caller=call.source.has_caller,
               call_time=call.call_time, agent=call.agent, sinks=[sink], recorder=recorder,
               controls=call.controls)
    started = time.monotonic()
    for block in call.source.blocks():
        if stop is not None and stop.is_set():
            run.finish_recording(None, remark="the demo was closed before the call ended")
            return None
        if until is not None and block.start / SAMPLE_RATE >= until - 1e-9:
            return None
        run.feed(block)
        if speed:
            delay = started + run.now / speed - time.monotonic()
            if delay > 0:
                time.sleep(delay)
    summary = run.finish()
    run.finish_recording(summary)
    return summary


# --- the two entry points the CLI calls ------------------------------------------------------


def _ensure_app(offscreen: bool = False):
    from assistant.ui.qapp import application

    return application(offscreen=offscreen)


def _ui_lang(requested: str | None, pack: Pack) -> str:
    if requested in ("zh", "en"):
        return requested
    return "zh" if pack.language == "zh" else "en"


def render_screenshot(path: Path | str, at: float, *, lang: str | None = None,
                      ui_lang: str | None = None, mode: str = "compact",
                      call: DemoCall | None = None, **prepare_args) -> Path:
    """Play the call at full speed to audio time ``at`` and render the overlay to ``path``.

    Uses a throw-away settings file, so a screenshot never moves the user's overlay.
    """
    from PySide6.QtCore import QSettings

    from assistant.overlay.state import OverlayState
    from assistant.ui.overlay import OverlayWindow
    from assistant.ui.render import render_png

    _ensure_app(offscreen=True)
    call = call or prepare(lang=lang, **prepare_args)
    state = OverlayState(call.pack, agent=call.agent, lang=_ui_lang(ui_lang, call.pack))
    play(call, state, until=at)
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "overlay.ini"), QSettings.Format.IniFormat)
        window = OverlayWindow(state, settings=settings)
        window.set_mode(mode)
        out = render_png(window, path)
        window.close()
        window.deleteLater()
    return out


def run_demo(args: argparse.Namespace) -> int:
    """`assistant demo` with the overlay: returns the process exit code."""
    agent = AgentProfile(getattr(args, "agent_name", "") or "", getattr(args, "agent_id", "") or "")
    options = dict(pack_path=getattr(args, "pack", None), model=getattr(args, "model", None),
                   recogniser=getattr(args, "recogniser", None),
                   agent_channel=getattr(args, "agent_channel", "left") or "left", agent=agent)
    if getattr(args, "screenshot", None):
        at = getattr(args, "at", None)
        at = 30.0 if at is None else float(at)
        out = render_screenshot(args.screenshot, at, lang=getattr(args, "lang", None),
                                ui_lang=getattr(args, "ui_lang", None),
                                mode=getattr(args, "mode", "compact") or "compact", **options)
        print(say(MESSAGES, "wrote", path=out, at=f"{at:g}"))
        return 0
    call = prepare(lang=getattr(args, "lang", None), **options)
    for note in call.notes:
        print(f"assistant: {note}", file=sys.stderr)
    speed = getattr(args, "speed", None) or 1.0
    return _run_live(call, speed=speed, ui_lang=getattr(args, "ui_lang", None),
                     mode=getattr(args, "mode", None), pack_path=options["pack_path"],
                     model=options["model"], recogniser=call.hearing.mode)


def _demo_recorder(call: DemoCall, sink: Sink, *, pack_path: Path | None, model: Path | None,
                   recogniser: str):
    """The demo call is kept as a session of source ``demo``, like any call."""
    from assistant.ground.status import RecordingChanged
    from assistant.sessions.recording.start import start_recorder
    from assistant.sessions.session import Source

    return start_recorder(
        call.pack, source=Source.DEMO, has_caller=call.source.has_caller, pack_path=pack_path,
        agent=call.agent, mode=recogniser, recognisers=call.recognisers, model_path=model,
        source_path=str(call.source.path), call_time=call.call_time,
        on_stopped=lambda why: sink(RecordingChanged(0.0, why)),
        report=lambda line: print(f"assistant: {line}", file=sys.stderr))


def _run_live(call: DemoCall, *, speed: float, ui_lang: str | None, mode: str | None,
              pack_path: Path | None = None, model: Path | None = None,
              recogniser: str = "grammar") -> int:
    from PySide6.QtCore import QTimer

    from assistant.overlay.state import OverlayState
    from assistant.ui.bridge import EventBridge
    from assistant.ui.overlay import OverlayWindow

    app = _ensure_app()
    state = OverlayState(call.pack, agent=call.agent, lang=_ui_lang(ui_lang, call.pack))
    window = OverlayWindow(state)
    if mode:
        window.set_mode(mode)
    bridge = EventBridge()
    window.attach(bridge)
    stop = threading.Event()
    recorder = _demo_recorder(call, bridge, pack_path=pack_path, model=model,
                              recogniser=recogniser)
    thread = threading.Thread(target=play, args=(call, bridge),
                              kwargs={"speed": speed, "stop": stop, "recorder": recorder},
                              name="demo-pipeline", daemon=True)
    ending = QTimer()
    ending.setSingleShot(True)
    ending.timeout.connect(app.quit)

    def watch() -> None:
        """Runs on the main thread: lets Python see Ctrl+C and notices the call's end."""
        if not thread.is_alive() and not ending.isActive():
            ending.start(round(LINGER_S * 1000))

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    watcher = QTimer()
    watcher.timeout.connect(watch)
    watcher.start(200)
    window.show()
    thread.start()
    code = app.exec()
    stop.set()
    thread.join(timeout=2.0)
    return code
