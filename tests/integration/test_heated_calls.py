"""第七条 (restating the need), 第八条 (understanding for a complaint), 第九条 (calm while the
caller's voice is raised), 第十三条(2) (jargon) and 第十三条(3) (a supervisor for a caller
still dissatisfied at the close) on natural Mandarin decoded by the real Whisper model on
both channels: all five met on the well-handled call, all five missed on the badly handled
one (tuning calls, clean and over a telephone line; held-out calls with other texts,
phrases, voices and seeds, clean), and none missed or shown live on a polite call.

Six short calls of about 45 s, both channels decoded (see bench/heated_calls.py for every
call on every floor).
"""

from __future__ import annotations

import pytest

from assistant.ground.events import PromptRaised
from tests.integration.heated_calls import CALLS, RULES
from tests.integration.whisper_calls import WhisperRun

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def call(whisper_runs):
    def get(name: str, conditions: str = "clean") -> WhisperRun:
        return whisper_runs.get(CALLS[name], conditions, both=True)  # as run_heated decodes

    return get


def live(run: WhisperRun) -> list[str]:
    return [e.prompt.rule for e in run.events if isinstance(e, PromptRaised)]


@pytest.mark.parametrize("name", ["handled", "handled-held-out"])
def test_a_heated_call_handled_well_meets_all_five(name, call):
    run = call(name)
    assert run.problems() == [], (run.problems(), run.text())
    # the complaint brought the calm-tone reminder and the cue to show understanding, live
    assert {"calm_tone", "show_understanding"} <= set(live(run))


@pytest.mark.parametrize("name, conditions", [
    ("ignored", "clean"), ("ignored", "telephone"), ("ignored-held-out", "clean"),
])
def test_a_heated_call_handled_badly_misses_all_five_with_the_evidence(name, conditions, call):
    run = call(name, conditions)
    assert run.problems() == [], (run.problems(), run.text())
    assert run.detail("restate_need").startswith("not restated: “")
    assert "raised voice (+" in run.detail("show_understanding")
    calm = run.detail("calm_tone")
    assert "louder by" in calm and "dismissive at" in calm, calm
    assert "term(s) in" in run.detail("jargon")
    assert run.detail("escalation").startswith("no supervisor offered after: “")
    assert "calm_tone" in live(run)
    assert "escalation" not in live(run) or run.findings()["escalation"] == "missed"


def test_the_held_out_call_names_its_own_words(call):
    run = call("ignored-held-out")
    assert "“你冷静一点”" in run.detail("calm_tone")
    assert "“停复机”" in run.detail("jargon")


def test_a_polite_call_misses_none_and_shows_none_of_them(call):
    run = call("polite")
    findings = run.findings()
    assert [findings[rule] for rule in RULES] == [
        "not_applicable", "not_applicable", "not_applicable", "met", "not_applicable"], \
        ([run.detail(rule) for rule in RULES], run.text())
    assert not set(live(run)) & set(RULES)
