"""The replay playhead follows the sound the device plays, not the frames handed to it."""

from __future__ import annotations

import pytest

from assistant.audio.heard_clock import HeardClock

RATE = 1000  # frames per second: a block of 100 frames is 0.1 s


def test_the_playhead_waits_for_the_device_latency():
    clock = HeardClock(RATE)
    clock.restart(1.0)
    clock.played(heard_at=10.04, position=5.0, frames=100, audio=100)  # handed over at 10.0
    assert clock.at(10.02) is None  # nothing heard yet: the window keeps the start
    assert clock.at(10.09) == pytest.approx(5.05)
    assert clock.at(10.5) == pytest.approx(5.1)  # no more audio than was handed over


def test_a_buffer_filled_at_once_is_heard_at_the_rate_it_plays():
    # after a stall the device takes 2 s of audio in an instant and says each block plays now
    clock = HeardClock(RATE)
    clock.restart(1.0)
    for i in range(20):
        clock.played(heard_at=20.0, position=i * 0.1, frames=100, audio=100)
    assert clock.at(20.05) == pytest.approx(0.05)
    assert clock.at(21.0) == pytest.approx(1.0)
    assert clock.at(21.95) == pytest.approx(1.95)


def test_after_an_underrun_the_device_stamp_is_taken_again():
    clock = HeardClock(RATE)
    clock.restart(1.0)
    clock.played(heard_at=30.0, position=0.0, frames=100, audio=100)
    clock.played(heard_at=30.0, position=0.1, frames=100, audio=100)  # chained: plays at 30.1
    assert clock.at(30.15) == pytest.approx(0.15)
    clock.played(heard_at=30.12, position=0.2, frames=100, audio=100, underflow=True)
    assert clock.at(30.15) == pytest.approx(0.23)


def test_silence_between_blocks_and_the_speed():
    clock = HeardClock(RATE)
    clock.restart(2.0)  # at 2x, 0.1 s of output holds 0.2 s of the call
    clock.played(heard_at=1.0, position=8.0, frames=100, audio=50)  # then 50 frames of silence
    clock.played(heard_at=1.1, position=8.1, frames=100, audio=100)
    assert clock.at(1.025) == pytest.approx(8.05)
    assert clock.at(1.08) == pytest.approx(8.1)  # held through the silence
    assert clock.at(1.15) == pytest.approx(8.2)


def test_a_restart_forgets_what_was_queued():
    clock = HeardClock(RATE)
    clock.restart(1.0)
    clock.played(heard_at=1.0, position=3.0, frames=100, audio=100)
    clock.restart(1.0)
    assert clock.at(1.05) is None
