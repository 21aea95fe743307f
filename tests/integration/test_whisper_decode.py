"""Whisper's encoder on a window fitted to the segment (the real model, two short espeak
utterances): the words and word times of the 30-s window, a short word heard once (a fitted
window makes Whisper loop on it). About 40 s, most of it loading the model."""

from __future__ import annotations

import subprocess
from math import gcd
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from scipy.signal import resample_poly

from assistant.speech.whisper import load_whisper
from assistant.speech.whisper_decode import (
    HeardWord,
    _without_echo,
    decode_segment,
    loop_start,
    window_frames,
)

pytestmark = pytest.mark.integration


def spoken(text: str, work: Path) -> np.ndarray:
    wav = work / "said.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), text], check=True)
    audio, rate = sf.read(wav, dtype="float32")
    g = gcd(16000, rate)
    audio = resample_poly(audio, 16000 // g, rate // g).astype(np.float32)
    silence = np.zeros(4800, np.float32)
    return np.concatenate([silence, 0.5 * audio / np.max(np.abs(audio)), silence])


def words(heard) -> list[str]:
    return [w.text.strip(" .,!?").lower() for w in heard.words]


def test_a_fitted_window_hears_the_words_of_the_full_one(whisper_model, tmp_path):
    model = load_whisper(whisper_model)
    audio = spoken("Thank you for waiting. Your parcel will arrive tomorrow morning.", tmp_path)
    fit = decode_segment(model, audio, "en", window="fit")
    full = decode_segment(model, audio, "en", window="full")
    assert not fit.full_window and full.full_window
    assert words(fit) == words(full)
    assert {"thank", "waiting", "parcel", "tomorrow"} <= set(words(fit))
    times = [t for w in fit.words for t in (w.start, w.end)]
    assert times == sorted(times) and times[-1] <= len(audio) / 16000
    assert all(abs(a.start - b.start) <= 0.1 and abs(a.end - b.end) <= 0.1
               for a, b in zip(fit.words, full.words))


def test_a_short_word_is_heard_once(whisper_model, tmp_path):
    heard = decode_segment(load_whisper(whisper_model), spoken("Right.", tmp_path), "en")
    assert words(heard) == ["right"]


def test_a_loop_is_where_the_text_starts_again():
    assert loop_start([7, 8, 9, 7, 8, 9, 7, 8]) == 3
    assert loop_start([1, 2, 5, 5, 5, 5]) == 3
    assert loop_start([5, 5, 3]) is None  # a word said twice (好好) is speech, not a loop
    assert loop_start([1, 2, 3, 4]) is None


class _Pieces:
    """A tokenizer whose tokens are the words themselves."""

    def __init__(self, *pieces: str):
        self.pieces = pieces

    def decode(self, tokens: list[int]) -> str:
        return "".join(self.pieces[t] for t in tokens)


def test_a_repeat_squeezed_into_no_audio_is_the_decoders_echo():
    tok = _Pieces(" Right", " right,", " thank", " you")
    echo = [HeardWord(" Right", 0.0, 0.64, 0.5), HeardWord(" Right", 0.64, 0.66, 0.4)]
    assert _without_echo(echo, [0, 0], tok) == (echo[:1], [0])
    said_twice = [HeardWord(" Right", 0.0, 0.4, 0.5), HeardWord(" Right", 0.5, 0.9, 0.5)]
    assert _without_echo(said_twice, [0, 0], tok) == (said_twice, [0, 0])
    two_words = [HeardWord(" thank", 0.0, 0.3, 0.9), HeardWord(" you", 0.3, 0.5, 0.9),
                 HeardWord(" thank", 0.5, 0.52, 0.3), HeardWord(" you", 0.52, 0.55, 0.3)]
    assert _without_echo(two_words, [2, 3, 2, 3], tok) == (two_words[:2], [2, 3])
    other = [HeardWord(" Right", 0.0, 0.4, 0.5), HeardWord(" right,", 0.4, 0.42, 0.5)]
    assert _without_echo(other, [0, 1], tok) == (other, [0, 1])  # not the same words


def test_the_window_is_the_segment_plus_a_margin_between_4_and_30_s():
    assert window_frames(150, "fit") == 400
    assert window_frames(350, "fit") == 450
    assert window_frames(1501, "fit") == 1602
    assert window_frames(2950, "fit") == 3000
    assert window_frames(150, "full") == 3000
