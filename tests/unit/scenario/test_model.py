"""Scenario files: the shipped ones load, and every error names the file, the line and the field."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from assistant.ground.events import CallAction, Channel
from assistant.ground.resources import resources_dir
from assistant.scenario.scenario_file import ScenarioError, load_scenario, parse_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SHIPPED = sorted(SCENARIOS.glob("*.toml")) + [resources_dir() / "demo" / "demo_call.toml"]

MINIMAL = """\
[scenario]
name = "two turns"
lang = "zh"
call_time = 2026-11-25T14:30:00

[[turn]]
who = "agent"
at = 0.5
text = "下午好"

[[turn]]
who = "caller"
text = "你好"

[[control]]
action = "end"
by = "caller"
after = 1.0

[expect]
prompts = [{ rule = "hold_update", at = [1.0, 2.0] }]
absent = ["volume"]
findings = { greeting = "met" }
"""


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_scenarios_load(path):
    scenario = load_scenario(path)
    assert scenario.turns and scenario.lang in ("zh", "en", "ko")
    assert scenario.expect.prompts or scenario.expect.absent or scenario.expect.findings


def test_minimal_scenario_and_its_defaults():
    scenario = parse_scenario(MINIMAL)
    assert scenario.name == "two turns"
    assert scenario.call_time == datetime(2026, 11, 25, 14, 30)
    assert scenario.rate == 160 and scenario.gap == 0.6 and scenario.duration is None
    assert scenario.voices == {Channel.AGENT: "cmn-latn-pinyin", Channel.CALLER: "cmn-latn-pinyin"}
    agent, caller = scenario.turns
    assert (agent.who, agent.at, agent.after, agent.line) == (Channel.AGENT, 0.5, None, 6)
    assert (caller.who, caller.at, caller.after, caller.line) == (Channel.CALLER, None, None, 11)
    [end] = scenario.controls
    assert (end.action, end.by, end.t, end.after) == (CallAction.END, Channel.CALLER, None, 1.0)
    assert scenario.expect.prompts[0].rule == "hold_update"
    assert scenario.expect.prompts[0].at == (1.0, 2.0)
    assert scenario.expect.absent == ("volume",)
    assert scenario.expect.findings == {"greeting": "met"}


def test_voices_follow_the_language_unless_given():
    text = MINIMAL.replace('lang = "zh"', 'lang = "en"\ncaller_voice = "en-us-nyc"')
    scenario = parse_scenario(text)
    assert scenario.voices == {Channel.AGENT: "en-us", Channel.CALLER: "en-us-nyc"}


def test_call_time_may_be_an_iso_string():
    text = MINIMAL.replace("call_time = 2026-11-25T14:30:00", 'call_time = "2026-11-25T19:05:00"')
    assert parse_scenario(text).call_time == datetime(2026, 11, 25, 19, 5)


def _problem(text: str, tmp_path: Path):
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    return path, err.value.problems


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text[:index].count("\n") + 1


def test_bad_value_in_the_second_turn_points_at_that_turn(tmp_path):
    text = MINIMAL.replace('who = "caller"', 'who = "customer"')
    path, [problem] = _problem(text, tmp_path)
    assert (problem.path, problem.field) == (path, "turn.1.who")
    assert problem.line == _line_of(text, 'who = "customer"')
    assert str(problem).startswith(f"{path}:{problem.line}: turn.1.who:")
    assert "'agent' or 'caller'" in problem.message


def test_misspelt_key_is_unknown(tmp_path):
    text = MINIMAL.replace('text = "你好"', 'txt = "你好"')
    _, problems = _problem(text, tmp_path)
    fields = {p.field: p for p in problems}
    assert fields["turn.1.txt"].message == "unknown field (misspelt?)"
    assert fields["turn.1.txt"].line == _line_of(text, 'txt = "你好"')
    assert fields["turn.1.text"].message == "required field is missing"
    assert fields["turn.1.text"].line == _line_of(text, "[[turn]]", 2)


def test_at_and_after_together_is_an_error_on_that_turn(tmp_path):
    text = MINIMAL.replace('who = "caller"\n', 'who = "caller"\nat = 3.0\nafter = 1.0\n')
    _, [problem] = _problem(text, tmp_path)
    assert problem.field == "turn.1"
    assert problem.line == _line_of(text, "[[turn]]", 2)
    assert "either `at`" in problem.message


def test_expectations_name_real_rules_and_statuses(tmp_path):
    text = MINIMAL.replace('absent = ["volume"]', 'absent = ["volumne"]')
    _, [problem] = _problem(text, tmp_path)
    assert problem.field == "expect.absent" and "unknown rule 'volumne'" in problem.message
    assert problem.line == _line_of(text, "absent =")
    text = MINIMAL.replace('greeting = "met"', 'greeting = "passed"')
    _, [problem] = _problem(text, tmp_path)
    assert problem.field.startswith("expect.findings.greeting")
    text = MINIMAL.replace("at = [1.0, 2.0]", "at = [2.0, 1.0]")
    _, [problem] = _problem(text, tmp_path)
    assert problem.field == "expect.prompts.0.at" and "window" in problem.message
    text = MINIMAL.replace('absent = ["volume"]', 'absent = ["hold_update"]')
    _, [problem] = _problem(text, tmp_path)
    assert "both expected and absent" in problem.message


def test_controls_need_one_time_and_by_only_on_end(tmp_path):
    text = MINIMAL.replace("after = 1.0\n", "")
    _, [problem] = _problem(text, tmp_path)
    assert problem.field == "control.0" and problem.line == _line_of(text, "[[control]]")
    text = MINIMAL.replace('action = "end"', 'action = "hold"')
    _, [problem] = _problem(text, tmp_path)
    assert "`by` only applies" in problem.message
    text = MINIMAL.replace('action = "end"', 'action = "hangup"')
    _, [problem] = _problem(text, tmp_path)
    assert problem.field == "control.0.action"


def test_missing_header_field_points_at_the_table(tmp_path):
    text = MINIMAL.replace('lang = "zh"\n', "")
    _, [problem] = _problem(text, tmp_path)
    assert (problem.field, problem.line) == ("scenario.lang", 1)
    assert problem.message == "required field is missing"


def test_a_scenario_needs_turns(tmp_path):
    text = MINIMAL.split("[[turn]]")[0]
    _, [problem] = _problem(text, tmp_path)
    assert problem.field == "turn"


def test_toml_syntax_error_has_a_line(tmp_path):
    text = MINIMAL.replace("at = 0.5", "at = = 0.5")
    path, [problem] = _problem(text, tmp_path)
    assert problem.line == _line_of(text, "at = = 0.5")
    assert "not valid TOML" in problem.message


def test_missing_file():
    with pytest.raises(ScenarioError, match="no such scenario file"):
        load_scenario("/nonexistent/scenario.toml")
