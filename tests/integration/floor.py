"""A call-centre floor around a synthetic call: neighbours' babble, the caller's echo, the line.

Conditions are applied to a synthesised stereo call (agent left, caller right):

* ``babble<N>``: four neighbouring agents talking on and off (espeak-ng voices at other
  pitches and rates, other texts), mixed into the agent's microphone ``N`` dB below the
  agent's own speaking level;
* ``echo<N>``: the caller's channel, ``N`` dB down and 40 ms late, leaking into the agent's
  microphone (headset / speaker coupling);
* ``telephone``: both channels through an 8 kHz μ-law line and back.

The agent's own turns stay where the scenario put them, so they remain the ground truth of
own-voice detection.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import soundfile as sf
from scipy.signal import resample_poly

from assistant.core.events import SAMPLE_RATE, Channel
from assistant.scenario.pace_check import SENTENCES
from assistant.scenario.synth import SPEECH_DBFS, SyntheticCall, speak, spoken_text

CONDITIONS = ("clean", "telephone", "babble20", "babble10", "echo20")

NEIGHBOURS = (  # voice, pitch, rate: other people, not the agent's voice
    ("cmn-latn-pinyin", 10, 150), ("cmn-latn-pinyin", 85, 190),
    ("cmn-latn-pinyin", 60, 170), ("en-us", 30, 160),
)
ECHO_DELAY_S = 0.040


def babble(duration_s: float, seed: int, cache: Path) -> np.ndarray:
    """Several neighbours talking with pauses, summed; normalised to ``SPEECH_DBFS``."""
    rng = np.random.default_rng(seed)
    total = np.zeros(round(duration_s * SAMPLE_RATE), dtype=np.float32)
    texts = SENTENCES["zh"] + SENTENCES["en"]
    for voice, pitch, rate in NEIGHBOURS:
        lang = "en" if voice.startswith("en") else "zh"
        pool = SENTENCES[lang]
        at = float(rng.uniform(0.0, 2.0))
        while at < duration_s:
            text = pool[int(rng.integers(len(pool)))] if texts else ""
            audio = speak(spoken_text(text, lang), voice=voice, rate=rate, pitch=pitch,
                          cache_dir=cache)
            start = round(at * SAMPLE_RATE)
            piece = audio[: max(0, len(total) - start)]
            total[start: start + len(piece)] += piece
            at += len(audio) / SAMPLE_RATE + float(rng.uniform(0.3, 2.5))
    rms = float(np.sqrt(np.mean(np.square(total[total != 0])))) if np.any(total) else 1.0
    return total * np.float32(10 ** (SPEECH_DBFS / 20) / rms)


def telephone(x: np.ndarray) -> np.ndarray:
    """8 kHz, μ-law (8 bit), back to 16 kHz: the round trip of a phone line."""
    narrow = resample_poly(x, 1, 2)
    mu = 255.0
    encoded = np.sign(narrow) * np.log1p(mu * np.minimum(np.abs(narrow), 1.0)) / np.log1p(mu)
    quantised = np.round((encoded + 1) * 127.5) / 127.5 - 1
    decoded = np.sign(quantised) * np.expm1(np.abs(quantised) * np.log1p(mu)) / mu
    return resample_poly(decoded, 2, 1).astype(np.float32)[: len(x)]


def apply(stereo: np.ndarray, condition: str, *, seed: int, cache: Path) -> np.ndarray:
    agent, caller = stereo[:, 0].copy(), stereo[:, 1].copy()
    if condition.startswith("babble"):
        snr = float(condition.removeprefix("babble"))
        agent += babble(len(agent) / SAMPLE_RATE, seed, cache) * np.float32(10 ** (-snr / 20))
    elif condition.startswith("echo"):
        down = float(condition.removeprefix("echo"))
        delay = round(ECHO_DELAY_S * SAMPLE_RATE)
        leak = np.concatenate([np.zeros(delay, np.float32), caller[:-delay]])
        agent += leak * np.float32(10 ** (-down / 20))
    elif condition == "telephone":
        agent, caller = telephone(agent), telephone(caller)
    elif condition != "clean":
        raise ValueError(f"unknown condition {condition!r}; one of {CONDITIONS}")
    return np.clip(np.stack([agent, caller], axis=1), -1.0, 1.0)


def on_floor(call: SyntheticCall, condition: str, work: Path, *, seed: int = 0) -> SyntheticCall:
    """The call as heard under ``condition`` (cached next to the clean file)."""
    if condition == "clean":
        return call
    out = work / f"{call.path.stem}.{condition}.s{seed}.flac"
    if not out.exists():
        stereo, rate = sf.read(call.path, dtype="float32", always_2d=True)
        assert rate == SAMPLE_RATE
        mixed = apply(stereo, condition, seed=seed, cache=work / "tts-cache")
        sf.write(out, np.round(mixed * 32767).astype(np.int16), SAMPLE_RATE, subtype="PCM_16")
    return replace(call, path=out)


def agent_truth(call: SyntheticCall) -> list[tuple[float, float]]:
    """Where the agent's own voice is in the call."""
    return [(t.t0, t.t1) for t in call.turns if t.who is Channel.AGENT]
