"""Live capture: the agent's microphone and the caller's audio, as pipeline blocks.

One input stream per channel: the agent's microphone through PortAudio; the softphone's
output through a loopback device (``assistant.audio.loopback``) or a PortAudio monitor. Each stream's callback only copies its frames
into a queue; ``blocks()``, running in the pipeline's worker thread, does the rest:
resampling to ``SAMPLE_RATE``, pairing the channels, and watching the devices.

Audio time is samples counted, never the wall clock, with one exception: a gap. The
wall clock is used only to place a stream's first samples on the call's timeline (when
it starts, or comes back after a loss) and to measure how long a device was gone.

How the channels are kept aligned:

* A block is released only when both channels have its samples, so a stream that is
  merely late delays blocks but never shifts them.
* A stream that delivers nothing for ``stall_s`` is declared lost (``device_lost``),
  closed, and reopened every ``retry_s``. Meanwhile its channel is filled with silence
  following the wall clock, so the other channel keeps flowing and timers keep running.
* A stream's first samples after it (re)starts are placed at the call time they were
  captured (arrival time minus their duration): silence fills the hole before them;
  samples that would land on time already filled with silence are dropped.
"""

from __future__ import annotations

import functools
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.audio.block import BLOCK_SAMPLES, Block
from assistant.audio.device_info import DeviceError, DeviceInfo, DeviceProblem
from assistant.audio.devices import find_device
from assistant.audio.input_stream import InputStream, StreamFactory, open_input_stream
from assistant.audio.resample import SampleFifo, StreamResampler
from assistant.ground.events import SAMPLE_RATE, Channel
from assistant.ground.notices import DeviceChange, DeviceChangeKind, LossCause

LISTENING = DeviceChangeKind.LISTENING.value
DEVICE_LOST = DeviceChangeKind.LOST.value
STOPPED = DeviceChangeKind.STOPPED.value

StateCallback = Callable[[DeviceChange], None]
"""``on_state(change)``, called from the thread that iterates ``blocks()``; a UI marshals
it onto its own thread. The change names its kind, channel and device."""


@dataclass(frozen=True)
class ChannelStatus:
    device: str
    live: bool
    samplerate: float
    overflows: int
    losses: int
    silence_s: float
    """Call time filled with silence because the device was not delivering."""
    dropped_s: float
    """Captured audio dropped because its time had already been filled with silence."""


@dataclass(frozen=True)
class LiveStatus:
    state: str
    channels: dict[Channel, ChannelStatus]


class _Capture:
    """One channel: its device, its current stream, and where it stands on the timeline."""

    def __init__(self, role: Channel, device: DeviceInfo, pick: int):
        self.role = role
        self.device = device
        self.pick = pick
        self.stream: InputStream | None = None
        self.generation = 0
        self.state = "closed"  # closed → opening → live → lost → opening …
        self.ever_live = False
        self.reported_lost = False
        self.rate = float(SAMPLE_RATE)
        self.resampler = StreamResampler(SAMPLE_RATE, 1)
        self.fifo = SampleFifo(1)
        self.produced = 0  # timeline position of the fifo's end
        self.received = 0  # timeline position of the next captured sample
        self.opened_at = 0.0
        self.last_data = 0.0
        self.next_retry = 0.0
        self.lost_since = 0.0
        self.overflows = 0
        self.losses = 0
        self.silence = 0
        self.dropped = 0

    @property
    def channels(self) -> int:
        """Channels to open: two on a stereo device even for its first channel, because a
        mono stream from a stereo source is a downmix of both sides, not the left one."""
        return max(self.pick + 1, min(2, self.device.input_channels))

    def change(self, kind: DeviceChangeKind, *, cause: LossCause | None = None,
               seconds: float = 0.0, retry_s: float = 0.0, error: str = "") -> DeviceChange:
        return DeviceChange(kind, self.role, str(self.device), self.device.name, self.rate,
                            cause, seconds, retry_s, error)

    def place(self, samples: np.ndarray) -> None:
        """Put captured samples at their timeline position, filling or dropping as needed."""
        start = self.received
        self.received += len(samples)
        self.fill_to(start)
        skip = self.produced - start
        if skip >= len(samples):
            self.dropped += len(samples)
            return
        self.dropped += skip
        self.fifo.push(samples[skip:])
        self.produced += len(samples) - skip

    def fill_to(self, position: int) -> None:
        if position > self.produced:
            self.fifo.push_silence(position - self.produced)
            self.silence += position - self.produced
            self.produced = position


