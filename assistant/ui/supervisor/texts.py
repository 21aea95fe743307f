"""The editor's own words (``strings.toml`` beside this module), zh and en; also the words
the agent's settings window uses for roll-out (locked settings, the managed pack)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from assistant.ui.i18n import Texts

STRINGS = Path(__file__).with_name("strings.toml")


@cache
def _keys(lang: str) -> frozenset[str]:
    return frozenset(tomllib.loads(STRINGS.read_text(encoding="utf-8")).get(lang, {}))


class SupervisorTexts(Texts):
    def __init__(self, lang: str):
        super().__init__(lang, STRINGS)

    def field(self, path: tuple[str, ...]) -> str:
        """A field's label: ``field.<table>.<name>`` if given, else ``field.<name>``."""
        specific = f"field.{path[-2]}.{path[-1]}" if len(path) > 1 else ""
        return self(specific if specific in _keys(self.lang) else f"field.{path[-1]}")
