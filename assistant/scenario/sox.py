"""Run sox effects on audio held in memory: tempo, pitch, the telephone band.

sox is the well-kept tool for these (WSOLA tempo that keeps pitch, a clean pitch shift,
good anti-alias filters for 8 kHz and G.711 μ-law); it is already needed for the test
audio. Audio goes through pipes as raw 32-bit float, so nothing touches the disk. Dither
is off and the random source fixed, so the same input gives the same samples every run.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

import numpy as np

from assistant.ground.events import SAMPLE_RATE
from assistant.scenario.scenario_file import ScenarioError

TELEPHONE_RATE = 8000


@cache
def _sox_exe() -> str:
    exe = shutil.which("sox")
    if exe is None:
        raise ScenarioError.at(Path("sox"), None, "",
                               "sox is not installed (apt-get install sox libsox-fmt-all)")
    return exe


def _run(audio: bytes, input_type: list[str], output_type: list[str], effects: list[str]) -> bytes:
    command = [_sox_exe(), "-D", "-R", "-V1", *input_type, "-", *output_type, "-", *effects]
    done = subprocess.run(command, input=audio, capture_output=True, check=False)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
        raise ScenarioError.at(Path("sox"), None, "", f"`{' '.join(command)}` failed: {message}")
    return done.stdout


def _float(rate: int) -> list[str]:
    return ["-t", "f32", "-r", str(rate), "-c", "1"]


def effects(audio: np.ndarray, effect_args: list[str], *, rate: int = SAMPLE_RATE) -> np.ndarray:
    """``audio`` (mono float32 at ``rate``) through sox ``effect_args``, back at ``rate``."""
    if not effect_args:
        return audio.astype(np.float32)
    out = _run(np.ascontiguousarray(audio, dtype="<f4").tobytes(), _float(rate), _float(rate),
               [*effect_args, "rate", "-v", str(rate)])
    return np.frombuffer(out, dtype="<f4").astype(np.float32)


def shape_voice(audio: np.ndarray, *, pitch_cents: float = 0.0, tempo: float = 1.0) -> np.ndarray:
    """Another speaker or speaking rate from the same voice: sox ``pitch`` then ``tempo -s``
    (speech mode: the duration changes by 1/``tempo``, the pitch stays)."""
    args: list[str] = []
    if pitch_cents:
        args += ["pitch", f"{pitch_cents:g}"]
    if tempo != 1.0:
        args += ["tempo", "-s", f"{tempo:g}"]
    return effects(audio, args)


def telephone(audio: np.ndarray) -> np.ndarray:
    """A telephone line's round trip: down to 8 kHz, G.711 μ-law, and back to 16 kHz.

    The result has the same length as the input, so turn times stay where they were.
    """
    encoded = _run(np.ascontiguousarray(audio, dtype="<f4").tobytes(), _float(SAMPLE_RATE),
                   ["-t", "ul", "-r", str(TELEPHONE_RATE), "-c", "1"], ["rate", "-v"])
    decoded = _run(encoded, ["-t", "ul", "-r", str(TELEPHONE_RATE), "-c", "1"],
                   _float(SAMPLE_RATE), ["rate", "-v"])
    out = np.frombuffer(decoded, dtype="<f4").astype(np.float32)
    if len(out) >= len(audio):
        return out[: len(audio)]
    return np.concatenate([out, np.zeros(len(audio) - len(out), np.float32)])
