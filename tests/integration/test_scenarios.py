"""Every scenario file, synthesised and analysed end to end, gives the findings it states."""

from __future__ import annotations

import shutil

import pytest

from tests.integration.scenario_run import SCENARIOS, run_scenario

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
]

SCENARIO_FILES = sorted(SCENARIOS.glob("*.toml"))


@pytest.fixture(scope="session")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("scenarios")


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=[p.stem for p in SCENARIO_FILES])
def test_scenario_gives_its_expected_findings(path, work):
    run = run_scenario(path, work)
    assert run.problems() == []
