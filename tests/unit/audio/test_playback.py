"""The replay transport's clock: silent playback at any speed, seeking, stopping at the end."""

from __future__ import annotations

import pytest

from assistant.audio.playback import Player


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def silent(duration: float = 60.0) -> tuple[Player, FakeClock]:
    clock = FakeClock()
    return Player(None, duration, clock=clock), clock


def test_without_a_file_it_plays_silently_on_the_clock():
    player, clock = silent()
    assert not player.audible and player.problem == "no audio file"
    player.play()
    clock.now += 2.5
    assert player.position() == pytest.approx(2.5)
    player.pause()
    clock.now += 10
    assert player.position() == pytest.approx(2.5)


@pytest.mark.parametrize("speed", [0.5, 1.0, 2.0, 4.0])
def test_speed_scales_the_clock_and_keeps_the_position(speed):
    player, clock = silent()
    player.play()
    clock.now += 4.0
    player.set_speed(speed)
    assert player.position() == pytest.approx(4.0)
    clock.now += 2.0
    assert player.position() == pytest.approx(4.0 + 2.0 * speed)


def test_seek_while_playing_and_paused():
    player, clock = silent()
    player.seek(30.0)
    assert player.position() == 30.0 and not player.playing
    player.play()
    clock.now += 1.0
    player.seek(10.0)
    clock.now += 1.0
    assert player.position() == pytest.approx(11.0)
    player.seek(-5)
    assert player.position() == pytest.approx(0.0)


def test_it_stops_at_the_end_and_plays_again_from_the_start():
    player, clock = silent(duration=5.0)
    player.play()
    clock.now += 9.0
    assert player.position() == 5.0 and not player.playing
    player.play()
    assert player.position() == pytest.approx(0.0)


def test_a_bad_speed_is_refused():
    player, _ = silent()
    with pytest.raises(ValueError):
        player.set_speed(0)


def test_no_output_device_is_said_not_raised(tmp_path, monkeypatch):
    import numpy as np
    import soundfile as sf

    path = tmp_path / "call.flac"
    sf.write(path, np.zeros((16000, 2), np.float32), 16000)
    player = Player(path, 1.0, device="no such device at all")
    assert not player.audible and player.problem.startswith("no audio output")
    player.play()
    assert player.playing
    player.close()


def test_with_sound_the_position_is_what_the_device_is_playing(tmp_path):
    """The callback's blocks are stamped with when the device plays them; the position
    follows those stamps, not the frames handed over (which run ahead by the buffer)."""
    from types import SimpleNamespace

    import numpy as np
    import soundfile as sf

    from assistant.audio.heard_clock import HeardClock

    path = tmp_path / "call.flac"
    sf.write(path, np.zeros((16000, 2), np.float32), 16000)
    player = Player(path, 1.0, sound=False)
    stream = SimpleNamespace(time=50.0)
    player._stream, player._out_rate, player._channels = stream, 1000, 2
    player._heard = HeardClock(1000)
    player.play()
    for i in range(3):  # 0.3 s handed over at once; the device plays it from 50.2 s
        player._queue.put((player._generation, np.zeros((100, 2), np.float32)))
        out = np.empty((100, 2), np.float32)
        player._callback(out, 100, SimpleNamespace(currentTime=50.0,
                                                   outputBufferDacTime=50.2), None)
    assert player.position() == 0.0  # nothing heard yet
    stream.time = 50.35
    assert player.position() == pytest.approx(0.15)
    stream.time = 50.6
    assert player.position() == pytest.approx(0.3)
