"""The replay model: lanes, hold marks, the overlay at any time, scorecard, fallbacks.

The session is recorded by the real pipeline from a synthetic call (a silent 36-s lookup:
hold-update prompts at 30.9 s and 45.9 s, a callback prompt at 45.9 s), with a live
overlay state alongside, so "the overlay at t" is checked against what the live overlay
held at t.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from assistant.ground.events import Channel, Phase, Status
from assistant.ground.status import CallSetup
from assistant.overlay.state import OverlayState
from assistant.sessions.replay.envelope import Envelope
from assistant.sessions.replay.seek import Seeker
from assistant.sessions.replay.timeline import ReplayModel, readable
from assistant.sessions.scorecard import by_clause
from assistant.sessions.store.database import SessionStore
from tests.fixtures.sessions import LONG_HOLD, record_scenario

SNAPSHOT_AT = (5.0, 19.9, 25.0, 30.9, 31.0, 40.9, 46.0, 52.0, 60.0, 70.3, 73.0, 73.9)


def snapshot(s: OverlayState) -> tuple:
    """Everything the overlay shows, as comparable values."""
    return (s.phase, s.call_start, s.call_end, round(s.now, 3), s.call_seconds,
            s.hold.on_hold, s.hold.since, s.hold.due, s.hold.agent_talking, s.hold.prompt_up,
            s.hold.to_next_s, dict(s.pace.spm), dict(s.pace.ready), s.pace.warning,
            dict(s.checklist.marks), dict(s.prompts.active), s.prompts.departed,
            s.listening.recognising, s.listening.has_caller, s.prompt)


class LiveOverlay:
    """The overlay state fed live by the pipeline; snapshots after the blocks asked for."""

    def __init__(self, pack):
        self.state = OverlayState(pack, lang="zh")
        self.snapshots: dict[float, tuple] = {}

    def __call__(self, event) -> None:
        self.state(event)

    def block_done(self, t: float) -> None:
        for want in SNAPSHOT_AT:
            if abs(t - want) < 1e-6:
                self.snapshots[want] = snapshot(self.state)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    from assistant.conduct.pack import default_pack_path, load_pack
    from assistant.scenario.scenario_file import load_scenario

    work = tmp_path_factory.mktemp("replay")
    store = SessionStore(work / "store")
    live = LiveOverlay(load_pack(default_pack_path("zh")))
    scenario = load_scenario(LONG_HOLD)
    live.state.set_agent(replace(live.state.agent, name="小李", agent_id="5678"))
    live(CallSetup(0.0, True, frozenset(Channel), scenario.call_time,
                   "assistant models install zh"))
    info, events = record_scenario(store, LONG_HOLD, work, live_sink=live)
    yield store, info, live
    store.close()


@pytest.fixture
def model(recorded) -> ReplayModel:
    store, info, _ = recorded
    return ReplayModel.build(store.load(info.id), store.audio_path(info))


def test_lanes_follow_the_call(model):
    assert model.level_source == "audio" and not model.problems
    assert model.channels == (Channel.AGENT, Channel.CALLER)
    agent, caller = model.speech[Channel.AGENT], model.speech[Channel.CALLER]
    assert len(agent) == 5 and len(caller) == 4
    assert any(abs(span.end - 15.89) < 0.1 for span in agent)
    assert not any(span.start < 50 < span.end for span in agent + caller), "silent lookup"
    env = model.levels[Channel.AGENT]
    assert env.window(25.0, 45.0, 10).max() < -60, "silence on hold"
    assert env.window(1.0, 5.0, 4).min() > -30, "speech at the greeting"
    phases = [band.phase for band in model.phases]
    assert phases == [Phase.GREETING, Phase.CONVERSATION, Phase.HOLD, Phase.CONVERSATION,
                      Phase.CLOSING, Phase.ENDED]
    assert model.phase_at(35.0) is Phase.HOLD
    assert [(m.t, m.rule, model.clause_label(m.clause)) for m in model.prompts] == [
        (30.9, "hold_update", "第十一条(3)"), (45.9, "hold_update", "第十一条(3)"),
        (45.9, "hold_callback", "第十一条(3)")]
    assert model.prompts[0].resolved_t == pytest.approx(40.9)
    first = model.transcript[0]
    assert first.channel is Channel.AGENT and first.text.startswith("下午好我是小李")
    assert model.transcript_index(13.0) == 2 and model.transcript_index(0.1) is None


def test_hold_marks_every_interval_and_prompts_land_on_them(model):
    (hold,) = model.holds
    assert hold.since == pytest.approx(15.89, abs=0.05)
    assert hold.start == pytest.approx(19.9) and hold.end == pytest.approx(59.5)
    assert np.diff(hold.marks).tolist() == pytest.approx([15.0])
    for prompt in (p for p in model.prompts if p.rule == "hold_update"):
        assert any(0 <= prompt.t - mark < 0.1 + 1e-6 for mark in hold.marks)


def test_hold_marks_follow_the_packs_interval(recorded):
    store, info, _ = recorded
    session = store.load(info.id)
    session.pack_text = session.pack_text.replace("interval_s = 15.0", "interval_s = 10.0")
    (hold,) = ReplayModel.build(session).holds
    assert np.diff(hold.marks).tolist() == pytest.approx([10.0] * (len(hold.marks) - 1))
    assert len(hold.marks) == 3


def test_pace_curves_and_band(model):
    agent = model.pace[Channel.AGENT]
    assert len(agent.t) and np.nanmax(agent.spm) > 100
    band = model.band
    assert band.t[0] == 0 and band.low[0] == model.pack.rules.pace_drift.min_spm


@pytest.mark.parametrize("t", SNAPSHOT_AT)
def test_overlay_at_t_is_the_live_overlay_at_t(recorded, model, t):
    _, _, live = recorded
    assert snapshot(model.overlay_at(t)) == live.snapshots[t]


def test_seeking_back_and_forth_gives_the_same_state(model):
    forward = [snapshot(model.overlay_at(t)) for t in (10.0, 35.0, 72.0)]
    model.overlay_at(73.9)
    backward = [snapshot(model.overlay_at(t)) for t in (72.0, 35.0, 10.0)]
    assert backward == forward[::-1]


def test_scorecard_rows_match_the_summary(recorded, model):
    store, info, _ = recorded
    summary = store.load(info.id).summary
    assert sorted((r.rule, r.status, r.times) for r in model.scores) == sorted(
        (f.rule, f.status, f.times) for f in summary.findings)
    clauses = [r.clause for r in model.scores]
    assert clauses.index("kf-5") < clauses.index("kf-11.1") < clauses.index("kf-12.2")
    overall = {c.clause: c.status for c in by_clause(model.scores)}
    assert overall["kf-11.3"] is Status.MISSED and overall["kf-11.2"] is Status.MET
    assert overall["kf-11.1"] is Status.NOT_APPLICABLE


def test_recovered_session_gets_its_scorecard_from_the_observations(recorded, model):
    store, info, _ = recorded
    session = store.load(info.id)
    session.summary = None
    rebuilt = ReplayModel.build(session)
    assert [(r.rule, r.status, r.times) for r in rebuilt.scores] == [
        (r.rule, r.status, r.times) for r in model.scores]
    assert [(m.t, m.rule) for m in rebuilt.prompts] == [(m.t, m.rule) for m in model.prompts]
    assert any("no summary" in p for p in rebuilt.problems)


def test_missing_audio_falls_back_to_level_readings(recorded, tmp_path):
    store, info, _ = recorded
    model = ReplayModel.build(store.load(info.id), tmp_path / "gone.flac")
    assert model.level_source == "readings" and model.audio_path is None
    assert any("gone.flac" in p and "missing" in p for p in model.problems)
    assert model.levels[Channel.AGENT].window(1.0, 5.0, 4).min() > -35


def test_unreadable_audio_is_reported(recorded, tmp_path):
    store, info, _ = recorded
    bad = tmp_path / "bad.flac"
    bad.write_bytes(b"not audio at all" * 100)
    model = ReplayModel.build(store.load(info.id), bad)
    assert model.audio_path is None and any("cannot be read" in p for p in model.problems)


def test_a_damaged_pack_falls_back_to_the_default_and_says_so(recorded):
    store, info, _ = recorded
    session = store.load(info.id)
    session.pack_text = "[pack]\nid = 3\n"
    model = ReplayModel.build(session)
    assert model.pack.pack.id == "default-zh"
    assert any("pack cannot be read" in p for p in model.problems)


def test_readable_joins_mandarin_tokens_only():
    assert readable("下 午 好 工 号 # # #") == "下午好工号###"
    assert readable("good  afternoon 下 午") == "good afternoon 下午"


def test_envelope_window_takes_the_loudest_bin_per_column():
    env = Envelope(0.1, np.array([-60, -10, -60, -60, np.nan, -30], dtype=np.float32))
    assert env.window(0.0, 0.6, 2).tolist() == [-10, -30]
    assert env.window(0.0, 0.6, 12)[2:4].tolist() == [-10, -10]
    assert np.isnan(env.window(0.4, 0.5, 1)[0])
    assert np.isnan(env.window(1.0, 2.0, 3)).all()


def test_seeker_restores_checkpoints_without_touching_them():
    class Counter:
        def __init__(self):
            self.seen: list[float] = []

        def __call__(self, event):
            self.seen.append(event.t)

    events = [CallSetup(t / 2, True) for t in range(200)]
    seeker = Seeker(events, Counter, advance=lambda s, t: None, every_s=10.0)
    assert seeker.checkpoints == 10
    assert len(seeker.at(55.2).seen) == 111
    assert len(seeker.at(3.0).seen) == 7
    assert len(seeker.at(99.9).seen) == 200


def test_the_replay_model_needs_no_qt():
    code = ("import sys; import assistant.sessions.replay.timeline, assistant.sessions.replay.rerun, "
            "assistant.overlay.state; assert not [m for m in sys.modules if 'PySide6' in m]")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_hold_band_and_the_hold_lane_start_at_the_same_moment():
    from assistant.ground.events import Phase, PhaseChanged
    from assistant.sessions.replay.timeline import _phases

    events = [PhaseChanged(0.0, Phase.GREETING, Phase.IDLE, "call started"),
              PhaseChanged(5.0, Phase.CONVERSATION, Phase.GREETING, "greeting over"),
              PhaseChanged(14.0, Phase.HOLD, Phase.CONVERSATION, "caller waiting", 10.0),
              PhaseChanged(30.0, Phase.CONVERSATION, Phase.HOLD, "agent talking")]
    bands = [(b.start, b.end, b.phase) for b in _phases(events, 40.0)]
    assert (10.0, 30.0, Phase.HOLD) in bands and (5.0, 10.0, Phase.CONVERSATION) in bands
