"""Whisper on one speech segment, its encoder reading only the segment's own length.

faster-whisper's ``transcribe()`` pads every input to Whisper's 30-s mel window, so its
encoder costs the same ≈ 1.2 CPU s for a 1-s "好的" as for a 25-s sentence: on a call that is
most of the recogniser's cost. CTranslate2's Whisper encoder takes a shorter mel (its
positional table is simply read up to the input's length; whisper.cpp calls this
``audio_ctx``), which costs in proportion: ≈ 0.03 CPU s for 2 s of audio. Here a segment is
encoded at its length plus ``MARGIN_S`` of padding (``window="fit"``), decoded greedily
without timestamp tokens, and its words are timed from the cross-attention alignment
(faster-whisper's own word-timestamp code on the same encoder output). The full 30-s window
(``window="full"``) goes through ``transcribe()`` itself, with timestamp tokens, which hears
better than the bare decode. A window shorter than Whisper was trained on makes it loop on
short segments ("Right Right Right …") and mishear some short words: a loop is cut after its
first round (as is a last word said again in no audio at all, :func:`_without_echo`), and a
text the decoder is unsure of (or that loops from its first word) is decoded again in the
full window. ``bench/whisper_phrases.py --window fit|full`` measures both on the same calls,
``bench/overlay_live.py --recogniser whisper`` the cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

Window = Literal["fit", "full"]

DEFAULT_WINDOW: Window = "full"
"""The window a recogniser uses unless told: "fit" costs a third as much CPU but, on the test
calls, heard "put you on hold" as "unfold" (even with a 20-s floor) and lost that call's hold
verdicts; it stays opt-in until it keeps every verdict."""
FULL_FRAMES = 3000
"""Whisper's window: 30 s of 10-ms mel frames."""
MARGIN_S = 1.0
"""Silence (zero mel frames, as faster-whisper pads) after a segment's audio in a fitted
window."""
MIN_WINDOW_S = 4.0
"""The shortest fitted window: shorter ones cost less (4 s: ≈ 0.07 CPU s to encode, 10 s
≈ 0.2, 30 s ≈ 1.26) but mishear more short words: 2 s lost 3 tuning verdicts; since each
piece of a sentence is decoded with the sentence so far as context, 4 s keeps them (the
README's Figures)."""
ECHO_S = 0.1
"""A repeat of the text's last words given less audio than this is the decoder's echo, not
speech (a word takes longer to say)."""
TOKENS_PER_S = 20
"""A cap on the text decoded per second of audio (a repetition loop stops there)."""
NO_SPEECH_PROB = 0.6
"""A piece is dropped when Whisper thinks it this likely not speech and is unsure of it."""
UNSURE = -0.8
"""A fitted window's text whose mean token log-probability is below this is decoded again
in the full window (on the tuning calls: 下午好 heard as 降五好 at −1.36, right words ≥ −0.6)."""
BEAM = 1
TIMESTAMPS = False
"""Whether the fitted window is decoded with Whisper's timestamp tokens, as ``transcribe()``
does. Their times would be dropped (word times come from the cross-attention alignment),
and they are two of the ≈ 11 tokens a piece generates, a token costing ≈ 11 ms here
(``bench/whisper_decoder.py``). Without them the natural Mandarin calls' decoding took
8–17 % less CPU (591 tokens → 449), with every hit and verdict the same
(``bench/whisper_phrases.py``, tuning and held-out, clean, telephone, babble 20 dB; at
10 dB one more false hit on the held-out set, the verdicts the same)."""
CONTEXT_TOKENS = 64
"""At most this much earlier text is given as context (Whisper allows 223)."""
PREPEND = "\"'“¿([{-"
APPEND = "\"'.。,，!！?？:：”)]}、"


@dataclass(frozen=True)
class HeardWord:
    text: str
    start: float  # seconds from the start of the audio
    end: float
    probability: float


@dataclass(frozen=True)
class Heard:
    words: list[HeardWord]
    no_speech_prob: float
    avg_logprob: float
    full_window: bool = False
    """Decoded in the full 30-s window (asked for, or the fitted one looped or was unsure)."""
    unsure: bool = False
    """The fitted window's text was unsure and it was not decoded again (``fallback=False``)."""
    tokens: tuple[int, ...] = ()
    """The text's tokens (no timestamps): context for the next piece of the same sentence."""


def window_frames(content_frames: int, window: Window) -> int:
    """Mel frames the encoder reads for ``content_frames`` of audio (even: the encoder's
    first convolution halves it)."""
    if window == "full":
        return FULL_FRAMES
    frames = max(content_frames + round(MARGIN_S * 100), round(MIN_WINDOW_S * 100))
    return min(FULL_FRAMES, frames + frames % 2)


