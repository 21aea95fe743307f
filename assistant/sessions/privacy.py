"""Digit strings (phone, ID, card numbers) masked in transcripts before anything is stored.

A recogniser writes numbers as ASCII digits or as words, depending on the model and the
language: ``138 0013 8000``, ``幺三八零零一三``, ``one three eight``, ``일 삼 팔``. A run of
``MIN_DIGITS`` or more digit tokens — separated by nothing, spaces or dashes — is replaced
digit by digit with ``MASK``, so the transcript keeps its shape (a trainer still sees that
a number was read out) and loses the number.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.core.events import Event, PhraseHit, Transcript

MASK = "#"
MIN_DIGITS = 4

_CJK_DIGITS = "零〇一二三四五六七八九幺两"
_WORD_DIGITS = (
    "zero|oh|one|two|three|four|five|six|seven|eight|nine|"
    "공|영|일|이|삼|사|오|육|칠|팔|구"
)
_TOKEN = rf"(?:[0-9０-９{_CJK_DIGITS}]|(?<![^\W\d_])(?:{_WORD_DIGITS})(?![^\W\d_]))"
_SEP = r"[\s\-‐–—.·]*"
_RUN = re.compile(rf"{_TOKEN}(?:{_SEP}{_TOKEN}){{{MIN_DIGITS - 1},}}", re.IGNORECASE)
_ONE = re.compile(_TOKEN, re.IGNORECASE)


def mask_digits(text: str) -> str:
    """``text`` with every run of four or more spoken or written digits masked."""
    return _RUN.sub(lambda m: _ONE.sub(lambda d: MASK * len(d.group()), m.group()), text)


def mask_event(event: Event) -> Event:
    """The event as it may be stored: transcripts (text and words) and phrase hits masked."""
    if isinstance(event, Transcript):
        masked = mask_digits(event.text)
        if masked == event.text:
            return event
        return replace(event, text=masked, words=_mask_words(event))
    if isinstance(event, PhraseHit):
        masked, heard = mask_digits(event.phrase), mask_digits(event.heard)
        if masked == event.phrase and heard == event.heard:
            return event
        return replace(event, phrase=masked, heard=heard)
    return event


def _mask_words(event: Transcript) -> tuple:
    """Mask words as one text, so a number split over several words is still a run."""
    if not event.words:
        return ()
    joined = mask_digits(" ".join(w.text for w in event.words))
    parts = joined.split(" ")
    if len(parts) != len(event.words):  # a word contained a space: mask each on its own
        return tuple(replace(w, text=mask_digits(w.text)) for w in event.words)
    return tuple(replace(w, text=p) for w, p in zip(event.words, parts))
