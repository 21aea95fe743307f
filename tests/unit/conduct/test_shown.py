"""A reminder on screen for its ``show_s`` goes away once, on time, unless answered first."""

from assistant.conduct.rules.shown import ShownFor


def test_it_expires_once_after_its_time_on_screen():
    shown = ShownFor()
    assert not shown.expired(100.0, 6.0)  # nothing up
    shown.start(10.0)
    assert not shown.expired(15.9, 6.0)
    assert shown.expired(16.0, 6.0)
    assert not shown.expired(17.0, 6.0)  # already gone


def test_an_answered_prompt_does_not_expire():
    shown = ShownFor()
    shown.start(10.0)
    shown.stop()
    assert not shown.expired(30.0, 6.0)
