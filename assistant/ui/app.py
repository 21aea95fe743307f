"""`assistant`: the overlay following live calls, with the tray, settings and control channel.

Threads, as DESIGN.md §3 has them: PortAudio callbacks only queue frames; one worker
(``LiveCall``) runs the pipeline; the control server has its own thread and only posts
commands to the worker's inbox; the Qt main thread draws. Events cross to the overlay
through the one ``EventBridge``; so do the listening side's status events.

Without audio input devices (or without PortAudio) the app says so and plays the demo
call instead (`--no-demo`: say so and exit).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication

import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)
from assistant.conduct.pack import Pack
from assistant.control.protocol import Command
from assistant.control.server import ControlServer
from assistant.control.transport import Transport
from assistant.engine.calls import Hearing
from assistant.ground.events import CallAction, Channel
from assistant.ground.notices import PackRefusal, PackRefusalKind, RecordingStop
from assistant.ground.status import DeviceBack, DeviceLost, Listening, ListeningChanged, PackNotice
from assistant.overlay.live_call import BlockSource, LiveCall
from assistant.overlay.state import OverlayState
from assistant.ui.bridge import EventBridge
from assistant.ui.notice_words import pack_problem_words
from assistant.ui.overlay import OverlayWindow
from assistant.ui.preferences import AppSettings, save_settings
from assistant.ui.qapp import application
from assistant.ui.startup import (
    PackChoice,
    StateCallback,
    build_recognisers,
    live_source,
    load_pack_or_default,
)
from assistant.ui.tray import DEVICE_LOST, LISTENING, PAUSED, STOPPED, Tray

__all__ = ["App", "PackChoice", "ensure_qapp", "load_pack_or_default"]

SourceFactory = Callable[[AppSettings, StateCallback], BlockSource]
Recognisers = Callable[[Pack, str, bool], "tuple[dict[Channel, object], list[str]]"]

PACK_CHECK_MS = 60_000
"""How often the managed folder is looked at for a new pack (a roll-out reaches a running
app within a minute, between calls)."""


class App(QObject):
    """The running app; every outside dependency can be replaced for tests."""

    pack_checked = Signal(object)
    """A look at the managed folder finished (on a worker thread): an ``AgentPack``."""

    def __init__(self, settings: AppSettings, *, store: QSettings | None = None,
                 overlay_settings: QSettings | None = None,
                 source_factory: SourceFactory = live_source,
                 recognisers: Recognisers = build_recognisers,
                 transport: Transport | None = None, report: Callable[[str], None] | None = None,
                 record_sessions: bool = True, live_floor=None):
        super().__init__()
        self.live_floor = live_floor
        """The agent's live state on the floor (``assistant.floor.agent_live.LiveFloor``)."""
        self.settings = settings
        self.record_sessions = record_sessions
        self.store = store
        self.source_factory = source_factory
        self.recognisers = recognisers
        self.transport = transport
        self.report = report or (lambda text: print(f"assistant: {text}", file=sys.stderr))
        self.pack, self.pack_problem, problem = load_pack_or_default(settings)
        if problem:
            self.report(problem)
        self.state = OverlayState(self.pack, agent=settings.agent, lang=settings.lang)
        self.window = OverlayWindow(self.state, settings=overlay_settings)
        self.bridge = EventBridge(self)
        self.window.attach(self.bridge)
        self.bridge.event.connect(self._follow)
        if problem:
            self.bridge(PackNotice(0.0, self.pack_problem))
        self._pending_pack: Pack | None = None
        self._checking = False
        self.pack_timer = QTimer(self)
        self.pack_timer.timeout.connect(self.check_managed_pack)
        self.pack_checked.connect(self._managed_pack_checked)
        self.tray = Tray(settings.lang, self)
        self.tray.pause_requested.connect(self.pause)
        self.tray.resume_requested.connect(self.resume)
        self.tray.call_requested.connect(self.mark_call)
        self.tray.overlay_toggled.connect(self.show_overlay)
        self.tray.settings_requested.connect(self.open_settings)
        self.window.install_requested.connect(self.open_settings)
        self.tray.replay_requested.connect(self.open_replay)
        self.tray.quit_requested.connect(self.quit)
        self.live: LiveCall | None = None
        self.server: ControlServer | None = None
        self.hotkeys = None  # Windows: the call hotkeys registered with the OS
        self.settings_dialog = None
        self.replay_window = None
        self.floor_sender = None  # sends finished calls to the central store, if one is configured

    # --- listening -----------------------------------------------------------------------

    def start_listening(self) -> None:
        """Open the devices (``DeviceError`` says what is wrong) and start the worker."""
        holder: list[LiveCall] = []
        source = self.source_factory(self.settings, lambda change: holder[0].on_state(change))
        recognisers, notes = self.recognisers(self.pack, self.settings.recogniser,
                                              source.has_caller)
        for note in notes:
            self.report(note)
        hearing = Hearing(recognisers, list(notes), self.settings.recogniser)
        live = LiveCall(self.pack, source, self._live_sink(holder), hearing=hearing,
                        agent=self.settings.agent,
                        recorder=self._recorders(source.has_caller, recognisers))
        holder.append(live)
        self.live = live
        live.start()
        self.tray.set_state(LISTENING)

    def _live_sink(self, holder: list[LiveCall]):
        """The overlay's bridge, and the live floor's reporter when the site has one."""
        from assistant.floor.agent_live import fan_out, start_live_floor

        if self.live_floor is None:
            self.live_floor = start_live_floor(self.settings.agent, report=self.report)
        if self.live_floor is None:
            return self.bridge

        def session_id() -> str | None:
            recorder = holder[0].recorder if holder else None
            return recorder.session_id if recorder is not None else None

        self.live_floor.reporter.session_id = session_id
        return fan_out(self.bridge, self.live_floor.reporter)

    def _recorders(self, has_caller: bool, recognisers: dict):
        """Every call becomes a session (``assistant sessions``); housekeeping first."""
        if not self.record_sessions:
            return None
        from assistant.sessions.recording.start import housekeeping_once, start_recorder
        from assistant.sessions.session import Source

        housekeeping_once(self.pack, self.report)
        if self.floor_sender is None:
            from assistant.floor.sync import start_sender

            self.floor_sender = start_sender(report=self.report)
        pack, settings = self.pack, self.settings

        def make(on_stopped: Callable[[RecordingStop], None]):
            return start_recorder(pack, source=Source.LIVE, has_caller=has_caller,
                                  pack_path=settings.pack, agent=settings.agent,
                                  mode=settings.recogniser, recognisers=recognisers,
                                  on_stopped=on_stopped, housekeeping=False)
        return make

    def stop_listening(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None

    def pause(self) -> None:
        if self.live is not None:
            self.live.pause()

    def resume(self) -> None:
        if self.live is not None:
            self.live.resume()

    # --- call events: control channel and tray ---------------------------------------------

    def start_control(self) -> None:
        """Serve the control channel; ``ControlError`` (already running…) is for the caller."""
        self.server = ControlServer(self.post_command, self.transport).start()
        self.start_hotkeys()

    def start_hotkeys(self, platform: str = sys.platform) -> None:
        """Windows: register the call hotkeys with the OS (elsewhere the desktop's own
        shortcut settings run `assistant call …`); a key that is taken is reported."""
        if platform != "win32":
            return
        from assistant.ui.global_hotkeys import WindowsHotkeys

        self.hotkeys = WindowsHotkeys(self.post_command, self.settings.hotkeys).start()
        for problem in self.hotkeys.problems:
            self.report(problem)

    def stop_hotkeys(self) -> None:
        if self.hotkeys is not None:
            self.hotkeys.stop()
            self.hotkeys = None

    def post_command(self, command: Command) -> str:
        """From any thread: queue a call event for the worker (the control server's handler)."""
        live = self.live
        if live is None:
            raise ValueError("the assistant is not listening (no audio device open)")
        return live.inbox.post(command)

    def mark_call(self, action: CallAction, by: Channel | None = None) -> None:
        try:
            self.post_command(Command(CallAction(action), by))
        except ValueError as exc:
            self.report(str(exc))

    # --- window, settings, quitting ----------------------------------------------------------

    def show(self) -> None:
        self.window.show()
        if not self.tray.show():
            self.report("no system tray on this desktop: the overlay's own controls only")
        elif self.pack_problem:  # e.g. a refused managed pack: the agent should see it too
            self.tray.icon.showMessage("assistant", pack_problem_words(self.pack_problem,
                                                                       self.settings.lang))

    def show_overlay(self, shown: bool) -> None:
        self.window.setVisible(shown)

    def open_settings(self) -> None:
        from assistant.ui.settings import SettingsDialog

        if self.settings_dialog is None:
            self.settings_dialog = SettingsDialog(self.settings, store=self.store)
            self.settings_dialog.applied.connect(self.apply_settings)
        self.settings_dialog.show()
        self.settings_dialog.raise_()

    def open_replay(self) -> None:
        """The agent's own recorded calls, for self-review (the trainers' replay window)."""
        from assistant.ui.replay.launch import open_window

        if self.replay_window is None:
            self.replay_window = open_window(None, lang=self.settings.lang)
            self.replay_window.resize(1500, 920)
        else:
            self.replay_window.refresh_sessions()
        self.replay_window.show()
        self.replay_window.raise_()

    def apply_settings(self, new: AppSettings) -> None:
        old, self.settings = self.settings, new
        save_settings(new, self.store)
        if new.lang != old.lang:
            self.window.set_lang(new.lang)
            self.tray.set_lang(new.lang)
        if new.agent != old.agent:
            self.window.set_agent(new.agent)
        relisten = (new.agent_device, new.caller_device, new.recogniser, new.pack_path,
                    new.agent) != (old.agent_device, old.caller_device, old.recogniser,
                                   old.pack_path, old.agent)
        if new.pack_path != old.pack_path or (not new.pack_path and new.lang != old.lang):
            pack, _, problem = load_pack_or_default(new)
            if problem:
                self.report(problem)
            else:
                self.pack = pack
                self.state.set_pack(pack)
                relisten = True
        if relisten and self.live is not None:
            self.stop_listening()
            self.start_listening()
        if new.hotkeys != old.hotkeys and self.hotkeys is not None:
            self.stop_hotkeys()
            self.start_hotkeys()

    # --- roll-out: new packs from the managed folder, between calls -------------------------

    def watch_managed_pack(self, interval_ms: int = PACK_CHECK_MS) -> None:
        self.pack_timer.start(interval_ms)

    def check_managed_pack(self) -> None:
        """Look at the managed folder on a worker (a company share may be slow or gone)."""
        if self._checking:
            return
        self._checking = True
        lang = self.settings.lang

        def look() -> None:
            from assistant.rollout.agent import managed_pack

            try:
                found = managed_pack(lang)
            except Exception as exc:  # noqa: BLE001  (a share that breaks must not stop calls)
                found = exc
            self.pack_checked.emit(found)

        threading.Thread(target=look, name="managed-pack", daemon=True).start()

    def _managed_pack_checked(self, found: object) -> None:
        self._checking = False
        if found is None:  # the policy manages no packs
            return
        if isinstance(found, Exception):
            problem: str | None = str(found)
            notices = (PackRefusal(PackRefusalKind.FAILED, message=problem),)
        else:
            problem, notices = found.problem, found.notices
        if notices != self.pack_problem:
            self.pack_problem = notices
            self.bridge(PackNotice(self.state.now, notices))
            if problem:
                self.report(problem)
        if isinstance(found, Exception) or found.pack == self.pack:
            return
        self._pending_pack = found.pack
        if not self.state.in_call:
            self._adopt_pending_pack()

    def _adopt_pending_pack(self) -> None:
        pack, self._pending_pack = self._pending_pack, None
        if pack is None:
            return
        self.report(f"prompt pack {pack.pack.id} {pack.pack.version} from the managed folder "
                    "is now in use")
        self.pack = pack
        self.state.set_pack(pack)
        if self.live is not None:
            self.stop_listening()
            self.start_listening()

    def quit(self) -> None:
        self.shutdown()
        QApplication.quit()

    def shutdown(self) -> None:
        self.pack_timer.stop()
        if self.server is not None:
            self.server.stop()
            self.server = None
        self.stop_hotkeys()
        self.stop_listening()
        if self.floor_sender is not None:
            self.floor_sender.stop()
            self.floor_sender = None
        if self.live_floor is not None:
            self.live_floor.stop()
            self.live_floor = None
        if self.replay_window is not None:
            self.replay_window.close()
        self.tray.hide()

    def _follow(self, event: object) -> None:
        """Keep the tray's icon in step with what the overlay shows; a pack that arrived
        during a call takes over once the call has ended."""
        if self._pending_pack is not None and not self.state.in_call:
            self._adopt_pending_pack()
        if not isinstance(event, (DeviceLost, DeviceBack, ListeningChanged)):
            return
        listening = self.state.listening
        if listening.lost:
            self.tray.set_state(DEVICE_LOST)
        elif listening.listening is Listening.PAUSED:
            self.tray.set_state(PAUSED)
        elif listening.listening is Listening.STOPPED:
            self.tray.set_state(STOPPED)
        else:
            self.tray.set_state(LISTENING)


# --- the tray app's QApplication ----------------------------------------------------------------


def ensure_qapp() -> QApplication:
    """The tray app's QApplication: it lives on with every window hidden."""
    return application(quit_on_last_window=False)
