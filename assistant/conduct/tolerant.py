"""Comparable units of heard text and of phrases, and how near two sequences of them are.

A recogniser writes what it heard its own way: 工好 for 工号, 感謝 for 感谢, 427 for 四二七,
"I'll" for "I will". Both the phrase and the heard text go through the same steps, so what
is compared is what was said:

- NFKC, lower case, punctuation dropped;
- Chinese: traditional → simplified (OpenCC ``t2s``), Arabic numbers → Chinese numerals,
  then one unit per character, compared on its pinyin (pypinyin; with or without
  tones as the pack says) so that homophones match. Each character is read on its own, in
  its most common reading (行 is xing, in 银行 too), the same in the phrase and in the
  heard text;
- English: contractions spelled out, numbers → words (num2words), one unit per word,
  compared on a phonetic key (jellyfish's metaphone: "god evening" is "good evening") and
  a similarity ratio (rapidfuzz) so that a near-miss on a word still matches;
- Korean and grammar output: characters / words, compared exactly.

Each unit remembers the recogniser word it came from (its text and times), so a match
can quote what was heard and when.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from assistant.ground.events import Word

os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
"""pypinyin's dictionary of word readings costs ≈ 42 MB resident (an eighth of the live app
with Whisper) and is not needed here: the phrase and the heard text are read the same way,
character by character. Set before pypinyin is first imported; the scenario tools, which
read whole words aloud, load the dictionary themselves."""

_PUNCT = re.compile(r"[^\w\s']")
_DIGITS = re.compile(r"\d+")
_CHARACTERS = re.compile(r"\d+|\S")
_CONTRACTIONS = (("n't", " not"), ("'ll", " will"), ("'re", " are"), ("'m", " am"),
                 ("'ve", " have"), ("'d", " would"), ("'s", " is"))
"""Spelled out on both sides, so "I'll check" and "I will check" are the same words; a
possessive becomes "is" on both sides too, which keeps the comparison symmetric."""
_SPELLINGS = {"ok": "okay"}
"""One spelling for a word written two ways (Whisper writes "okay" for a script's "ok")."""
SIMILAR_MIN_CHARS = 4
"""Shorter words are not compared by spelling (a ratio means little on "on"/"no")."""
FUNCTION_WORD_CHARS = 3
"""English words this short (to, a, for, you, is) are the ones a phrase may have heard
differently, within the pack's ``errors``."""
NEVER_DROPPED = frozenset({"not", "no", "nor"})
"""Short words a phrase is never matched without: "i do know" is not "i don't know"."""
PHONETIC_MIN_CHARS = 3
"""Words from this long on also match when they sound the same (metaphone: "god" is heard
for "good"); two-letter words must be the same word."""


@dataclass(frozen=True)
class Unit:
    key: str
    """What is compared: a syllable, a character or a word."""
    text: str
    """The recogniser word it came from, as written (traditional, digits and all)."""
    word: int
    """Index of the recogniser word it came from."""
    t0: float
    t1: float


@dataclass(frozen=True)
class Style:
    language: str
    pinyin: str = "off"  # off | toned | toneless
    similarity: float = 1.0  # English word similarity, 0..1 (1: exact)


def units_of_words(words: Sequence[Word], style: Style) -> list[Unit]:
    """Units of a recogniser's words (each unit keeps its word's times)."""
    pieces = [(i, piece, w) for i, w in enumerate(words) for piece in _pieces(w.text, style)]
    keys = _keys([p for _, p, _ in pieces], style)
    return [Unit(k, w.text, i, w.t0, w.t1) for (i, _, w), k in zip(pieces, keys)]


def units_of_text(text: str, t: float, style: Style) -> list[Unit]:
    """Units of plain text with no word times (all stamped ``t``); a Chinese or Korean
    character is a word of its own, so a quote is the phrase's characters only, and so is a
    number (15 is 十五, not 一五)."""
    written = text.split() if style.language == "en" else _CHARACTERS.findall(text)
    return units_of_words([Word(w, t, t) for w in written], style)


def phrase_keys(phrase: str, style: Style) -> tuple[str, ...]:
    return tuple(u.key for u in units_of_text(phrase, 0.0, style))


def same(a: str, b: str, style: Style) -> bool:
    if a == b:
        return True
    if style.similarity >= 1.0 or min(len(a), len(b)) < PHONETIC_MIN_CHARS:
        return False
    if _sound(a) == _sound(b):
        return True
    if min(len(a), len(b)) < SIMILAR_MIN_CHARS:
        return False
    from rapidfuzz.fuzz import ratio

    return ratio(a, b) >= style.similarity * 100


@lru_cache(maxsize=4096)
def _sound(word: str) -> str:
    import jellyfish

    return jellyfish.metaphone(word)


def may_differ(key: str, style: Style) -> bool:
    """Which units of a phrase may be heard as something else: any syllable in Mandarin, only
    short function words in English ("just a recap" for "just to recap"; "thank you for
    holding" is not "thank you for calling")."""
    return len(key) <= FUNCTION_WORD_CHARS if style.language == "en" else True


def find(keys: tuple[str, ...], units: Sequence[Unit], style: Style, errors: int
         ) -> list[tuple[int, int]]:
    """Windows of ``units`` that match ``keys`` with at most ``errors`` units heard
    differently, as ``(first, end)`` unit indices. In English one of those errors may be a
    short function word inside the phrase that was not heard at all ("just recap" for "just
    to recap"; never a negation). Of overlapping windows the closest one wins, so a match
    never slides onto a neighbouring word."""
    scored = [(misses, i, len(keys)) for i, misses in _windows(keys, units, style, errors)]
    if errors and style.language == "en" and style.similarity < 1.0:
        for skip in range(1, len(keys) - 1):
            if may_differ(keys[skip], style) and keys[skip] not in NEVER_DROPPED:
                shorter = keys[:skip] + keys[skip + 1:]
                scored += [(misses + 1, i, len(shorter))
                           for i, misses in _windows(shorter, units, style, errors - 1)]
    taken: list[tuple[int, int]] = []
    for _, i, n in sorted(scored):
        if all(i + n <= a or b <= i for a, b in taken):
            taken.append((i, i + n))
    return sorted(taken)


def _windows(keys: tuple[str, ...], units: Sequence[Unit], style: Style, errors: int
             ) -> list[tuple[int, int]]:
    """(start, units heard differently) of every window matching ``keys`` within ``errors``."""
    n = len(keys)
    found = []
    for i in range(len(units) - n + 1):
        misses = 0
        for j, key in enumerate(keys):
            if not same(units[i + j].key, key, style):
                misses += 1
                if misses > errors or not may_differ(key, style):
                    misses = errors + 1
                    break
        if misses <= errors:
            found.append((i, misses))
    return found


# --- normalising --------------------------------------------------------------------------


def _pieces(text: str, style: Style) -> list[str]:
    """A written word as comparable pieces: characters (zh, ko) or words (en)."""
    text = unicodedata.normalize("NFKC", text).lower().replace("[unk]", " ")
    if style.language == "en":
        text = text.replace("’", "'")
        for short, long in _CONTRACTIONS:
            text = text.replace(short, long)
        text = _DIGITS.sub(lambda m: " " + _english_number(m.group()) + " ", text)
        text = _PUNCT.sub(" ", text.replace("-", " "))
        words = [w.strip("'") for w in text.split() if w.strip("'")]
        return [_SPELLINGS.get(w, w) for w in words]
    if style.language == "zh":
        text = _simplified(text)
        text = _DIGITS.sub(lambda m: _chinese_number(m.group()), text)
    text = _PUNCT.sub("", text)
    return [c for c in text if not c.isspace() and c != "'"]


def _keys(pieces: list[str], style: Style) -> list[str]:
    if style.language != "zh" or style.pinyin == "off" or not pieces:
        return pieces
    return [_readings(piece, style.pinyin == "toned") for piece in pieces]


@lru_cache(maxsize=16384)
def _readings(piece: str, toned: bool) -> str:
    """One character's most common reading, or the character itself when pypinyin has none
    (a Latin letter, a digit left over). Alone, so that the reading never depends on whether
    pypinyin's word dictionary happens to be loaded in this process."""
    from pypinyin import Style as PinyinStyle
    from pypinyin import lazy_pinyin

    tone = PinyinStyle.TONE3 if toned else PinyinStyle.NORMAL
    found = lazy_pinyin(piece, style=tone, errors="ignore", neutral_tone_with_five=True)
    return found[0] if len(found) == 1 and found[0] else piece


@lru_cache(maxsize=1)
def _t2s() -> Any:  # opencc.OpenCC; opencc ships no types
    import opencc

    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    return _t2s().convert(text) if any("\u3400" <= c <= "\u9fff" for c in text) else text


def simplified(text: str) -> str:
    """Traditional characters as simplified (妳 → 你, 發 → 发); other text unchanged."""
    return _simplified(text)


_NUMERALS = "零一二三四五六七八九"


def _chinese_number(digits: str) -> str:
    """Digits as Chinese numerals: digit by digit when they are a code (工号 427 is read
    四二七), as a number otherwise (3 → 三, 15 → 十五, 24 → 二十四). By hand: a number
    here has at most two digits, and a converter library (cn2an) cost 0.27 s of the
    pipeline's time to import at the call's first number, and 4 MB."""
    if len(digits) >= 3 or digits.startswith("0"):
        return "".join(_NUMERALS[int(d)] for d in digits)
    tens, ones = divmod(int(digits), 10)
    return ((_NUMERALS[tens] if tens > 1 else "") + ("十" if tens else "")
            + (_NUMERALS[ones] if ones or not tens else ""))


def _english_number(digits: str) -> str:
    from num2words import num2words

    if len(digits) >= 5 or digits.startswith("0"):
        return " ".join(num2words(int(d)) for d in digits)
    return num2words(int(digits)).replace(" and ", " ")
