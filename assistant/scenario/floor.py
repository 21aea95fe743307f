"""Put a clean synthetic call on a call-centre floor: what its ``Conditions`` say is there.

The clean call has the agent's own voice alone on the left and the caller alone on the
right. On the floor, the caller's line hisses; the agent's microphone also picks up the
caller's voice from the headset (echo), the neighbours (babble) and the keyboard; and both
channels may pass through the telephone band last of all. Levels are set against the
clean call itself, so "babble at 20 dB" means 20 dB below this agent's speech.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.signal import butter, fftconvolve, sosfiltfilt

from assistant.ground.events import SAMPLE_RATE, Channel
from assistant.scenario.babble import babble
from assistant.scenario.conditions import Conditions
from assistant.scenario.sox import telephone
from assistant.scenario.utterance import SPEECH_DBFS

AGENT, CALLER = 0, 1


def speech_power(column: np.ndarray, spans: Sequence[tuple[float, float]]) -> float:
    """Mean power of ``column`` over the union of ``spans`` (seconds): a speaker's level
    while speaking, short pauses inside an utterance included."""
    inside = np.zeros(len(column), dtype=bool)
    for t0, t1 in spans:
        inside[round(t0 * SAMPLE_RATE): round(t1 * SAMPLE_RATE)] = True
    if not inside.any():
        return 10 ** (SPEECH_DBFS / 10)
    return float(np.mean(np.square(column[inside], dtype=np.float64)))


def add_room(mix: np.ndarray, conditions: Conditions, agent_spans: Sequence[tuple[float, float]],
             *, seed: int, babble_set: str, cache_dir: Path | None = None) -> np.ndarray:
    """Everything but the telephone band, added to a copy of the clean stereo ``mix``."""
    out = mix.copy()
    n = len(mix)
    if conditions.line_noise_dbfs is not None:
        hiss = np.random.default_rng([seed, 1]).standard_normal(n).astype(np.float32)
        out[:, CALLER] += hiss * np.float32(10 ** (conditions.line_noise_dbfs / 20))
    if conditions.echo_db is not None:
        out[:, AGENT] += echo(out[:, CALLER], conditions.echo_db, conditions.echo_delay_ms,
                              np.random.default_rng([seed, 3]))
    if conditions.babble_snr_db is not None:
        crowd = babble(n / SAMPLE_RATE, voices=conditions.babble_voices, seed=seed,
                       babble_set=babble_set, cache_dir=cache_dir)
        target = speech_power(mix[:, AGENT], agent_spans) / 10 ** (conditions.babble_snr_db / 10)
        power = float(np.mean(np.square(crowd, dtype=np.float64)))
        if power > 0:
            out[:, AGENT] += crowd * np.float32(np.sqrt(target / power))
    if conditions.keyboard_dbfs is not None:
        out[:, AGENT] += keyboard(n, conditions.keyboard_dbfs, np.random.default_rng([seed, 2]))
    return out


def telephone_band(mix: np.ndarray) -> np.ndarray:
    """Both channels through 8 kHz μ-law and back."""
    return np.stack([telephone(mix[:, AGENT]), telephone(mix[:, CALLER])], axis=1)


ECHO_BAND_HZ = (200.0, 5000.0)
"""What a headset's earpiece passes back to its microphone: no deep bass, no top."""


def echo(caller: np.ndarray, level_db: float, delay_ms: float,
         rng: np.random.Generator | None = None) -> np.ndarray:
    """The caller's channel as the agent's microphone hears it from the headset: band-
    limited, ``delay_ms`` late (the direct path; a few weaker reflections follow within
    8 ms), at ``level_db`` relative to the caller's channel."""
    sos = butter(2, ECHO_BAND_HZ, btype="bandpass", fs=SAMPLE_RATE, output="sos")
    path = sosfiltfilt(sos, caller.astype(np.float64))
    rng = rng or np.random.default_rng(0)
    taps = round(0.008 * SAMPLE_RATE)
    impulse = rng.standard_normal(taps) * 0.15 * np.exp(-np.arange(taps) / (0.002 * SAMPLE_RATE))
    impulse[0] = 1.0
    path = fftconvolve(path, impulse)[: len(caller)]
    shift = round(delay_ms * SAMPLE_RATE / 1000)
    late = np.zeros(len(caller), dtype=np.float64)
    if shift < len(caller):
        late[shift:] = path[: len(caller) - shift]
    source, heard = np.mean(np.square(caller, dtype=np.float64)), np.mean(np.square(late))
    if heard <= 0:
        return late.astype(np.float32)
    return (late * np.sqrt(source / heard * 10 ** (level_db / 10))).astype(np.float32)


CLICK_S = 0.012


def keyboard(n: int, peak_dbfs: float, rng: np.random.Generator) -> np.ndarray:
    """Key clicks in typing bursts (1-4 s of 5-9 keys a second, 2-8 s apart)."""
    out = np.zeros(n, dtype=np.float32)
    length = round(CLICK_S * SAMPLE_RATE)
    envelope = np.exp(-np.arange(length) / (0.002 * SAMPLE_RATE)).astype(np.float32)
    t = rng.uniform(0.5, 4.0)
    while t < n / SAMPLE_RATE:
        burst_end = t + rng.uniform(1.0, 4.0)
        rate = rng.uniform(5.0, 9.0)
        while t < min(burst_end, n / SAMPLE_RATE):
            click = np.diff(rng.standard_normal(length + 1)).astype(np.float32) * envelope
            click *= np.float32(10 ** (peak_dbfs / 20) * rng.uniform(0.5, 1.0)
                                / float(np.max(np.abs(click))))
            start = round(t * SAMPLE_RATE)
            piece = click[: max(0, min(length, n - start))]
            out[start: start + len(piece)] += piece
            t += rng.exponential(1.0 / rate) + 0.03
        t = burst_end + rng.uniform(2.0, 8.0)
    return out


def agent_spans(turns: Sequence, channel: Channel = Channel.AGENT) -> list[tuple[float, float]]:
    """The spans of ``channel``'s turns (anything with ``who``, ``t0`` and ``t1``)."""
    return [(t.t0, t.t1) for t in turns if t.who is channel]
