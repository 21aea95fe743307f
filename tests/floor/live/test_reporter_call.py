"""The agent's live state followed from a real call: the recorded long-hold scenario
(espeak-ng voices through the real pipeline) with the reporter as a live sink."""

from __future__ import annotations

import pytest

from assistant.floor.livestate import Activity
from assistant.floor.reporter import LiveReporter
from assistant.ground.events import Phase, PhaseChanged
from assistant.sessions.store.database import SessionStore
from tests.fixtures.sessions import LONG_HOLD, record_scenario

pytestmark = pytest.mark.integration


class Following(LiveReporter):
    """The reporter, with what it would send after every block of the call."""

    def __init__(self, store: SessionStore):
        super().__init__(session_id=lambda: store.list()[0].id, name="小李", team="一组")
        self.sent: list[tuple[float, object]] = []

    def block_done(self, t: float) -> None:
        self.sent.append((t, self.current()))


def test_a_long_hold_is_reported_with_its_seconds_prompts_and_the_finished_session(tmp_path):
    with SessionStore(tmp_path / "store") as store:
        reporter = Following(store)
        info, events = record_scenario(store, LONG_HOLD, tmp_path, live_sink=reporter)
    activities = [r.activity for _, r in reporter.sent]
    changes = [a for n, a in enumerate(activities) if n == 0 or a is not activities[n - 1]]
    assert changes[:3] == [Activity.CALL, Activity.HOLD, Activity.CALL]
    assert reporter.current().activity is Activity.IDLE
    phases = [e for e in events if isinstance(e, PhaseChanged)]
    hold = next(n for n, e in enumerate(phases) if e.phase is Phase.HOLD)
    since, until = phases[hold].since, phases[hold + 1].t
    assert since == pytest.approx(15.9, abs=0.3)  # the agent's last word before the lookup
    holds = [(t, r.hold_s) for t, r in reporter.sent if r.activity is Activity.HOLD]
    assert holds[0][1] == pytest.approx(holds[0][0] - since, abs=0.2)
    # the caller has waited until they speak again, as the overlay's countdown counts it
    assert max(h for _, h in holds) == pytest.approx(until - since, abs=0.2)
    prompts = {(r.prompt.rule, r.prompt.clause) for _, r in reporter.sent if r.prompt}
    assert {("hold_update", "kf-11.3"), ("hold_callback", "kf-11.3")} <= prompts
    up = [t for t, r in reporter.sent if r.prompt and r.prompt.rule == "hold_update"]
    assert up[0] == pytest.approx(since + 15.0, abs=0.5)
    assert all(r.activity in (Activity.CALL, Activity.HOLD) for _, r in reporter.sent
               if r.prompt)
    final = reporter.current()
    assert (final.last_session, final.prompt, final.hold_s) == (info.id, None, None)
    assert final.idle_s is not None and final.name == "小李"
    seqs = [r.seq for _, r in reporter.sent]
    assert seqs == sorted(seqs) and seqs[-1] > seqs[0]
