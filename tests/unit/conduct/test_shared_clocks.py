"""The hold-update clock and the pace band that the rule, the overlay and replay all use."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.conduct.pack import default_pack_path, load_pack
from assistant.conduct.rules.hold import HoldClock, wait_began
from assistant.conduct.rules.pace import judge_pace, pace_band, usable_pace
from assistant.ground.events import Channel, PaceReading, Phase, PhaseChanged


def test_the_hold_clock_rolls_on_and_stops_while_the_agent_talks():
    clock = HoldClock(15.0)
    assert not clock.on_hold and clock.advance(100.0) == []
    clock.start(10.0)
    assert clock.advance(24.9) == [] and clock.advance(25.0) == [25.0]
    assert clock.due == 40.0 and clock.waited_s(30.0) == pytest.approx(20.0)
    clock.agent_started()
    assert clock.advance(80.0) == [] and clock.due is None
    clock.agent_ended(81.0)
    assert clock.advance(130.0) == [96.0, 111.0, 126.0]
    clock.stop()
    assert not clock.on_hold and clock.waited_s(140.0) == 0.0


def test_a_hold_begins_when_the_caller_began_waiting():
    hold = PhaseChanged(14.0, Phase.HOLD, Phase.CONVERSATION, "caller waiting", 10.0)
    assert wait_began(hold, explicit_hold_at=None, last_agent_end=12.0) == 10.0
    old = PhaseChanged(14.0, Phase.HOLD, Phase.CONVERSATION, "caller waiting")
    assert wait_began(old, explicit_hold_at=None, last_agent_end=9.5) == 9.5
    assert wait_began(old, explicit_hold_at=14.0, last_agent_end=9.5) == 14.0
    assert wait_began(old, explicit_hold_at=None, last_agent_end=None) == 14.0


def test_a_reading_counts_once_it_covers_enough_speech():
    cfg = load_pack(default_pack_path("zh")).rules.pace_drift
    short = PaceReading(Channel.CALLER, 5.0, 200.0, 200.0, 20, cfg.min_speaking_s - 0.1)
    enough = PaceReading(Channel.CALLER, 9.0, 210.0, 200.0, 30, cfg.min_speaking_s)
    assert usable_pace(cfg, None) is None and usable_pace(cfg, short) is None
    assert usable_pace(cfg, enough) == 210.0


def test_the_band_is_where_the_rule_finds_the_agent_in_step():
    """Any agent pace inside ``pace_band`` is in step for ``judge_pace``, any outside is not
    (a fast caller does not make a too-fast agent right)."""
    cfg = load_pack(default_pack_path("zh")).rules.pace_drift
    rng = np.random.default_rng(7)
    for caller in [None, *rng.uniform(60, 420, 60)]:
        low, high = pace_band(cfg, caller)
        assert low <= high <= cfg.max_spm  # empty (a point) when no pace is in step
        for agent in rng.uniform(40, 450, 40):
            if min(abs(agent - low), abs(agent - high)) < 0.01:
                continue
            inside = bool(low < agent < high)
            margin = 1 + cfg.reading_margin  # nearer the band than this the reading can't tell
            if not inside and low / margin < agent < high * margin:
                continue
            assert (judge_pace(cfg, agent, caller).direction == 0) is inside, (caller, agent)


def test_a_reading_just_past_the_band_is_not_called_outside():
    """A reading past the band by less than ``reading_margin`` (the estimator's own error)
    may be a pace inside it: the agent is not told; past the margin, they are."""
    cfg = load_pack(default_pack_path("zh")).rules.pace_drift
    margin = 1 + cfg.reading_margin
    assert cfg.reading_margin > 0
    for caller in (None, 200.0, 260.0):
        low, high = pace_band(cfg, caller)
        assert judge_pace(cfg, high * (1 + cfg.reading_margin / 2), caller).direction == 0
        assert judge_pace(cfg, high * margin * 1.01, caller).direction == 1
        assert judge_pace(cfg, low / (1 + cfg.reading_margin / 2), caller).direction == 0
        assert judge_pace(cfg, low / margin / 1.01, caller).direction == -1
