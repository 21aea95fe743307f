"""The reader's language for messages printed outside the windows (CLI, loaders).

Windows follow the app's setting (a window words what it loads inside ``reading_in(lang)``);
text printed to a terminal follows ``ASSISTANT_UI_LANG`` (set by ``--ui-lang``), then the
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``): Chinese for a ``zh*`` locale, English otherwise. Each module keeps its messages in one table
``{key: {"en": ..., "zh": ...}}`` and words them with :func:`say`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("zh", "en")

_window_language: ContextVar[str | None] = ContextVar("window_language", default=None)


@contextmanager
def reading_in(lang: str) -> Iterator[None]:
    """Messages worded inside the block are in ``lang``: a window's language, not the
    terminal's (this thread only)."""
    token = _window_language.set(lang if lang in LANGUAGES else None)
    try:
        yield
    finally:
        _window_language.reset(token)


def reader_language() -> str:
    if window := _window_language.get():
        return window
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
