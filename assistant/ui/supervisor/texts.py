"""The editor's own words (``strings.toml`` beside this module), zh and en."""

from __future__ import annotations

from pathlib import Path

from assistant.ui.i18n import Texts

STRINGS = Path(__file__).with_name("strings.toml")


class SupervisorTexts(Texts):
    def __init__(self, lang: str):
        super().__init__(lang, STRINGS)

    def field(self, path: tuple[str, ...]) -> str:
        """A field's label: ``field.<table>.<name>`` if given, else ``field.<name>``."""
        specific = f"field.{path[-2]}.{path[-1]}" if len(path) > 1 else ""
        text = self(specific) if specific else specific
        return text if text != specific else self(f"field.{path[-1]}")
