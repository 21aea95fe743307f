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
