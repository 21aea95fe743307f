"""The reader's language for messages printed outside the windows (CLI, loaders).

Windows follow the app's setting; text printed to a terminal follows ``ASSISTANT_UI_LANG``
(set by ``--ui-lang``), then the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``): Chinese for a
``zh*`` locale, English otherwise. Each module keeps its messages in one table
``{key: {"en": ..., "zh": ...}}`` and words them with :func:`say`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("zh", "en")


def reader_language() -> str:
    chosen = os.environ.get("ASSISTANT_UI_LANG", "")
    if chosen in LANGUAGES:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def say(table: Mapping[str, Mapping[str, str]], key: str, lang: str | None = None,
        **fields: object) -> str:
    """The message ``key`` of ``table`` in ``lang`` (default: the reader's), fields filled."""
    texts = table[key]
    text = texts.get(lang or reader_language()) or texts["en"]
    return text.format(**fields) if fields else text
