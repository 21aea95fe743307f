"""Streaming speech recognition with vosk, stamped in audio time.

One loop, as in nerd-dictation: 100 ms blocks of 16 kHz audio go in, vosk says whether an
utterance ended; finals carry word times, partials are passed on only when they change.
In grammar mode the recogniser only knows the pack's phrases (plus ``[unk]`` for anything
else), which is fast and accurate for phrase checks. A model without ``[unk]`` gets filler
words instead (:func:`filler_words`): ordinary words that soak up other speech, reported
as unknown.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from assistant.ground.events import (
    SAMPLE_RATE,
    Channel,
    SpeechEnd,
    SpeechStart,
    Transcript,
    Word,
    samples_to_seconds,
)

if TYPE_CHECKING:
    import vosk

UNKNOWN_WORDS = ("[unk]", "<UNK>", "<unk>")
"""How models spell "some word I do not know"; never passed on as text."""

FILLER_COUNT = 3000
"""Filler words for a model without ``[unk]``. On the small Korean model, 3000 took false
phrase hits on unrelated sentences from 6 in 6 to none, kept every true phrase, and cost
about a fifth more decoding time on continuous speech."""

SEGMENTED_LANGUAGES = ("zh", "ko")
"""Languages whose model words may be pieces of what a phrase list writes as one word."""


class Recogniser(Protocol):
    channel: Channel
    grammar: bool  # True when restricted to phrase lists
    skips_silence: bool
    """True when it may be fed speech only (:mod:`assistant.speech.gate`): its times follow
    each block's ``start`` across gaps. False when it needs every block (a scripted one
    speaks on the clock)."""

    def accept(self, samples: np.ndarray, start: int) -> list[Transcript]:
        """Feed float32 mono samples in [-1, 1] at 16 kHz; ``start`` is the sample index of
        ``samples[0]`` in the call. Blocks (100 ms) come in order; gaps only where
        ``skips_silence``."""
        ...

    def finish(self, end: int) -> list[Transcript]:
        """End of stream at sample ``end``: flush the last utterance as a final result."""
        ...


class SegmentRecogniser(Recogniser, Protocol):
    """A recogniser that decodes whole speech segments (``decodes_segments``): it is handed
    every block with the VAD's speech events in it, and answers when a segment is decoded."""

    def segment_block(self, samples: np.ndarray, start: int,
                      speech: Sequence[SpeechStart | SpeechEnd]) -> list[Transcript]: ...


def load_model(path: Path | str) -> vosk.Model:
    """Load a vosk model quietly.

    Level -2 keeps errors only: at -1 vosk still prints a warning per utterance (word
    alignment, grammar words missing from the vocabulary, which are reported elsewhere).
    """
    import vosk

    from assistant.speech.vosk_model import ModelError

    vosk.SetLogLevel(-2)
    try:
        return vosk.Model(str(path))
    except Exception as exc:  # vosk raises a bare Exception("Failed to create a model")
        raise ModelError(f"vosk cannot load the model at {path} ({exc}); check it with "
                         f"`assistant models verify {path}`") from None


# --- grammar from phrase lists ----------------------------------------------------------


def grammar_for(
    phrases: list[str], vocabulary: set[str] | None, language: str
) -> tuple[list[str], list[str]]:
    """Grammar entries for vosk, and the phrases it cannot take with the reason why.

    Each phrase becomes a space-separated sequence of model words. Chinese phrases are
    written without spaces and Korean model words are often pieces of a written word, so
    for those languages a written word is split into the fewest vocabulary words (longest
    first). When no phrase can be taken the grammar is empty: the caller should fall back
    to the free recogniser rather than listen for ``[unk]`` alone.

    ``[unk]`` lets vosk map other speech to "unknown" instead of onto phrase words. The
    small Korean model has no ``[unk]``, only ``<UNK>``, which is added too but is never
    chosen there: on that model unrelated speech can come out as phrase words.
    """
    if vocabulary is None:
        return [], [f"“{p}” (vocabulary unknown: the model's word list cannot be read, so "
                    f"its words cannot be checked)" for p in phrases]
    entries: list[str] = []
    rejected: list[str] = []
    for phrase in phrases:
        words, missing = _segment(phrase, vocabulary, language)
        if missing:
            rejected.append(f"“{phrase}” (word “{missing}” not in the model's vocabulary)")
        elif words:
            entries.append(" ".join(words))
        else:
            rejected.append(f"“{phrase}” (no words in it)")
    if not entries:
        return [], rejected
    unknown = [w for w in UNKNOWN_WORDS if w in vocabulary]
    return list(dict.fromkeys(entries + ["[unk]"] + unknown)), rejected


