"""The espeak-ng calls heard on a busy floor, everything at once (the ``floor`` preset:
neighbours' babble 20 dB down, the caller's echo 24 dB down and 30 ms late, line hiss, the
agent's keyboard, and a telephone line): polite calls raise nothing, and the acoustic
rules still speak where they should."""

from __future__ import annotations

import shutil

import pytest

from tests.integration.scenario_run import SCENARIOS, run_scenario

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
]

CALLS = ("zh_polite_call", "en_polite_call", "zh_long_hold_no_updates", "zh_overtalk",
         "zh_pace_fast_agent")


@pytest.fixture(scope="session")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("floor-preset")


@pytest.mark.parametrize("name", CALLS)
def test_espeak_call_on_a_busy_floor_gives_its_prompts(name, work):
    run = run_scenario(SCENARIOS / f"{name}.toml", work, conditions="floor")
    assert run.problems() == []
