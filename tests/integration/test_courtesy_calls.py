"""第四条 (您 rather than 你), 第六条 (negative wording) and 第十条 (denying the problem, a
refusal without a next step) on natural Mandarin decoded by the real Whisper model: missed
on blunt calls and on calls that deny the problem (tuning calls, clean and over a telephone
line, and held-out calls with other texts, phrases and voice), met on the polite calls, and
nothing shown live on any of them (all are after-call findings).

Six short calls, about 5 decoded agent segments each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ground.events import PromptRaised
from tests.integration.whisper_calls import WHISPER_SCENARIOS, WhisperRun

pytestmark = pytest.mark.integration
COURTESY = Path(__file__).resolve().parent.parent / "scenarios" / "courtesy"
CALLS = {
    "blunt": COURTESY / "zh_blunt_call.toml",
    "blunt-held-out": COURTESY / "held-out" / "zh_blunt_heldout.toml",
    "denial": COURTESY / "zh_denial_call.toml",
    "denial-held-out": COURTESY / "held-out" / "zh_denial_heldout.toml",
    "polite": WHISPER_SCENARIOS / "zh_good_call.toml",
    "polite-held-out": WHISPER_SCENARIOS / "held-out" / "zh_heldout_good.toml",
}
RULES = ("polite_address", "positive_wording", "no_denial")


@pytest.fixture(scope="module")
def call(whisper_runs):
    def get(name: str, conditions: str = "clean") -> WhisperRun:
        return whisper_runs.get(CALLS[name], conditions)

    return get


def live(run: WhisperRun) -> set[str]:
    return {e.prompt.rule for e in run.events if isinstance(e, PromptRaised)}


@pytest.mark.parametrize("name, conditions", [
    ("blunt", "clean"), ("blunt", "telephone"), ("blunt-held-out", "clean"),
])
def test_blunt_calls_miss_all_three_clauses_with_the_words_heard(name, conditions, call):
    run = call(name, conditions)
    assert run.problems() == [], run.text()
    address = run.detail("polite_address")
    assert "你" in address.split(":", 1)[1], address  # the sentences that said 你 are quoted
    wording = run.detail("positive_wording")
    assert "→ “" in wording, wording  # each phrase heard comes with its alternative
    assert run.findings()["no_denial"] == "missed"  # the refusals were left without a next step
    assert "no next step after" in run.detail("no_denial")
    assert not live(run) & set(RULES)


@pytest.mark.parametrize("name, conditions, denied", [
    ("denial", "clean", "这不是我们的问题"), ("denial", "telephone", "这不是我们的问题"),
    ("denial-held-out", "clean", "跟我们没关系"),
])
def test_a_denied_problem_is_missed_with_the_phrase_heard(name, conditions, denied, call):
    run = call(name, conditions)
    assert run.problems() == [], run.text()
    assert f"denied: “{denied}”" in run.detail("no_denial"), run.detail("no_denial")
    assert "no next step after" in run.detail("no_denial")
    assert not live(run) & set(RULES)


def test_the_held_out_call_names_its_own_phrases(call):
    wording = call("blunt-held-out").detail("positive_wording")
    assert {"“办不了”", "“这个我们管不了”", "“做不到”"} <= {
        part.split(" [")[0] for part in wording.split(", ")}, wording


@pytest.mark.parametrize("name", ["polite", "polite-held-out"])
def test_polite_calls_meet_all_three_clauses(name, call):
    run = call(name)
    findings = run.findings()
    assert [findings[rule] for rule in RULES] == ["met", "met", "met"], \
        ([run.detail(rule) for rule in RULES], run.text())
    assert not live(run) & set(RULES)