def filler_words(grammar: list[str], vocabulary: set[str] | None, language: str,
                 count: int = FILLER_COUNT) -> list[str]:
    """Ordinary words to add to a grammar when the model has no ``[unk]``.

    Without ``[unk]`` vosk must map every sound onto some grammar word, so speech that is
    no phrase at all comes out as phrase words (a weather remark as 좋은 오후 입니다). A few
    thousand other words of the model give that speech somewhere else to go. They are spread
    evenly over the vocabulary (deterministic, so a replay decodes the same), never words of
    the phrases themselves, and the recogniser reports them as unknown.
    """
    if vocabulary is None or "[unk]" in vocabulary or not grammar:
        return []
    taken = {word for entry in grammar for word in entry.split()}
    plain = _PLAIN_WORD.get(language, _PLAIN_WORD["en"])
    candidates = sorted(w for w in vocabulary if w not in taken and plain(w))
    if len(candidates) <= count:
        return candidates
    return [candidates[i * len(candidates) // count] for i in range(count)]


def _hangul(word: str) -> bool:
    return 1 <= len(word) <= 3 and all("\uac00" <= c <= "\ud7a3" for c in word)


def _han(word: str) -> bool:
    return 1 <= len(word) <= 2 and all("\u4e00" <= c <= "\u9fff" for c in word)


def _latin(word: str) -> bool:
    return 2 <= len(word) <= 8 and word.isascii() and word.isalpha()


_PLAIN_WORD = {"ko": _hangul, "zh": _han, "en": _latin}


def _segment(phrase: str, vocabulary: set[str], language: str) -> tuple[list[str], str | None]:
    """The phrase as model words, or the first written word that cannot be made of them."""
    text = "".join(" " if unicodedata.category(c).startswith("P") else c for c in phrase)
    if language == "en":
        text = text.lower()
    words: list[str] = []
    for written in text.split():
        pieces = [written] if written in vocabulary else None
        if pieces is None and language in SEGMENTED_LANGUAGES:
            pieces = split_into_words(written, vocabulary)
        if pieces is None:
            return [], written
        words += pieces
    return words, None


def split_into_words(text: str, vocabulary: set[str]) -> list[str] | None:
    """Split ``text`` into the fewest vocabulary words, preferring a longer first word.

    Plain greedy longest match can strand a single character (도와드릴 → 도·와·드릴 when
    도와 is a word too); counting pieces avoids that. ``None`` when no split exists.
    """
    n = len(text)
    best: list[list[str] | None] = [None] * n + [[]]
    for i in range(n - 1, -1, -1):
        for j in range(n, i, -1):
            rest = best[j]
            if rest is not None and text[i:j] in vocabulary:
                found = best[i]
                if found is None or len(rest) + 1 < len(found):
                    best[i] = [text[i:j]] + rest
    return best[0]


# --- the streaming recogniser ----------------------------------------------------------


class VoskRecogniser:
    """A vosk ``KaldiRecognizer`` for one channel, speaking in :class:`Transcript` events.

    Vosk counts time in the audio it was given. Fed around speech only, that is not the
    call's time, so each run of contiguous blocks is remembered (where it starts in the
    audio given, where in the call) and word times are mapped back.
    """

    skips_silence = True

    def __init__(self, model: vosk.Model, channel: Channel,
                 grammar: list[str] | None = None, fillers: Sequence[str] = ()):
        import vosk

        self.channel = channel
        self.grammar = grammar is not None
        self._unknown = frozenset(UNKNOWN_WORDS) | frozenset(fillers)
        if grammar is not None:
            entries = list(dict.fromkeys([*grammar, *fillers]))
            self._rec = vosk.KaldiRecognizer(model, SAMPLE_RATE,
                                             json.dumps(entries, ensure_ascii=False))
        else:
            self._rec = vosk.KaldiRecognizer(model, SAMPLE_RATE)
        self._rec.SetWords(True)
        if hasattr(self._rec, "SetPartialWords"):
            self._rec.SetPartialWords(True)
        self._runs: list[tuple[int, int]] = []  # (samples given before it, call sample index)
        self._given = 0
        self._next: int | None = None  # where the next block starts if there is no gap
        self._partial = ""

    def accept(self, samples: np.ndarray, start: int) -> list[Transcript]:
        if start != self._next:
            self._runs.append((self._given, start))
        self._given += len(samples)
        self._next = start + len(samples)
        pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()
        t = samples_to_seconds(start + len(samples))
        if self._rec.AcceptWaveform(pcm):
            return self._final(self._rec.Result(), t)
        return self._partial_result(self._rec.PartialResult(), t)

    def finish(self, end: int) -> list[Transcript]:
        return self._final(self._rec.FinalResult(), samples_to_seconds(end))

    def _final(self, result: str, t: float) -> list[Transcript]:
        data = json.loads(result)
        words = self._words(data.get("result", []))
        text = self._drop_unknown(data.get("text", ""))
        had_partial, self._partial = bool(self._partial), ""
        if not text and not had_partial:
            return []
        # An empty final still goes out after a partial: it closes the utterance.
        return [Transcript(self.channel, t, text, words, final=True, grammar=self.grammar)]

    def _partial_result(self, result: str, t: float) -> list[Transcript]:
        data = json.loads(result)
        text = self._drop_unknown(data.get("partial", ""))
        if text == self._partial:
            return []
        self._partial = text
        words = self._words(data.get("partial_result", []))
        return [Transcript(self.channel, t, text, words, final=False, grammar=self.grammar)]

    def _words(self, items: list[dict[str, Any]]) -> tuple[Word, ...]:
        """Vosk's word times count seconds of the audio it was given; the call's time is
        that plus where the run the word fell in sits in the call."""
        return tuple(
            Word(w["word"], self._call_time(w["start"]), self._call_time(w["end"]),
                 float(w.get("conf", 1.0)))
            for w in items
            if w["word"] not in self._unknown
        )

    def _call_time(self, given_s: float) -> float:
        given = given_s * SAMPLE_RATE
        run = next((r for r in reversed(self._runs) if r[0] <= given), None)
        if run is None:
            return given_s
        return samples_to_seconds(run[1]) + (given - run[0]) / SAMPLE_RATE

    def _drop_unknown(self, text: str) -> str:
        return " ".join(w for w in text.split() if w not in self._unknown)