class LiveSource:
    """Blocks from live devices, for the pipeline.

    ``agent_device`` / ``caller_device``: a ``DeviceInfo``, an index, a piece of the
    name, or ``None`` (agent: the default input; caller: no caller channel, so the
    checks that compare both sides are off). ``agent_channel`` / ``caller_channel`` pick
    one input channel of the device (0 = first), e.g. both sides of a stereo loopback.

    ``stream_factory`` and ``clock`` are the boundary to the outside world; tests inject
    fakes to simulate a device that disappears and returns (with ``live_wait_s``, the
    longest wait for audio while every channel is live, when their clock moves only when
    looked at).
    """

    def __init__(
        self,
        agent_device: DeviceInfo | str | int | None,
        caller_device: DeviceInfo | str | int | None = None,
        *,
        blocksize: int = BLOCK_SAMPLES,
        agent_channel: int = 0,
        caller_channel: int = 0,
        on_state: StateCallback | None = None,
        stream_factory: StreamFactory = open_input_stream,
        clock: Callable[[], float] = time.monotonic,
        stall_s: float = 1.5,
        open_grace_s: float = 5.0,
        retry_s: float = 2.0,
        poll_s: float = 0.05,
        live_wait_s: float | None = None,
    ):
        self.blocksize = blocksize
        self._captures = [_Capture(Channel.AGENT, _resolve(agent_device, agent_channel),
                                   agent_channel)]
        if caller_device is not None:
            self._captures.append(_Capture(Channel.CALLER,
                                           _resolve(caller_device, caller_channel),
                                           caller_channel))
        self._on_state = on_state or (lambda change: None)
        self._factory = stream_factory
        self._clock = clock
        self._stall_s = stall_s
        self._open_grace_s = open_grace_s
        self._retry_s = retry_s
        self._poll_s = poll_s
        self._live_wait_s = live_wait_s
        self._queue: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._t0: float | None = None
        self._position = 0
        self._state = "starting"

    @property
    def has_caller(self) -> bool:
        return len(self._captures) == 2

    @property
    def position(self) -> int:
        """Samples released so far: the audio time of the next block."""
        return self._position

    @property
    def status(self) -> LiveStatus:
        return LiveStatus(self._state, {
            c.role: ChannelStatus(
                device=str(c.device), live=c.state == "live", samplerate=c.rate,
                overflows=c.overflows, losses=c.losses, silence_s=c.silence / SAMPLE_RATE,
                dropped_s=c.dropped / SAMPLE_RATE,
            )
            for c in self._captures
        })

    def blocks(self) -> Iterator[Block]:
        """Blocks until ``stop()``; run it in the pipeline's worker thread, once."""
        if self._stopped.is_set():
            return
        if not self.has_caller:
            self._emit(DeviceChange(DeviceChangeKind.NO_CALLER))
        try:
            now = self._clock()
            for capture in self._captures:
                self._open(capture, now)
            while not self._stopped.is_set():
                self._drain(self._wait_s(now))
                now = self._clock()
                for capture in self._captures:
                    self._watch(capture, now)
                yield from self._release()
        finally:
            self._stopped.set()
            self._close_all()
            self._state = STOPPED
            self._emit(DeviceChange(DeviceChangeKind.STOPPED))

    def stop(self) -> None:
        """Stop capturing and close the devices, from any thread; ``blocks()`` then ends
        (at once: it is woken) after reporting ``stopped``."""
        self._stopped.set()
        self._queue.put((None, 0, 0.0, None, False))
        self._close_all()

    # --- the PortAudio side: copy and queue, nothing else -----------------------------

    def _on_frames(self, capture: _Capture, generation: int, indata: np.ndarray,
                   frames: int, time_info: object, status: Any) -> None:
        self._queue.put((capture, generation, self._clock(), indata[:, capture.pick].copy(),
                         bool(status.input_overflow)))

    def _on_finished(self, capture: _Capture, generation: int) -> None:
        self._queue.put((capture, generation, self._clock(), None, False))

    # --- the worker side ----------------------------------------------------------------

    def _wait_s(self, now: float) -> float:
        """How long the worker may wait for audio: while every channel is live, until the
        first could be called silent (every block wakes it anyway; ``live_wait_s`` at most,
        for a test's clock that moves only when looked at); while one is not, ``poll_s``
        (its silence is filled in and its reopening timed). Waking every ``poll_s``
        regardless cost the worker ≈ 0.4 % of a core more for two live channels
        (PulseAudio, 100-ms blocks, ``bench/overlay_live.py``: 2.3–2.4 % against 2.7–2.8)."""
        if any(c.state != "live" for c in self._captures):
            return self._poll_s
        stall_at = min(c.last_data for c in self._captures) + self._stall_s
        wait = max(self._poll_s, stall_at - now)
        return wait if self._live_wait_s is None else min(wait, self._live_wait_s)

    def _drain(self, timeout: float) -> None:
        try:
            item = self._queue.get(timeout=timeout)
        except queue.Empty:
            return
        while True:
            self._handle(*item)
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return

    def _handle(self, capture: _Capture | None, generation: int, stamp: float,
                frames: np.ndarray | None, overflow: bool) -> None:
        if capture is None or generation != capture.generation or self._stopped.is_set():
            return
        if frames is None:
            self._lose(capture, stamp, LossCause.STREAM_STOPPED)
            return
        if capture.state != "live":
            self._go_live(capture, stamp - len(frames) / capture.rate)
        capture.overflows += overflow
        capture.last_data = stamp
        capture.place(capture.resampler.process(frames)[:, 0])

    def _go_live(self, capture: _Capture, captured_at: float) -> None:
        if self._t0 is None:
            self._t0 = captured_at
        capture.received = round((captured_at - self._t0) * SAMPLE_RATE)
        capture.state = "live"
        if capture.reported_lost:
            self._emit(capture.change(DeviceChangeKind.BACK,
                                      seconds=captured_at - capture.lost_since))
        elif not capture.ever_live:
            self._emit(capture.change(DeviceChangeKind.LISTENING))
        capture.ever_live = True
        capture.reported_lost = False
        if all(c.state == "live" for c in self._captures):
            self._state = LISTENING

    def _watch(self, capture: _Capture, now: float) -> None:
        if capture.state == "live" and now - capture.last_data > self._stall_s:
            self._lose(capture, now, LossCause.SILENT, now - capture.last_data)
        elif capture.state == "opening" and now - capture.opened_at > self._open_grace_s:
            self._lose(capture, now, LossCause.SILENT_AFTER_OPEN, self._open_grace_s)
        elif capture.state in ("lost", "closed") and now >= capture.next_retry:
            self._open(capture, now)
        if capture.state != "live" and self._t0 is not None:
            # Silence up to a little before now: a live stream's audio arrives this late.
            capture.fill_to(round((now - self._t0 - 2 * self.blocksize / SAMPLE_RATE)
                                  * SAMPLE_RATE))

    def _open(self, capture: _Capture, now: float) -> None:
        with self._lock:
            if self._stopped.is_set():
                return
            capture.generation += 1
            generation = capture.generation
            try:
                stream = self._factory(
                    device=capture.device, channels=capture.channels, blocksize=self.blocksize,
                    callback=functools.partial(self._on_frames, capture, generation),
                    finished_callback=functools.partial(self._on_finished, capture, generation),
                )
                stream.start()
            except Exception as exc:  # noqa: BLE001 - any failure to open means "retry later"
                capture.state = "lost"
                capture.next_retry = now + self._retry_s
                self._report_lost(capture, now, LossCause.CANNOT_OPEN, error=str(exc))
                return
            capture.stream = stream
            capture.rate = float(stream.samplerate)
            capture.resampler = StreamResampler(capture.rate, 1)
            capture.state = "opening"
            capture.opened_at = now

    def _lose(self, capture: _Capture, now: float, cause: LossCause, seconds: float = 0.0) -> None:
        with self._lock:
            capture.generation += 1
            _close(capture)
            since = capture.last_data if capture.state == "live" else now
            if capture.state == "live":
                capture.losses += 1
            capture.state = "lost"
            capture.next_retry = now + self._retry_s
        self._report_lost(capture, since, cause, seconds=seconds)

    def _report_lost(self, capture: _Capture, since: float, cause: LossCause,
                     seconds: float = 0.0, error: str = "") -> None:
        if capture.reported_lost:
            return
        capture.reported_lost = True
        capture.lost_since = since
        self._state = DEVICE_LOST
        self._emit(capture.change(DeviceChangeKind.LOST, cause=cause, seconds=seconds,
                                  retry_s=self._retry_s, error=error))

    def _release(self) -> Iterator[Block]:
        while all(len(c.fifo) >= self.blocksize for c in self._captures):
            agent, *caller = (c.fifo.pop(self.blocksize)[:, 0] for c in self._captures)
            block = Block(self._position, agent, caller[0] if caller else None)
            self._position += self.blocksize
            yield block
            if self._stopped.is_set():
                return

    def _close_all(self) -> None:
        with self._lock:
            for capture in self._captures:
                capture.generation += 1
                _close(capture)

    def _emit(self, change: DeviceChange) -> None:
        self._on_state(change)


def _close(capture: _Capture) -> None:
    stream, capture.stream = capture.stream, None
    if stream is not None:
        try:
            stream.close()
        except Exception:  # noqa: BLE001 - a vanished device may fail to close; it is gone
            pass


def _resolve(spec: DeviceInfo | str | int | None, channel: int) -> DeviceInfo:
    device = spec if isinstance(spec, DeviceInfo) else find_device(spec)
    if not 0 <= channel < max(device.input_channels, 1):
        raise DeviceError(DeviceProblem.NO_SUCH_CHANNEL, device=device,
                          channels=device.input_channels, channel=channel)
    return device
