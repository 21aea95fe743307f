"""Loopback devices and streams with the library faked at its boundary (the ``soundcard``
module): names, numbering, blocks handed on, a failure or a removed device ending the
stream. The real library on a real PulseAudio server: tests/integration/test_live_loopback.py.
"""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from assistant.audio.device_info import LOOPBACK, DeviceError, DeviceInfo, DeviceProblem
from assistant.audio.live import LiveSource
from assistant.audio.loopback import LoopbackStream, list_loopback
from assistant.ground.events import Channel


class FakeRecorder:
    def __init__(self, mic, channels, blocksize):
        self.mic, self.channels, self.blocksize = mic, channels, blocksize

    def __enter__(self):
        if self.mic.fail_open:
            raise RuntimeError("0x88890004 AUDCLNT_E_DEVICE_INVALIDATED")
        return self

    def __exit__(self, *exc):
        return False

    def record(self, numframes):
        time.sleep(numframes / 16000 / 20)  # 20x real time
        self.mic.blocks += 1
        if self.mic.fail_after is not None and self.mic.blocks > self.mic.fail_after:
            raise RuntimeError("Recording failed, stream is in status FAILED")
        value = self.mic.blocks / 100
        return np.full((numframes, self.channels), value, np.float32)


class FakeMic:
    def __init__(self, id, name, channels=2, loopback=True, fail_after=None, fail_open=False):
        self.id, self.name, self.channels, self.isloopback = id, name, channels, loopback
        self.fail_after, self.fail_open, self.blocks = fail_after, fail_open, 0
        self.opened_with: dict = {}

    def recorder(self, samplerate, channels, blocksize):
        self.opened_with = {"samplerate": samplerate, "channels": channels,
                            "blocksize": blocksize}
        return FakeRecorder(self, channels, blocksize)


class FakeSoundcard:
    def __init__(self, mics):
        self.mics = list(mics)

    def all_microphones(self, include_loopback=False):
        assert include_loopback
        return list(self.mics)


HEADSET = FakeMic("{0.0.0.00000000}.{jabra}", "Headset Earphone (Jabra EVOLVE 20)")
MONITOR = FakeMic("callsink.monitor", "Monitor of Softphone")
MIC = FakeMic("{0.0.1.00000000}.{mic}", "Headset Microphone (Jabra EVOLVE 20)", 1, False)


def test_output_devices_are_listed_as_loopback_inputs_after_portaudios():
    devices = list_loopback(7, FakeSoundcard([HEADSET, MIC, MONITOR]))
    assert [(d.index, d.name, d.backend, d.key, d.input_channels) for d in devices] == [
        (7, "Headset Earphone (Jabra EVOLVE 20) [Loopback]", LOOPBACK, HEADSET.id, 2),
        (8, "Monitor of Softphone", LOOPBACK, MONITOR.id, 2),
    ]


def test_a_library_that_cannot_run_gives_no_devices_and_says_why():
    from assistant.audio import loopback

    class Broken:
        def all_microphones(self, include_loopback=False):
            raise OSError("cannot load library 'libpulse.so.0'")

    assert list_loopback(0, Broken()) == []
    assert loopback.problem.kind is DeviceProblem.CANNOT_LIST_LOOPBACK
    assert "libpulse.so.0" in str(loopback.problem)
    list_loopback(0, FakeSoundcard([]))
    assert loopback.problem is None


def device(mic: FakeMic, index: int = 9) -> DeviceInfo:
    from assistant.audio.loopback import loopback_name

    return DeviceInfo(index, loopback_name(mic.name), "loopback (WASAPI)", mic.channels, 16000.0,
                      backend=LOOPBACK, key=mic.id)


def run_stream(mic: FakeMic, sc: FakeSoundcard, blocks: int = 5, **kwargs):
    got: list[np.ndarray] = []
    finished = threading.Event()
    enough = threading.Event()

    def callback(indata, frames, time_info, status):
        assert not status.input_overflow
        got.append(indata.copy())
        if len(got) >= blocks:
            enough.set()

    stream = LoopbackStream(device=device(mic), channels=2, blocksize=1600, callback=callback,
                            finished_callback=finished.set, module=sc, **kwargs)
    return stream, got, finished, enough