def decode_segment(model: Any, audio: np.ndarray, language: str, *, window: Window = "fit",
                   initial_prompt: str | None = None, hotwords: str | None = None,
                   fallback: bool = True, context: Sequence[int] = ()) -> Heard:
    """Words of ``audio`` (16 kHz mono float32, at most 30 s) by a loaded
    ``faster_whisper.WhisperModel``: greedy, word times. ``context``: the tokens of what the
    speaker said just before (the sentence's earlier pieces), given as Whisper's previous
    text (its decoder reads them in one pass: ≈ no cost). A fitted window whose text is
    unsure is decoded again in the full window (see the module docstring), or with
    ``fallback=False`` given up: no words, ``unsure`` set."""
    from faster_whisper.tokenizer import Tokenizer

    features = model.feature_extractor(np.asarray(audio, dtype=np.float32))
    content = min(FULL_FRAMES, features.shape[-1] - 1)
    tokenizer = Tokenizer(model.hf_tokenizer, model.model.is_multilingual,
                          task="transcribe", language=language)
    previous = tokenizer.encode(" " + initial_prompt.strip()) if initial_prompt else []
    previous += list(context)[-CONTEXT_TOKENS:]
    prompt = model.get_prompt(tokenizer, previous, without_timestamps=not TIMESTAMPS,
                              hotwords=hotwords)
    if window == "fit":
        heard = _decode(model, tokenizer, prompt, features, content,
                        window_frames(content, window))
        if heard is not None:
            return heard
        if not fallback:
            return Heard([], 0.0, 0.0, unsure=True)
    return _transcribe(model, audio, language, initial_prompt, hotwords)


def _transcribe(model: Any, audio: np.ndarray, language: str, initial_prompt: str | None,
                hotwords: str | None) -> Heard:
    """The full window through faster-whisper's own ``transcribe()``, with timestamp tokens:
    on the test calls it hears what the bare full-window decode misses ("put you on hold",
    not "unfold"). Its pieces of low confidence that are probably not speech are dropped."""
    segments, _ = model.transcribe(
        audio, language=language, beam_size=1, temperature=0.0,
        condition_on_previous_text=False, word_timestamps=True, vad_filter=False,
        without_timestamps=False, initial_prompt=initial_prompt, hotwords=hotwords)
    words: list[HeardWord] = []
    for segment in segments:
        if segment.no_speech_prob > NO_SPEECH_PROB and segment.avg_logprob < -1.0:
            continue
        words += [HeardWord(w.word, float(w.start), float(w.end), float(w.probability))
                  for w in segment.words or ()]
    return Heard(words, 0.0, 0.0, full_window=True)


def _decode(model: Any, tokenizer: Any, prompt: list[int], features: np.ndarray, content: int,
            frames: int) -> Heard | None:
    import ctranslate2
    from faster_whisper.transcribe import get_suppressed_tokens

    mel = np.zeros((1, features.shape[0], frames), dtype=np.float32)
    mel[0, :, :content] = features[:, :content]
    encoded = model.model.encode(ctranslate2.StorageView.from_array(mel), to_cpu=False)
    budget = 8 + round(TOKENS_PER_S * content / 100) + 8 * TIMESTAMPS
    result = model.model.generate(
        encoded, [prompt], beam_size=BEAM, max_length=min(model.max_length, len(prompt) + budget),
        return_scores=True, return_no_speech_prob=True, suppress_blank=True,
        suppress_tokens=get_suppressed_tokens(tokenizer, [-1]))[0]
    tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
    avg_logprob = result.scores[0] * len(tokens) / (len(tokens) + 1)
    if frames < FULL_FRAMES:
        loop = loop_start(tokens)
        if avg_logprob < UNSURE or loop is not None and loop < 2:
            return None
        tokens = tokens[:loop]  # the words once, as said
    full = frames == FULL_FRAMES
    if not tokens:
        return Heard([], result.no_speech_prob, avg_logprob, full)
    segment: dict[str, Any] = {"seek": 0, "start": 0.0, "end": content / 100, "tokens": tokens}
    model.add_word_timestamps([[segment]], tokenizer, encoded, content, PREPEND, APPEND,
                              last_speech_timestamp=0.0)
    words = [HeardWord(w["word"], float(w["start"]), float(w["end"]), float(w["probability"]))
             for w in segment.get("words", ())]
    if not full:
        words, tokens = _without_echo(words, tokens, tokenizer)
    return Heard(words, result.no_speech_prob, avg_logprob, full, tokens=tuple(tokens))


def _without_echo(words: list[HeardWord], tokens: list[int],
                  tokenizer: Any) -> tuple[list[HeardWord], list[int]]:
    """The text without a last word (or words) that repeat the ones before them in under
    ``ECHO_S`` of audio: the decoder saying a short segment's text again, which the
    alignment can only squeeze into the margin ("Right." heard as "Right Right", the second
    given 0.02 s). Said twice, a word takes its time twice (好好, "right, right")."""
    for size in range(1, len(tokens) // 2 + 1):
        if tokens[-2 * size:-size] != tokens[-size:]:
            continue
        said = tokenizer.decode(tokens[-size:]).strip()
        for n in range(1, len(words) // 2 + 1):
            copy = words[-n:]
            if "".join(w.text for w in copy).strip() == said:
                if copy[-1].end - copy[0].start < ECHO_S:
                    return words[:-n], tokens[:-size]
                break
    return words, tokens


def release_memory() -> None:
    """Give the decoder's freed buffers back to the system (glibc keeps them otherwise: on a
    call ≈ 90 MB more resident after a few segments of different lengths)."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to give back this way
        pass


def loop_start(tokens: list[int]) -> int | None:
    """Where the text starts repeating itself (a block said again right after itself, a
    single token three times), else None: the decoder looping on a short window."""
    n = len(tokens)
    for i in range(n):
        for size in range(1, (n - i) // 2 + 1):
            again = tokens[i: i + size] == tokens[i + size: i + 2 * size]
            if again and (size > 1 or tokens[i + 2: i + 3] == tokens[i: i + 1]):
                return i + size
    return None
