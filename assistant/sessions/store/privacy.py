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

from assistant.ground.events import Event, PhraseHit, Transcript

MASK = "#"
MIN_DIGITS = 4

_CJK_DIGITS = "零〇一二三四五六七八九幺两壹贰貳叁參肆伍陆陸柒捌玖"
_CJK_PLACES = "十百千万拾佰仟萬"
_UNITS = "zero|oh|one|two|three|four|five|six|seven|eight|nine"
_TEENS_TENS = ("ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
               "nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety")
_KO = "공|영|일|이|삼|사|오|육|칠|팔|구|십|백|천|만"
_WORD = rf"(?<![^\W\d_])(?:{_UNITS}|{_TEENS_TENS}|hundred|thousand|{_KO})(?![^\W\d_])"
_TOKEN = rf"(?:\[[0-9０-９]+\]|[0-9０-９{_CJK_DIGITS}{_CJK_PLACES}]|{_WORD})"
_SEP = r"[\s\-‐–—.·,，_/]*"
_CANDIDATE = re.compile(rf"{_TOKEN}(?:{_SEP}{_TOKEN})*", re.IGNORECASE)
_ONE = re.compile(_TOKEN, re.IGNORECASE)
_TWO_DIGIT_WORDS = set(_TEENS_TENS.split("|")) | {"hundred"}


def _digits(token: str) -> int:
    """How many digits a token stands for (``[23]`` two, ``twelve`` two, ``thousand`` three)."""
    word = token.lower()
    if word.startswith("["):
        return len(word) - 2
    if word == "thousand":
        return 3
    return 2 if word in _TWO_DIGIT_WORDS else 1


def _mask_run(match: re.Match[str]) -> str:
    run = match.group()
    if sum(_digits(t) for t in _ONE.findall(run)) < MIN_DIGITS:
        return run
    return _ONE.sub(lambda d: _mask_token(d.group()), run)


def _mask_token(token: str) -> str:
    return f"[{MASK * (len(token) - 2)}]" if token.startswith("[") else MASK * len(token)


def mask_digits(text: str) -> str:
    """``text`` with every run standing for four or more spoken or written digits masked.

    Digits as the recognisers write them: ASCII and full-width (``1,234,567``), Chinese
    (``幺三八``, ``壹贰叁``, ``一千二百``), bracketed tokens (``[23] [45]``, the Korean model),
    English and Korean number words (``twelve thirty four``, ``일 삼 팔``).
    """
    return _CANDIDATE.sub(_mask_run, text)


def mask_path(path: str) -> str:
    """A recording's path as it may be stored: file and folder names are often numbers."""
    return mask_digits(path)


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
