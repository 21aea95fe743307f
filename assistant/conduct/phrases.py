"""Turn recogniser text into phrase hits from the pack's phrase lists.

Partial results are matched too, so a phrase prompt can land within about a second of the
words; each occurrence is reported once per utterance, however many partials repeat it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.conduct.pack import Phrases
from assistant.core.events import Channel, PhraseHit, Transcript


def normalise(text: str, language: str) -> str:
    """Comparable form of recogniser text or a phrase.

    Chinese and Korean recognisers put spaces between words that the phrase lists write
    together, so spaces go; English keeps single spaces and gets padded so that phrases
    match whole words only.
    """
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
    key: str


class PhraseMatcher:
    def __init__(self, phrases: Phrases, language: str):
        self._language = language
        entries = [
            _Entry(kind, phrase, normalise(phrase, language).strip() if language != "en"
                   else normalise(phrase, language))
            for kind, values in phrases.items()
            for phrase in values
        ]
        self._entries = sorted((e for e in entries if e.key.strip()), key=lambda e: -len(e.key))
        self._emitted: dict[Channel, dict[tuple[str, int], int]] = {}

    def match(self, transcript: Transcript) -> list[PhraseHit]:
        text = normalise(transcript.text, self._language)
        spans = self._spans(text)
        emitted = self._emitted.setdefault(transcript.channel, {})
        hits = []
        for entry, start, end in spans:
            key = (entry.phrase, start)
            if key in emitted:
                continue
            emitted[key] = end
            hits.append(
                PhraseHit(transcript.channel, self._time_of(transcript, text, end), entry.kind,
                          entry.phrase)
            )
        if transcript.final:
            emitted.clear()
        return sorted(hits, key=lambda h: h.t)

    def _spans(self, text: str) -> list[tuple[_Entry, int, int]]:
        taken: dict[str, list[tuple[int, int]]] = {}
        found = []
        for entry in self._entries:
            start = text.find(entry.key)
            while start >= 0:
                end = start + len(entry.key)
                spans = taken.setdefault(entry.kind, [])
                if not any(s <= start and end <= e for s, e in spans):
                    spans.append((start, end))
                    found.append((entry, start, end))
                start = text.find(entry.key, start + 1)
        return found

    def _time_of(self, transcript: Transcript, text: str, end: int) -> float:
        """Audio time at which the phrase's last character was spoken, from word times."""
        if not transcript.words:
            return transcript.t
        position = 0
        for word in transcript.words:
            position += len(normalise(word.text, self._language).strip())
            if self._language == "en":
                position += 1
            if position >= end - (1 if self._language == "en" else 0):
                return word.t1
        return transcript.words[-1].t1
