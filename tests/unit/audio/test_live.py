"""Live capture against a fake audio world: devices that vanish, come back, overflow.

The world runs on a virtual clock that moves only once the source has caught up with
what the devices delivered, so the test is exact and needs no sleeping; the real
PortAudio path is covered by tests/integration/test_live_capture.py.
"""

from __future__ import annotations

import builtins
import re
import threading
import time
from dataclasses import dataclass, field

import numpy as np
import pytest

from assistant.audio.block import BLOCK_SAMPLES
from assistant.audio.devices import (
    DeviceError,
    DeviceInfo,
    DeviceProblem,
    find_device,
    format_devices,
    list_devices,
)
from assistant.audio.live import STOPPED, LiveSource
from assistant.ground.notices import DeviceChange, DeviceChangeKind, LossCause

LISTENING, DEVICE_LOST, REACQUIRED, NO_CALLER_CHANNEL = (
    DeviceChangeKind.LISTENING, DeviceChangeKind.LOST, DeviceChangeKind.BACK,
    DeviceChangeKind.NO_CALLER)
from assistant.ground.events import SAMPLE_RATE, Channel

HEADSET = DeviceInfo(3, "USB Headset Mic", "ALSA", 1, 48000.0, is_default_input=True)
LOOPBACK = DeviceInfo(5, "Softphone loopback", "ALSA", 2, 16000.0)
STEP = 0.02  # virtual seconds per device callback


@dataclass
class Bursts:
    """What a device hears: a tone during each (on, off) interval of virtual time."""

    freq: float
    times: list[tuple[float, float]]

    def render(self, t0: float, n: int, rate: float) -> np.ndarray:
        t = t0 + np.arange(n) / rate
        on = np.zeros(n, bool)
        for a, b in self.times:
            on |= (t >= a) & (t < b)
        return np.where(on, 0.5 * np.sin(2 * np.pi * self.freq * t), 0).astype(np.float32)


@dataclass
class Status:
    input_overflow: bool = False


@dataclass
class FakeStream:
    world: FakeWorld
    device: DeviceInfo
    channels: int
    callback: object
    finished_callback: object
    samplerate: float
    started: bool = False
    closed: bool = False
    dead: bool = False

    def start(self) -> None:
        self.started = True

    def close(self) -> None:
        self.closed = True


@dataclass
class FakeWorld:
    """Devices on a virtual clock. ``gone[name]`` lists (from, to) intervals of absence;
    ``on_loss`` is how a stream dies: it goes quiet ("stall") or reports an error ("error")."""

    sounds: dict[str, Bursts]
    gone: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    on_loss: str = "stall"
    until: float = 6.0
    overflow_at: float | None = None
    t: float = 0.0
    streams: list[FakeStream] = field(default_factory=list)
    opened: list[tuple[str, float]] = field(default_factory=list)

    def __post_init__(self):
        self._looks = 0
        self.changes: list = []
        self._cond = threading.Condition()
        self._halt = False
        self._thread = threading.Thread(target=self._run, daemon=True)

    def clock(self) -> float:
        if threading.current_thread() is not self._thread:
            with self._cond:
                self._looks += 1
                self._cond.notify_all()
        return self.t

    def absent(self, device: DeviceInfo) -> bool:
        return any(a <= self.t < b for a, b in self.gone.get(device.name, []))

    def factory(self, *, device, channels, blocksize, callback, finished_callback):
        if self.absent(device):
            raise RuntimeError(f"Error opening InputStream: Device unavailable [{device.name}]")
        assert channels <= device.input_channels and blocksize == BLOCK_SAMPLES
        stream = FakeStream(self, device, channels, callback, finished_callback,
                            device.default_samplerate)
        self.streams.append(stream)
        self.opened.append((device.name, self.t))
        return stream

    def start(self, source: LiveSource) -> None:
        self.source = source
        self._thread.start()

    def halt(self) -> None:
        with self._cond:
            self._halt = True
            self._cond.notify_all()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._halt:
            with self._cond:
                # Time moves on only once the source has looked at the clock twice since
                # the last delivery, i.e. it has taken everything delivered so far.
                target = self._looks + 2
                if not self._cond.wait_for(lambda t=target: self._looks >= t or self._halt, 5):
                    break
            if self._halt:
                break
            self.t = round(self.t + STEP, 6)
            for stream in list(self.streams):
                self._deliver(stream)
            if self.t >= self.until:
                self.source.stop()
                break

    def _deliver(self, stream: FakeStream) -> None:
        if not stream.started or stream.closed or stream.dead:
            return
        if self.absent(stream.device):
            stream.dead = True
            if self.on_loss == "error":
                stream.finished_callback()
            return
        rate = stream.samplerate
        n = round(self.t * rate) - round((self.t - STEP) * rate)
        mono = self.sounds[stream.device.name].render(self.t - STEP, n, rate)
        frames = np.zeros((n, stream.channels), np.float32)
        frames[:, -1] = mono  # the sound is on the last opened channel
        overflow = self.overflow_at is not None and abs(self.t - self.overflow_at) < STEP / 2
        stream.callback(frames, n, None, Status(overflow))


