"""Recordings with samples that are not sound: contained, reported, never a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.audio.file import AudioFileError, open_call_file
from assistant.audio.samples import SampleCheck
from assistant.ground.resources import resources_dir

DEMO = resources_dir() / "demo" / "demo_call.flac"


def _analyse(path: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, LANG="en_GB.UTF-8", ASSISTANT_DATA_DIR=str(path.parent / "data"))
    return subprocess.run([sys.executable, "-m", "assistant", "analyze", str(path), "--json",
                           "--recogniser", "off", "--call-time", "2026-11-25T14:30", *extra],
                          capture_output=True, text=True, timeout=300, env=env)


def _findings(done: subprocess.CompletedProcess) -> dict[str, str]:
    import json

    lines = [json.loads(line) for line in done.stdout.splitlines()]
    summary = next(line for line in lines if line.get("type") == "summary")
    return {f["rule"]: f["status"] for f in summary["findings"]}


def test_one_nan_sample_changes_no_finding_and_is_reported(tmp_path):
    audio, rate = sf.read(DEMO, dtype="float32", always_2d=True)
    clean, broken = tmp_path / "clean.wav", tmp_path / "nan.wav"
    sf.write(clean, audio, rate, subtype="FLOAT")
    audio[2 * rate, 0] = np.nan
    audio[3 * rate, 1] = np.inf
    sf.write(broken, audio, rate, subtype="FLOAT")
    good, bad = _analyse(clean), _analyse(broken)
    assert bad.returncode == 0 and "Traceback" not in bad.stderr
    assert _findings(bad) == _findings(good)
    assert _findings(bad)["pace_drift"] == "met"  # not "too little speech"
    assert "2 samples were not numbers (NaN/inf), first at 2.0 s" in bad.stderr


def test_full_scale_noise_is_reported_and_never_passes_the_volume_check(tmp_path):
    rng = np.random.default_rng(7)
    noise = np.sign(rng.standard_normal((16000 * 12, 2))).astype(np.float32)
    path = tmp_path / "noise.wav"
    sf.write(path, noise, 16000, subtype="FLOAT")
    done = _analyse(path)
    assert done.returncode == 0
    assert _findings(done)["volume"] != "met"
    assert "agent channel is at full scale for 100 % of the call" in done.stderr


def test_clean_counts_and_repairs():
    check = SampleCheck(16000)
    frames = np.array([[0.1, np.nan], [2.0, -np.inf], [0.0, 0.0]], dtype=np.float32)
    out = check.clean(frames, 16000)
    assert np.isfinite(out).all() and np.abs(out).max() <= 1.0
    assert (check.not_numbers, check.out_of_range, check.first_bad_s) == (2, 1, 1.0)


@pytest.mark.parametrize("frames", [1, 80, 159])
def test_audio_shorter_than_10_ms_is_analysed_without_a_crash(tmp_path, monkeypatch, capsys,
                                                              frames):
    from assistant.cli import main

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "short.wav"
    sf.write(path, np.zeros((frames, 2), dtype=np.float32), 16000)
    assert main(["analyze", str(path), "--json", "--recogniser", "off"]) == 0
    assert '"summary"' in capsys.readouterr().out


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "call.wav"
    os.mkfifo(fifo)
    with pytest.raises(AudioFileError, match=r"not a regular file \(pipe\)"):
        open_call_file(fifo)


def test_a_folder_with_a_5_ms_file_analyses_every_file(tmp_path):
    folder = tmp_path / "calls"
    folder.mkdir()
    sf.write(folder / "a_short.wav", np.zeros((80, 2), dtype=np.float32), 16000)
    audio, rate = sf.read(DEMO, dtype="float32", always_2d=True)
    sf.write(folder / "b_demo.wav", audio[: rate * 20], rate)
    done = _analyse(folder, "--jobs", "1")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    files = [line for line in done.stdout.splitlines() if '"file"' in line or "wav" in line]
    assert len(files) >= 2 and "skipped" not in done.stderr
