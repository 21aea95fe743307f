"""Playing a recorded call back at 0.5–4x, and the playhead clock that goes with it.

``Player`` is the replay window's transport. Its position is the clock everything at the
playhead follows (the overlay, the transcript highlight), so it must be right with sound
and without:

- With an output device, a worker thread reads the file from the position, resamples it
  with soxr so ``speed`` seconds of call fit in one second (pitch rises with speed, as on a
  dictaphone) and queues blocks; the PortAudio callback only copies a block out and counts
  frames. The position is what is being heard: each block is stamped with when the
  device plays it (:mod:`assistant.audio.heard_clock`), so the playhead, and the prompts
  on the timeline with it, follow the sound even when the device's buffer grows.
- Without one (no sound card, no server), or with no audio file, the same clock runs on
  the monotonic clock, and ``problem`` says why there is no sound.

No Qt here: the window polls ``position`` on its own timer.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from assistant.audio.heard_clock import HeardClock

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
BLOCK_S = 0.05
"""Seconds of output per queued block: small enough that a seek or pause is heard at once."""
QUEUE_BLOCKS = 6


class Player:
    def __init__(self, path: Path | None, duration: float, *, device: object | None = None,
                 clock: Callable[[], float] = time.monotonic, sound: bool = True):
        self.path = path
        self.duration = duration
        self.speed = 1.0
        self.playing = False
        self.problem = ""
        """Why there is no sound, for the window to say; empty while sound plays."""
        self._clock = clock
        self._lock = threading.Lock()
        self._origin = 0.0
        self._wall = clock()
        self._played = 0
        self._generation = 0
        self._stream: Any = None
        """The running ``sounddevice.OutputStream``, or ``None`` when silent."""
        self._heard: HeardClock | None = None
        self._queue: queue.Queue[tuple[int, np.ndarray]] = queue.Queue(maxsize=QUEUE_BLOCKS)
        self._pending = np.zeros((0, 1), np.float32)
        self._feeder: threading.Thread | None = None
        self._stop = threading.Event()
        if path is None:
            self.problem = "no audio file"
        elif sound:
            self._open_output(device)
        else:
            self.problem = "sound off"

    # --- the transport ----------------------------------------------------------------

    @property
    def audible(self) -> bool:
        return self._stream is not None

    def position(self) -> float:
        with self._lock:
            if not self.playing:
                return self._origin
            if self._stream is not None:
                t = self._heard_position()
            else:
                t = self._origin + (self._clock() - self._wall) * self.speed
        if t >= self.duration:
            self.pause(at=self.duration)
            return self.duration
        return t

    def play(self) -> None:
        if self.playing:
            return
        if self._origin >= self.duration - 1e-3:
            self._origin = 0.0
        self._restart(self._origin, playing=True)

    def pause(self, at: float | None = None) -> None:
        position = self.position() if at is None and self.playing else (
            self._origin if at is None else at)
        self._restart(position, playing=False)

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def seek(self, t: float) -> None:
        self._restart(min(max(0.0, t), self.duration), playing=self.playing)

    def set_speed(self, speed: float) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be positive, not {speed}")
        position = self.position()
        self.speed = speed
        self._restart(position, playing=self.playing)

    def close(self) -> None:
        self.pause()
        self._stop.set()
        if self._feeder is not None:
            self._feeder.join(timeout=1.0)
        if self._stream is not None:
            try:
                self._stream.close()
            except Exception:  # noqa: BLE001 - a device that vanished cannot be closed
                pass
            self._stream = None

    # --- internals --------------------------------------------------------------------

    def _restart(self, t: float, *, playing: bool) -> None:
        with self._lock:
            self._origin, self._wall, self._played = t, self._clock(), 0
            self._generation += 1
            if self._heard is not None:
                self._heard.restart(self.speed)
            self.playing = playing
            self._pending = np.zeros((0, self._channels if self._stream else 1), np.float32)
        self._drain()

    def _drain(self) -> None:
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                return

    def _open_output(self, device: object | None) -> None:
        try:
            import sounddevice as sd
            import soundfile as sf

            info = sf.info(str(self.path))
            self._file_rate, self._channels = info.samplerate, min(info.channels, 2)
            out = sd.query_devices(device, kind="output")
            self._out_rate = int(out["default_samplerate"]) or self._file_rate
            stream = sd.OutputStream(
                samplerate=self._out_rate, channels=self._channels, dtype="float32",
                device=device, blocksize=0, callback=self._callback)
            # Started once and left running (silence while paused): opening a stream on
            # some servers takes more than a second, which "play" must not wait for.
            self._heard = HeardClock(self._out_rate)
            stream.start()
            self._stream = stream
        except Exception as exc:  # noqa: BLE001 - PortAudio's errors are many and varied
            self._stream = None
            self.problem = f"no audio output ({_reason(exc)}): playing silently"
            return
        self._feeder = threading.Thread(target=self._feed, name="replay-audio", daemon=True)
        self._feeder.start()

    def _lose_output(self, exc: BaseException) -> None:
        position = self.position()
        self._stream = None
        self.problem = f"audio output lost ({_reason(exc)}): playing silently"
        with self._lock:
            self._origin, self._wall, self._played = position, self._clock(), 0

    def _heard_position(self) -> float:
        """Under the lock, with a stream: the position the device is playing now."""
        try:
            now = float(self._stream.time)
        except Exception:  # noqa: BLE001 - a stream going away: the frames handed over
            return self._origin + self._played / self._out_rate * self.speed
        at = self._heard.at(now) if self._heard is not None else None
        return self._origin if at is None else at

    def _callback(self, outdata: np.ndarray, frames: int, time_info: object,
                  status: object) -> None:
        """PortAudio's thread: copy queued audio out, stamp when it will be heard."""
        filled = 0
        generation = self._generation
        while self.playing and filled < frames:
            if not len(self._pending):
                try:
                    gen, block = self._queue.get_nowait()
                except queue.Empty:
                    break
                if gen != generation:
                    continue
                self._pending = block
            take = min(frames - filled, len(self._pending))
            outdata[filled:filled + take] = self._pending[:take]
            self._pending = self._pending[take:]
            filled += take
        outdata[filled:] = 0
        with self._lock:
            if generation == self._generation:
                if self._heard is not None:
                    now = getattr(time_info, "currentTime", 0.0)
                    dac = getattr(time_info, "outputBufferDacTime", 0.0) or now
                    self._heard.played(dac, self._origin + self._played / self._out_rate
                                       * self.speed, frames, filled,
                                       underflow=bool(getattr(status, "output_underflow", False)))
                self._played += filled

    def _feed(self) -> None:
        """Worker: decode from the position, resample for the speed, queue blocks."""
        import soundfile as sf
        import soxr

        generation, resampler, f = None, None, None
        try:
            f = sf.SoundFile(str(self.path))
            while not self._stop.is_set():
                if not self.playing:
                    time.sleep(0.01)
                    continue
                if generation != self._generation:
                    generation, speed = self._generation, self.speed
                    f.seek(min(int(self._origin * self._file_rate), f.frames))
                    in_rate = self._file_rate * speed
                    resampler = None if in_rate == self._out_rate else soxr.ResampleStream(
                        in_rate, self._out_rate, self._channels, dtype="float32")
                frames = max(1, int(BLOCK_S * self._file_rate * speed))
                data = f.read(frames, dtype="float32", always_2d=True)[:, :self._channels]
                last = len(data) < frames
                if resampler is not None:
                    data = resampler.resample_chunk(data, last=last)
                if len(data):
                    self._put(generation, np.ascontiguousarray(data, np.float32))
                if last:
                    while self.playing and generation == self._generation \
                            and not self._stop.is_set():
                        time.sleep(0.01)
        except Exception as exc:  # noqa: BLE001 - a damaged file ends the sound, not replay
            self._lose_output(exc)
        finally:
            if f is not None:
                f.close()

    def _put(self, generation: int, block: np.ndarray) -> None:
        while not self._stop.is_set() and generation == self._generation:
            try:
                self._queue.put((generation, block), timeout=0.05)
                return
            except queue.Full:
                continue


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