def run(world: FakeWorld, **kw) -> tuple[list, list[tuple[DeviceChangeKind, str, float]],
                                         LiveSource]:
    """The blocks, each state change as (kind, its log sentence, when), and the source;
    the changes themselves are in ``world.changes``."""
    states: list[tuple[DeviceChangeKind, str, float]] = []

    def on_state(change: DeviceChange) -> None:
        world.changes.append(change)
        states.append((change.kind, str(change), world.t))

    source = LiveSource(HEADSET, kw.pop("caller", LOOPBACK), stream_factory=world.factory,
                        clock=world.clock, on_state=on_state,
                        stall_s=0.3, retry_s=0.5, open_grace_s=1.0, poll_s=0.001,
                        live_wait_s=0.001, **kw)
    world.start(source)
    try:
        blocks = list(source.blocks())
    finally:
        world.halt()
    return blocks, states, source


def onsets(blocks, side: str, threshold: float = 0.1) -> list[float]:
    """Audio times (s) where a tone starts on one side, from the samples themselves."""
    x = np.concatenate([getattr(b, side) for b in blocks])
    env = np.convolve(np.abs(x) > threshold, np.ones(160), "same") > 0
    rising = np.flatnonzero(env[1:] & ~env[:-1]) + 1
    return [round(float(i) / SAMPLE_RATE, 3) for i in rising]


AGENT = Bursts(1000, [(0.5, 0.8), (4.5, 4.8)])
CALLER = Bursts(400, [(1.0, 1.3), (2.5, 2.8), (4.0, 4.3)])


@pytest.mark.parametrize("on_loss", ["stall", "error"])
def test_a_lost_device_is_reported_reacquired_and_the_gap_keeps_audio_time(on_loss):
    world = FakeWorld({HEADSET.name: AGENT, LOOPBACK.name: CALLER},
                      gone={HEADSET.name: [(2.0, 3.0)]}, on_loss=on_loss)
    blocks, states, source = run(world, caller_channel=1)

    names = [s for s, _, _ in states]
    assert names == [LISTENING, LISTENING, DEVICE_LOST, REACQUIRED, STOPPED]
    lost_detail, lost_at = states[2][1], states[2][2]
    assert "agent device 'USB Headset Mic'" in lost_detail
    assert 2.0 <= lost_at <= (2.4 if on_loss == "stall" else 2.05)
    assert 3.0 <= states[3][2] <= 3.6  # retried every 0.5 s once the headset was back
    assert re.search(r"back after 1\.[0-4] s \(silence filled the gap\)", states[3][1])
    lost, back = world.changes[2], world.changes[3]
    assert (lost.channel, lost.device_name) == (Channel.AGENT, "USB Headset Mic")
    assert lost.cause is (LossCause.SILENT if on_loss == "stall" else LossCause.STREAM_STOPPED)
    assert back.channel is Channel.AGENT and 1.0 <= back.seconds < 1.5

    # Blocks are contiguous and cover the whole call, gap included.
    assert [b.start for b in blocks] == [i * BLOCK_SAMPLES for i in range(len(blocks))]
    assert blocks[-1].end / SAMPLE_RATE >= 5.5

    # The agent's burst after the gap sits at the call time it was spoken: the lost
    # second was filled with silence, not skipped.
    assert onsets(blocks, "agent") == pytest.approx([0.5, 4.5], abs=0.01)
    # The caller carried on throughout, aligned with the agent.
    assert onsets(blocks, "caller") == pytest.approx([1.0, 2.5, 4.0], abs=0.01)

    agent = source.status.channels[Channel.AGENT]
    assert agent.losses == 1 and 1.0 <= agent.silence_s <= 1.7
    assert source.status.channels[Channel.CALLER].losses == 0
    assert source.status.state == STOPPED