def test_blocks_reach_the_callback_at_16_khz_and_close_stops_them():
    mic = FakeMic("a", "Speakers (Realtek)")
    stream, got, finished, enough = run_stream(mic, FakeSoundcard([mic]))
    stream.start()
    assert enough.wait(5)
    stream.close()
    count = len(got)
    time.sleep(0.05)
    assert len(got) <= count + 1 and not finished.is_set(), "close is not a loss"
    assert stream.samplerate == 16000.0
    assert mic.opened_with == {"samplerate": 16000, "channels": 2, "blocksize": 1600}
    assert all(block.shape == (1600, 2) for block in got)


def test_a_failing_recorder_ends_the_stream_as_lost():
    mic = FakeMic("a", "Speakers (Realtek)", fail_after=3)
    stream, got, finished, _ = run_stream(mic, FakeSoundcard([mic]))
    stream.start()
    assert finished.wait(5) and len(got) == 3
    stream.close()


def test_a_device_that_is_not_there_or_fails_to_open_is_a_device_error():
    gone = FakeMic("gone", "Speakers (USB)")
    stream, _, finished, _ = run_stream(gone, FakeSoundcard([MONITOR]))
    with pytest.raises(DeviceError, match="is not there"):
        stream.start()
    broken = FakeMic("b", "Speakers (USB)", fail_open=True)
    stream, _, finished, _ = run_stream(broken, FakeSoundcard([broken]))
    with pytest.raises(DeviceError, match="DEVICE_INVALIDATED"):
        stream.start()
    assert not finished.is_set(), "a failure to open is raised, not reported twice"


def test_a_removed_device_ends_the_stream_though_the_recorder_goes_on():
    """PulseAudio moves a stream whose source is removed to another source: the stream
    must notice its device is gone rather than record another one."""
    mic = FakeMic("a", "Speakers (Realtek)")
    sc = FakeSoundcard([mic])
    stream, _, finished, enough = run_stream(mic, sc, blocks=3)
    stream.start()
    assert enough.wait(5)
    sc.mics.remove(mic)
    assert finished.wait(5)
    stream.close()


def test_a_device_found_again_by_name_after_its_id_changed():
    mic = FakeMic("old-id", "Speakers (USB)")
    stream, _, _, enough = run_stream(mic, FakeSoundcard([FakeMic("new-id", mic.name)]))
    stream.start()
    assert enough.wait(5)
    stream.close()


def test_live_source_takes_the_caller_from_a_loopback_device(monkeypatch):
    """The real LiveSource, the real open_input_stream dispatch, a fake library: the
    caller's channel 1 of the loopback becomes the caller side of every block."""
    from assistant.audio import loopback

    mic = FakeMic("a", "Speakers (Realtek)")
    monkeypatch.setattr(loopback, "soundcard_module", lambda: FakeSoundcard([mic]))
    source = LiveSource(LOOP_AGENT, device(mic), caller_channel=1,
                        stream_factory=_agent_fake_or_real)
    blocks = []
    for block in source.blocks():
        blocks.append(block)
        if len(blocks) == 5:
            source.stop()
    assert source.status.channels[Channel.CALLER].losses == 0
    assert [b.start for b in blocks] == [i * 1600 for i in range(5)]
    assert all(b.caller is not None and b.caller.max() > 0 for b in blocks[-3:])
    assert all(np.all(b.agent == 0.25) for b in blocks[-3:])


LOOP_AGENT = DeviceInfo(0, "USB Headset Mic", "ALSA", 1, 16000.0, True)


class _ToneStream:
    samplerate = 16000.0

    def __init__(self, callback, blocksize):
        self._callback, self._blocksize = callback, blocksize
        self._stop = threading.Event()

    def start(self):
        def run():
            status = type("S", (), {"input_overflow": False})()
            while not self._stop.wait(self._blocksize / 16000 / 20):
                self._callback(np.full((self._blocksize, 1), 0.25, np.float32),
                               self._blocksize, None, status)
        threading.Thread(target=run, daemon=True).start()

    def close(self):
        self._stop.set()


def _agent_fake_or_real(*, device, channels, blocksize, callback, finished_callback):
    from assistant.audio.live import open_input_stream

    if device.backend == LOOPBACK:
        return open_input_stream(device=device, channels=channels, blocksize=blocksize,
                                 callback=callback, finished_callback=finished_callback)
    return _ToneStream(callback, blocksize)
