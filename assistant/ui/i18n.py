"""The overlay's own words in Chinese and English, from ``resources/i18n/overlay.toml``.

Prompt wording comes from the pack and clause texts from the clause catalogue; this
holds only the overlay's labels. A missing key shows as the key itself, so a gap is
visible in a screenshot instead of crashing the window an agent relies on.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from assistant.conduct.rules.base import render
from assistant.resources import resources_dir


@cache
def _strings(path: Path) -> dict[str, dict[str, str]]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


class Texts:
    def __init__(self, lang: str, path: Path | None = None):
        table = _strings(path or resources_dir() / "i18n" / "overlay.toml")
        self.lang = lang
        self._strings = table.get(lang, {})

    def __call__(self, key: str, **fields: object) -> str:
        text = self._strings.get(key)
        if text is None:
            return key
        return render(text, **fields) if fields else text

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        return self("list.separator").join(items)
