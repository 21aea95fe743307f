"""The replay window's words: its own (context ``replay`` of the translation catalogue),
then the overlay's.

Phase, rule and pace words are shared with the overlay so the two never disagree. Each key
is looked up in the one context that has it, so neither reports the other's keys as
missing; a key in neither shows as itself, so a gap is visible rather than fatal.
"""

from __future__ import annotations

from assistant.ui.i18n import Texts


class ReplayTexts:
    def __init__(self, lang: str):
        self.lang = lang
        self._own = Texts(lang, "replay")
        self._overlay = Texts(lang)

    def __call__(self, key: str, **fields: object) -> str:
        return (self._own if key in self._own else self._overlay)(key, **fields)

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        return self._overlay.join(items)


def replay_texts(lang: str) -> ReplayTexts:
    return ReplayTexts(lang)
