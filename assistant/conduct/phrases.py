"""Turn recogniser text into phrase hits from the pack's phrase lists.

Grammar output (vosk restricted to the phrase lists) is compared exactly: it can only be a
phrase. Free and Whisper text is compared tolerantly (:mod:`assistant.conduct.tolerant`),
as far as the pack's ``[matching]`` allows. A match never spans two transcripts, so never
two speakers. A forbidden phrase inside one of its pack's ``[[wording]]`` exceptions
(不可能 in 这种情况以后不可能再发生了) is no hit.

Partial results are matched too, so a phrase prompt can land within about a second of the
words; each occurrence is reported once per utterance, however many partials repeat it: the
same phrase at the same place in the text, or a phrase of the same kind heard over the same
words (a later partial that decoded the sentence again, "将您就等了" then "让您久等了", or
the final after a partial that heard "miungpai" for 明白, is the same occurrence, not a
second prompt). Every hit quotes the words heard and when they ended.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.conduct.pack import Matching, Phrases, Wording
from assistant.conduct.tolerant import Style, Unit, find, phrase_keys, units_of_text, units_of_words
from assistant.ground.events import Channel, PhraseHit, Transcript


def normalise(text: str, language: str) -> str:
    """Comparable form of grammar text or a phrase (spaces dropped for zh/ko; English padded
    so that phrases match whole words only)."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("[unk]", " ")
    text = re.sub(r"[^\w\s']", " ", text)
    if language == "en":
        return " " + " ".join(text.split()) + " "
    return "".join(text.split())


@dataclass(frozen=True)
class _Entry:
    kind: str
    phrase: str
    exact: tuple[str, ...]
    tolerant: tuple[str, ...]
    unless: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()


class PhraseMatcher:
    def __init__(self, phrases: Phrases, language: str, matching: Matching | None = None,
                 wording: Sequence[Wording] = ()):
        matching = matching or Matching()
        self._language = language
        self._exact = Style(language)
        self._tolerant = Style(language, matching.pinyin if language == "zh" else "off",
                               matching.word_similarity if language == "en" else 1.0)
        self._matching = matching
        contexts = {w.phrase: w.unless for w in wording}
        entries = []
        for kind, values in phrases.items():
            for phrase in values:
                exact = phrase_keys(phrase, self._exact)
                if not exact:
                    continue
                unless = tuple((phrase_keys(u, self._exact), phrase_keys(u, self._tolerant))
                               for u in contexts.get(phrase, ())
                               if kind in ("forbidden", "negative"))
                entries.append(_Entry(kind, phrase, exact, phrase_keys(phrase, self._tolerant),
                                      unless))
        self._entries = sorted(entries, key=lambda e: -len(e.exact))
        self._emitted: dict[Channel, dict[tuple[str, int], int]] = {}
        self._heard: dict[Channel, list[tuple[str, float, float]]] = {}
        """Per channel, the (kind, start, end) of each hit since the utterance began."""

    def match(self, transcript: Transcript) -> list[PhraseHit]:
        style = self._exact if transcript.grammar else self._tolerant
        units = units_of_words(transcript.words, style) if transcript.words \
            else units_of_text(transcript.text, transcript.t, style)
        if transcript.words and not units:
            units = units_of_text(transcript.text, transcript.t, style)
        emitted = self._emitted.setdefault(transcript.channel, {})
        spans = self._heard.setdefault(transcript.channel, [])
        hits = []
        for entry, first, end in self._spans(units, transcript.grammar):
            key = (entry.phrase, first)
            heard = units[first:end]
            t0, t1 = heard[0].t0, heard[-1].t1
            if key in emitted or any(kind == entry.kind and s < t1 and t0 < e
                                     for kind, s, e in spans):
                continue
            emitted[key] = end
            spans.append((entry.kind, t0, t1))
            hits.append(PhraseHit(transcript.channel, t1, entry.kind, entry.phrase,
                                  heard=_quote(heard, self._language), t0=t0))
        if transcript.final:
            emitted.clear()
            spans.clear()
        return sorted(hits, key=lambda h: h.t)

    def _errors(self, keys: tuple[str, ...], exact: bool) -> int:
        if exact or len(keys) < self._matching.min_tolerant:
            return 0
        return int(len(keys) * self._matching.errors)

    def _find(self, exact_keys: tuple[str, ...], tolerant_keys: tuple[str, ...],
              units: list[Unit], exact: bool, context: bool = False) -> list[tuple[int, int]]:
        """Where a phrase is; a forbidden phrase's ``context`` sounds alike but has every
        word ("i don't know why" is not "i don't know if")."""
        keys = exact_keys if exact else tolerant_keys
        # a one-word phrase is the word itself ("goodbyes" is not "goodbye")
        style = self._exact if exact or (len(keys) == 1 and self._language == "en") \
            else self._tolerant
        return find(keys, units, style, 0 if context else self._errors(keys, exact))

    def _spans(self, units: list[Unit], exact: bool) -> list[tuple[_Entry, int, int]]:
        taken: dict[str, list[tuple[int, int]]] = {}
        found = []
        for entry in self._entries:
            excused = [span for exact_keys, tolerant_keys in entry.unless
                       for span in self._find(exact_keys, tolerant_keys, units, exact, True)]
            for first, end in self._find(entry.exact, entry.tolerant, units, exact):
                spans = taken.setdefault(entry.kind, [])
                if any(s <= first and end <= e for s, e in spans):
                    continue
                if any(s < end and first < e for s, e in excused):
                    continue
                spans.append((first, end))
                found.append((entry, first, end))
        return found


def _quote(units: list[Unit], language: str) -> str:
    """The recogniser's words the matched units came from, as written."""
    words = [u.text for i, u in enumerate(units) if i == 0 or u.word != units[i - 1].word]
    joined = (" " if language == "en" else "").join(words)
    return joined.strip("".join(c for c in set(joined) if unicodedata.category(c)[0] == "P"))
