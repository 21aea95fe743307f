"""``LiveCall``: the live source feeding the pipeline on a worker thread, call after call.

Qt-free (the app wires it to the overlay through the bridge). It owns the one thread that
touches the pipeline: that thread iterates the source's blocks, applies queued call
commands (control channel, tray) right before each block, and feeds the pipeline.

* **Calls.** Each call gets a fresh ``Call`` (:mod:`assistant.engine.calls`: its own call
  time for the time-of-day greeting, its own rule state); when a call has ended, the next
  one is ready at once, so the next call starts from a ``start`` command or, without
  one, from speech.
* **Pause.** While paused, blocks are read from the devices and dropped: nothing reaches
  the analysis, recognisers or rules, and audio time stands still, so no timer runs out
  during a pause. The devices stay open, so resuming is instant.
* **States.** The source's ``on_state`` reports become the overlay's status events
  (device lost / back, no caller channel, stopped), stamped with the call's audio time.
* **Sessions.** With a ``recorder`` factory, each call is recorded by a fresh recorder
  (a sink of its pipeline, fed each block first); a call's audio is compressed on a
  thread when it ends, so the next call is followed at once. A recorder that stops
  (disk full…) becomes a ``RecordingChanged`` status; prompts are not affected.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Protocol

from assistant.audio.block import Block
from assistant.conduct.pack import Pack
from assistant.conduct.rules.base import AgentProfile
from assistant.control.inbox import ControlInbox
from assistant.engine.assembly import call_setup
from assistant.engine.calls import Call, CallRecorder, Hearing
from assistant.ground.events import SAMPLE_RATE, Phase
from assistant.ground.notices import DeviceChange, DeviceChangeKind, RecordingStop
from assistant.ground.status import (
    CallSetup,
    DeviceBack,
    DeviceLost,
    Listening,
    ListeningChanged,
    RecordingChanged,
)

Sink = Callable[[object], None]


RecorderFactory = Callable[[Callable[[RecordingStop], None]], CallRecorder]
"""Makes a call's recorder; its argument is the recorder's ``on_stopped(why)``."""


class BlockSource(Protocol):
    """What ``LiveCall`` needs of a source; ``assistant.audio.live.LiveSource`` fits."""

    has_caller: bool

    def blocks(self) -> Iterator[Block]: ...

    def stop(self) -> None: ...


class LiveCall:
    def __init__(self, pack: Pack, source: BlockSource, sink: Sink, *,
                 hearing: Hearing | None = None,
                 agent: AgentProfile = AgentProfile(),
                 auto_start: bool = True, clock: Callable[[], datetime] = datetime.now,
                 recorder: RecorderFactory | None = None):
        self.pack = pack
        self.source = source
        self.sink = sink
        self.hearing = hearing or Hearing()
        self.agent = agent
        self.auto_start = auto_start
        self.clock = clock
        self.recorder_factory = recorder
        self.recorder: CallRecorder | None = None
        self.recording_problem: RecordingStop | None = None
        self.inbox = ControlInbox()
        self.position = 0
        """Samples fed to the pipelines: audio time, without the paused stretches."""
        self.calls = 0
        self._paused = threading.Event()
        self._thread: threading.Thread | None = None
        self.call = self._new_call()
        self.error: BaseException | None = None

    # --- from any thread ---------------------------------------------------------------

    @property
    def now(self) -> float:
        return self.position / SAMPLE_RATE

    @property
    def paused(self) -> bool:
        return self._paused.is_set()

    def setup_event(self) -> CallSetup:
        return call_setup(self.now, has_caller=self.source.has_caller,
                          recognising=self.hearing.channels, call_time=self.call.state.call_time,
                          language=self.pack.language, mode=self.hearing.mode)

    def start(self) -> None:
        self.sink(self.setup_event())
        self._thread = threading.Thread(target=self.run, name="live-pipeline", daemon=True)
        self._thread.start()

    def pause(self) -> None:
        self._paused.set()
        self.sink(ListeningChanged(self.now, Listening.PAUSED))

    def resume(self) -> None:
        self._paused.clear()
        self.sink(ListeningChanged(self.now, Listening.LISTENING))

    def stop(self, timeout: float = 3.0) -> None:
        self.source.stop()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def on_state(self, change: DeviceChange) -> None:
        """The source's ``on_state`` callback (called on the worker thread)."""
        kind, channel = change.kind, change.channel
        if kind is DeviceChangeKind.LOST and channel is not None:
            self.sink(DeviceLost(self.now, channel, change.device_name, change))
        elif kind is DeviceChangeKind.BACK and channel is not None:
            self.sink(DeviceBack(self.now, channel, change.device_name))
        elif kind is DeviceChangeKind.STOPPED:
            self.sink(ListeningChanged(self.now, Listening.STOPPED))
        elif kind is DeviceChangeKind.LISTENING and not self.paused:
            self.sink(ListeningChanged(self.now, Listening.LISTENING))
        # NO_CALLER is already in the setup event (has_caller=False)

    # --- the worker thread -------------------------------------------------------------

    def run(self) -> None:
        """Feed every block until the source stops; then finish the call in progress."""
        try:
            for block in self.source.blocks():
                self.inbox.apply(self.call)
                if self.paused:
                    continue
                state = self.call.state
                idle = state.phase is Phase.IDLE
                if idle:
                    state.call_time = self.clock()  # the greeting follows when the call starts
                self.call.feed(Block(self.position, block.agent, block.caller))
                self.position += len(block.agent)
                self._recording_back()
                if idle and state.phase is not Phase.IDLE:
                    self.sink(self.setup_event())
                if state.phase is Phase.ENDED:
                    self._next_call()
        except BaseException as exc:  # noqa: BLE001 - reported by the app, not lost in a thread
            self.error = exc
        finally:
            self.inbox.apply(self.call)
            if self.call.state.phase is not Phase.IDLE:
                self.call.finish_recording(self.call.finish())

    def _next_call(self) -> None:
        self.call.finish_recording(self.call.finish(), background=True)
        self.call = self._new_call()
        self.sink(self.setup_event())

    def _new_call(self) -> Call:
        self.calls += 1
        self.recorder = None
        if self.recorder_factory is not None:
            self.recorder = self.recorder_factory(self._recording_stopped)
        return Call(self.pack, self.hearing, has_caller=self.source.has_caller,
                    call_time=self.clock(), agent=self.agent, sinks=[self.sink],
                    recorder=self.recorder, started=False, auto_start=self.auto_start,
                    position=self.position)

    def _recording_stopped(self, why: RecordingStop) -> None:
        self.recording_problem = why
        self.sink(RecordingChanged(self.now, why))

    def _recording_back(self) -> None:
        """A later call records again (space was freed): the overlay stops saying so."""
        if self.recording_problem and self.recorder is not None \
                and self.recorder.session_id and not self.recorder.problem:
            self.recording_problem = None
            self.sink(RecordingChanged(self.now, None))

