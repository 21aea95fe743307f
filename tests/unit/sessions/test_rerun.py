"""A stored call through another pack: the same pack changes nothing; other packs do."""

from __future__ import annotations

import pytest

from assistant.conduct.pack import parse_pack
from assistant.ground.events import Prompt, Status
from assistant.ground.summary import PromptRecord
from assistant.sessions.replay.rerun import Change, compare, diff_prompts, known_times
from assistant.sessions.store.database import SessionStore
from tests.fixtures.sessions import LONG_HOLD, SCENARIOS, record_scenario


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    work = tmp_path_factory.mktemp("rerun")
    with SessionStore(work / "store") as store:
        record_scenario(store, LONG_HOLD, work, audio=False)
        record_scenario(store, SCENARIOS / "zh_polite_call.toml", work, audio=False)
        yield store


def _session(store, stem: str):
    (info,) = [i for i in store.list() if i.source_path.endswith(f"{stem}.wav")]
    return store.load(info.id)


def _edited(session, section: str, old: str, new: str):
    text = session.pack_text
    head = text.index(f"[rules.{section}]")
    end = text.index("\n[", head + 1)
    body = text[head:end]
    assert old in body, f"{old!r} not in [rules.{section}]"
    return parse_pack(text[:head] + body.replace(old, new) + text[end:])


@pytest.mark.parametrize("stem", ["zh_long_hold_no_updates", "zh_polite_call"])
def test_the_sessions_own_pack_changes_nothing(store, stem):
    session = _session(store, stem)
    diff = compare(session, parse_pack(session.pack_text))
    assert diff.unchanged, (diff.prompts, diff.findings)
    assert [(r.prompt.t, r.prompt.rule, r.resolved_t) for r in diff.summary.prompts] == [
        (r.prompt.t, r.prompt.rule, r.resolved_t) for r in session.summary.prompts]


def test_a_shorter_hold_update_interval_adds_hold_prompts(store):
    session = _session(store, "zh_long_hold_no_updates")
    diff = compare(session, _edited(session, "hold_update", "interval_s = 15.0",
                                    "interval_s = 10.0"))
    before = [r for r in session.summary.prompts if r.prompt.rule == "hold_update"]
    after = [r for r in diff.summary.prompts if r.prompt.rule == "hold_update"]
    assert len(after) > len(before)
    added = [c.t for c in diff.prompts if c.change is Change.ADDED and c.rule == "hold_update"]
    assert added == pytest.approx([25.9, 35.9])
    assert [c.t for c in diff.prompts if c.change is Change.REMOVED] == pytest.approx([30.9])
    (finding,) = [c for c in diff.findings if c.rule == "hold_update"]
    assert finding.change is Change.CHANGED and finding.new.times == (25.9, 35.9, 45.9)


def test_disabling_a_rule_removes_its_prompts_and_finding(store):
    session = _session(store, "zh_long_hold_no_updates")
    diff = compare(session, _edited(session, "hold_callback", "clause", "enabled = false\nclause"))
    removed = [c for c in diff.prompts if c.change is Change.REMOVED]
    assert [(c.rule, c.t) for c in removed] == [("hold_callback", 45.9)]
    assert not [c for c in diff.prompts if c.change is not Change.REMOVED]
    assert [(c.change, c.rule) for c in diff.findings] == [(Change.REMOVED, "hold_callback")]
    assert diff.count(Change.REMOVED) == 1


def test_new_wording_shows_as_changed_prompts(store):
    session = _session(store, "zh_long_hold_no_updates")
    diff = compare(session, _edited(session, "hold_update", 'text = "客户已等待',
                                    'text = "请通报：客户已等待'))
    assert {c.change for c in diff.prompts} == {Change.CHANGED}
    assert all(c.new.prompt.text.startswith("请通报") for c in diff.prompts)
    assert not diff.findings


def test_phrases_are_rematched_against_the_new_pack(store):
    """Without 您看可以吗 / 跟您确认一下 in the pack, the recap is no longer heard."""
    session = _session(store, "zh_long_hold_no_updates")
    text = session.pack_text
    for phrase in ("跟您确认一下", "您看可以吗"):
        text = text.replace(f'"{phrase}", ', "").replace(f', "{phrase}"', "")
    diff = compare(session, parse_pack(text))
    recap = [c for c in diff.findings if c.rule == "closing_recap"]
    assert recap and recap[0].new.status is Status.MISSED


def test_prompts_pair_by_rule_and_nearest_time():
    def rec(rule: str, t: float, text: str = "x") -> PromptRecord:
        return PromptRecord(Prompt(rule, "kf-5", text, t))

    changes = diff_prompts([rec("a", 10.0), rec("a", 20.0), rec("b", 5.0)],
                           [rec("a", 20.4), rec("b", 5.0, "y"), rec("c", 1.0)])
    assert [(c.change, c.rule, c.t) for c in changes] == [
        (Change.ADDED, "c", 1.0), (Change.CHANGED, "b", 5.0), (Change.REMOVED, "a", 10.0),
        (Change.CHANGED, "a", 20.4)]


def test_known_times_never_run_backwards(store):
    session = _session(store, "zh_long_hold_no_updates")
    known = known_times(session.events)
    assert all(b >= a for a, b in zip(known, known[1:]))
    assert all(k >= e.t - 1e-9 or type(e).__name__ in ("SpeechEnd", "PaceReading", "PhraseHit")
               for k, e in zip(known, session.events))
