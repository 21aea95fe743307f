"""The replay window's words: its own (``strings.toml`` beside this file), then the overlay's.

Phase, rule and pace words are shared with the overlay so the two never disagree. Each key
is looked up in the one table that has it, so neither reports the other's keys as missing;
a key in neither shows as itself, so a gap is visible rather than fatal.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from assistant.ui.i18n import Texts

STRINGS = Path(__file__).with_name("strings.toml")


@cache
def own_keys(lang: str) -> frozenset[str]:
    table = tomllib.loads(STRINGS.read_text(encoding="utf-8"))
    return frozenset(table.get(lang, {}))


class ReplayTexts:
    def __init__(self, lang: str):
        self.lang = lang
        self._own = Texts(lang, STRINGS)
        self._overlay = Texts(lang)
        self._keys = own_keys(lang)

    def __call__(self, key: str, **fields: object) -> str:
        return (self._own if key in self._keys else self._overlay)(key, **fields)

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        return self._overlay.join(items)


def replay_texts(lang: str) -> ReplayTexts:
    return ReplayTexts(lang)
