"""espeak-ng utterances: one text in one voice at a rate and pitch, float32 at 16 kHz.

Used for the scenario's synthetic turns and for English neighbours on the floor; each
utterance is cached by (voice, rate, pitch, text).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from functools import cache
from math import gcd
from pathlib import Path

import numpy as np
import soundfile as sf
from scipy.signal import resample_poly

from assistant.ground.events import SAMPLE_RATE
from assistant.scenario.scenario_file import ScenarioError
from assistant.scenario.utterance import cached_audio, normalise, trim

_CACHE_VERSION = "1"


def speak(text: str, *, voice: str, rate: int, pitch: int,
          cache_dir: Path | None = None) -> np.ndarray:
    """One utterance from espeak-ng: float32 at 16 kHz, trimmed to its voiced span and
    normalised to ``SPEECH_DBFS``."""
    return cached_audio(cache_dir, (_CACHE_VERSION, voice, rate, pitch, text),
                        lambda: normalise(trim(_espeak(text, voice, rate, pitch))))


@cache
def _espeak_exe() -> str:
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise ScenarioError.at(Path("espeak-ng"), None, "",
                               "espeak-ng is not installed (apt-get install espeak-ng)")
    return exe


@cache
def installed_voices() -> frozenset[str]:
    """Names espeak-ng accepts for ``-v``: languages, voice files and their base names.

    Checked up front because espeak-ng, reading from stdin, quietly falls back to its
    default voice for a name it does not know.
    """
    listing = subprocess.run([_espeak_exe(), "--voices"], capture_output=True, check=False)
    names: set[str] = set()
    for line in listing.stdout.decode("utf-8", "replace").splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 5:
            names.update(n.lower() for n in (fields[1], fields[4], fields[4].rsplit("/", 1)[-1]))
    return frozenset(names)


def _espeak(text: str, voice: str, rate: int, pitch: int) -> np.ndarray:
    exe = _espeak_exe()
    if voice.split("+", 1)[0].lower() not in installed_voices():
        raise ScenarioError.at(Path("espeak-ng"), None, "",
                               f"espeak-ng has no voice '{voice}' (see `espeak-ng --voices`)")
    with tempfile.TemporaryDirectory(prefix="assistant-tts-") as folder:
        wav = Path(folder) / "turn.wav"
        done = subprocess.run(
            [exe, "-v", voice, "-s", str(rate), "-p", str(pitch), "-b", "1", "-z",
             "-w", str(wav), "--stdin"],
            input=text.encode("utf-8"), capture_output=True, check=False,
        )
        if done.returncode != 0 or not wav.exists():
            message = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
            raise ScenarioError.at(Path("espeak-ng"), None, "",
                                   f"voice '{voice}' could not speak {text!r}: {message}")
        audio, rate_hz = sf.read(wav, dtype="float32", always_2d=True)
    audio = audio[:, 0]
    if rate_hz != SAMPLE_RATE:
        g = gcd(SAMPLE_RATE, rate_hz)
        audio = resample_poly(audio, SAMPLE_RATE // g, rate_hz // g).astype(np.float32)
    return audio