def test_agent_only_has_no_caller_channel_and_resamples_48k():
    world = FakeWorld({HEADSET.name: AGENT}, until=1.5)
    blocks, states, source = run(world, caller=None)
    assert [s for s, _, _ in states] == [NO_CALLER_CHANNEL, LISTENING, STOPPED]
    assert "48000 Hz" in states[1][1]
    assert all(b.caller is None and len(b.agent) == BLOCK_SAMPLES for b in blocks)
    assert onsets(blocks, "agent") == pytest.approx([0.5], abs=0.01)
    x = np.concatenate([b.agent for b in blocks])[round(0.55 * SAMPLE_RATE):
                                                   round(0.75 * SAMPLE_RATE)]
    peak = np.fft.rfftfreq(len(x), 1 / SAMPLE_RATE)[np.argmax(np.abs(np.fft.rfft(x)))]
    assert peak == pytest.approx(1000, abs=5)
    assert source.has_caller is False


def test_a_caller_device_missing_at_start_is_silence_until_it_appears():
    world = FakeWorld({HEADSET.name: AGENT, LOOPBACK.name: CALLER},
                      gone={LOOPBACK.name: [(0.0, 2.2)]}, until=5.0)
    blocks, states, _ = run(world, caller_channel=1)
    assert [s for s, _, _ in states] == [DEVICE_LOST, LISTENING, REACQUIRED, STOPPED]
    assert "caller device 'Softphone loopback'" in states[0][1] and "cannot open" in states[0][1]
    assert world.changes[0].cause is LossCause.CANNOT_OPEN and world.changes[0].error
    # The agent flowed meanwhile; the caller's first burst was never heard, the later ones
    # land at their times.
    assert onsets(blocks, "agent") == pytest.approx([0.5, 4.5], abs=0.01)
    assert onsets(blocks, "caller") == pytest.approx([2.5, 4.0], abs=0.01)


def test_overflows_are_counted():
    world = FakeWorld({HEADSET.name: AGENT}, until=1.0, overflow_at=0.4)
    _, _, source = run(world, caller=None)
    assert source.status.channels[Channel.AGENT].overflows == 1


def test_a_missing_channel_is_refused():
    with pytest.raises(DeviceError, match="has 1 input channel.*channel 1 does not exist"):
        LiveSource(HEADSET, agent_channel=1)


def test_stop_before_iterating_opens_nothing_and_ends_at_once():
    world = FakeWorld({HEADSET.name: AGENT})
    source = LiveSource(HEADSET, stream_factory=world.factory, clock=world.clock)
    source.stop()
    assert list(source.blocks()) == []
    assert world.streams == []


def test_while_both_channels_deliver_the_worker_wakes_for_their_blocks_not_every_poll():
    """Real time: two devices deliver 100-ms blocks; the worker looks at the clock once
    or twice per block (waking every ``poll_s`` as well would be 100 times a second).
    When both stop, nothing wakes the worker but its own deadline: each is still declared
    lost ``stall_s`` after its last block."""
    period, poll_s, stall_s = 0.1, 0.01, 0.4
    streams: list[FakeStream] = []
    looks: list[float] = []
    worker: list[threading.Thread] = []
    quiet, done = threading.Event(), threading.Event()
    last_block: dict[str, float] = {}

    def clock() -> float:
        now = time.monotonic()
        if threading.current_thread() in worker:
            looks.append(now)
        return now

    def factory(*, device, channels, blocksize, callback, finished_callback):
        stream = FakeStream(None, device, channels, callback, finished_callback, 16000.0)
        streams.append(stream)
        return stream

    def play() -> None:
        frames = np.zeros((round(period * 16000), 2), np.float32)
        while not done.is_set():
            time.sleep(period)
            for stream in list(streams):
                if stream.started and not stream.closed and not quiet.is_set():
                    last_block[stream.device.name] = time.monotonic()
                    stream.callback(frames[:, :stream.channels], len(frames), None, Status())

    lost: dict[str, float] = {}
    source = LiveSource(HEADSET, LOOPBACK, stream_factory=factory, clock=clock,
                        poll_s=poll_s, stall_s=stall_s, retry_s=10.0,
                        on_state=lambda c: lost.setdefault(c.device_name, time.monotonic())
                        if c.kind is DEVICE_LOST else None)
    player = threading.Thread(target=play, daemon=True)

    def consume() -> None:
        for _ in source.blocks():
            pass

    worker.append(threading.Thread(target=consume, daemon=True))
    player.start()
    worker[0].start()
    time.sleep(0.5)  # both live
    looks.clear()
    time.sleep(1.0)
    per_s = len(looks)
    quiet.set()
    time.sleep(stall_s + 0.6)
    source.stop()
    done.set()
    worker[0].join(5)
    player.join(5)
    assert per_s <= 2 / period + 5, f"{per_s} looks at the clock in 1 s"
    assert set(lost) == {HEADSET.name, LOOPBACK.name}
    for name, at in lost.items():
        assert stall_s < at - last_block[name] < stall_s + 0.3, name


