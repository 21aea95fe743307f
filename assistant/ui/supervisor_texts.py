"""The editor's own words (context ``supervisor`` of the translation catalogue), zh and en;
also the words the agent's settings window uses for roll-out (locked settings, the managed
pack)."""

from __future__ import annotations

from assistant.ui.i18n import Texts


class SupervisorTexts(Texts):
    def __init__(self, lang: str):
        super().__init__(lang, "supervisor")

    def field(self, path: tuple[str, ...]) -> str:
        """A field's label: ``field.<table>.<name>`` if given, else ``field.<name>``."""
        specific = f"field.{path[-2]}.{path[-1]}" if len(path) > 1 else ""
        return self(specific if specific in self else f"field.{path[-1]}")

    def problem(self, kind, english: str) -> str:
        """A draft's error (``PackDraft.error_kind``) in this language; the English one
        when the catalogue has no words for its kind."""
        key = f"error.{kind.type}" if kind is not None else ""
        return self(key, **kind.fields) if key and key in self else english
