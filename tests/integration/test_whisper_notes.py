"""What the terminal says about Whisper's reach, in the reader's language: a stereo call
analysed with the real Whisper model and the default pack (agent channel only) names the
caller's phrases as not checked, in Chinese under ``--ui-lang zh`` and in English under
``--ui-lang en``. A missing model is worded the same way. Two seconds of silence: the model
loads, nothing is decoded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.cli import main

pytestmark = pytest.mark.integration


@pytest.fixture
def silent_call(tmp_path) -> Path:
    path = tmp_path / "20261125_143000_call.wav"
    sf.write(path, np.zeros((32000, 2), dtype=np.float32), 16000)
    return path


@pytest.mark.parametrize("lang, says, never", [
    ("zh", "Whisper 只转写坐席声道", "listens to the agent only"),
    ("en", "Whisper listens to the agent only", "只转写"),
])
def test_whisper_on_the_agent_only_is_said_in_the_readers_language(
        lang, says, never, silent_call, whisper_model, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    assert main(["--ui-lang", lang, "analyze", str(silent_call), "--recogniser", "whisper",
                 "--model", str(whisper_model)]) == 0
    err = capsys.readouterr().err
    assert says in err and never not in err, err


def test_a_missing_whisper_model_is_said_in_chinese(silent_call, tmp_path, monkeypatch,
                                                    capsys):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    assert main(["--ui-lang", "zh", "analyze", str(silent_call), "--recogniser", "whisper",
                 "--model", str(tmp_path / "no-model")]) == 0
    err = capsys.readouterr().err
    assert "未安装 Whisper 模型" in err and "not checked" not in err, err