# --- device listing and choice ------------------------------------------------------------

DEVICES = [
    DeviceInfo(0, "HDA Intel PCH: ALC3246 Analog (hw:0,0)", "ALSA", 2, 44100.0),
    HEADSET,
    LOOPBACK,
    DeviceInfo(7, "pulse", "ALSA", 32, 44100.0),
]


def test_find_device_by_index_name_piece_and_default():
    assert find_device(5, DEVICES) is LOOPBACK
    assert find_device("3", DEVICES) is HEADSET
    assert find_device("usb headset", DEVICES) is HEADSET
    assert find_device("PULSE", DEVICES).index == 7
    assert find_device(None, DEVICES) is HEADSET


def test_find_device_prefers_an_exact_name():
    devices = [DeviceInfo(1, "pulse monitor", "ALSA", 2, 44100.0), DEVICES[3]]
    assert find_device("pulse", devices).index == 7


def test_find_device_errors_list_the_choices():
    with pytest.raises(DeviceError, match="no input device matches 'bluetooth'") as err:
        find_device("bluetooth", DEVICES)
    assert "USB Headset Mic" in str(err.value) and "Softphone loopback" in str(err.value)
    with pytest.raises(DeviceError, match="no input device #9"):
        find_device(9, DEVICES)
    with pytest.raises(DeviceError, match="'a' matches several input devices"):
        find_device("a", DEVICES)
    with pytest.raises(DeviceError, match="no audio input devices found.*assistant demo"):
        find_device(None, [])


def test_format_devices_marks_the_default():
    table = format_devices(DEVICES).splitlines()
    assert table[0].split() == ["#", "name", "host", "api", "inputs", "rate"]
    headset = next(line for line in table if "USB Headset" in line)
    assert headset.startswith("*") and "48000" in headset
    assert table[-1] == "* default input"
    assert "assistant demo" in format_devices([])


def test_missing_portaudio_says_how_to_install_it(monkeypatch):
    import sys

    from assistant.audio import devices

    real_import = builtins.__import__

    def no_portaudio(name, *args, **kwargs):
        if name == "sounddevice":
            raise OSError("PortAudio library not found")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_portaudio)
    with pytest.raises(DeviceError, match="apt-get install libportaudio2"):
        devices.list_devices()


def test_list_devices_against_the_real_portaudio():
    try:
        found = list_devices()
    except DeviceError as exc:  # no PortAudio here: the message must still say what to do
        assert "libportaudio2" in str(exc)
        return
    assert all(isinstance(d, DeviceInfo) and d.input_channels > 0 for d in found)
    assert isinstance(format_devices(found), str)


def test_device_errors_carry_their_kind_and_read_in_either_language(monkeypatch):
    monkeypatch.setenv("ASSISTANT_UI_LANG", "zh")
    with pytest.raises(DeviceError) as err:
        find_device("bluetooth", DEVICES)
    assert err.value.kind is DeviceProblem.NO_MATCH and err.value.details == {"spec": "bluetooth"}
    zh = str(err.value).splitlines()
    assert zh[0] == "没有与“bluetooth”相符的输入设备，请从中选择："
    assert zh[1].split()[:3] == ["#", "名称", "接口"] and zh[-1] == "* 默认输入"
    en = err.value.words("en").splitlines()
    assert en[0] == "no input device matches 'bluetooth'; choose one of:"
    assert en[1].split()[:3] == ["#", "name", "host"] and "USB Headset Mic" in "\n".join(en)
    with pytest.raises(DeviceError) as none:
        find_device(None, [])
    assert "请插上耳麦" in str(none.value) and "plug in a headset" in none.value.words("en")
