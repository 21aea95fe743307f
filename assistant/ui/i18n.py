"""The UI's own words in Chinese and English, through Qt's translation catalogue.

Prompt wording comes from the pack and clause texts from the clause catalogue; this holds
only the windows' labels. The words live in ``resources/i18n/assistant_<locale>.ts`` (Qt
Linguist files), compiled to ``.qm`` and read with one ``QTranslator`` per language, which is
asked directly (``translate(context, key)``) rather than installed on the application: so
two languages can be on screen in one process and a window switches language live by
building a new ``Texts``. Keys, by context, are listed in ``assistant.ui.strings``.

A missing key shows as the key itself, so a gap is visible in a screenshot instead of
crashing the window an agent relies on; ``MISSING`` collects such gaps for the tests.
A string table not yet moved into the catalogue (a TOML file with [zh] and [en] tables,
see ``packaging/i18n/catalogue.py convert``) is still read from its path.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from PySide6.QtCore import QTranslator

import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)
from assistant.conduct.rules.base import render
from assistant.ground.resources import resources_dir
from assistant.ground.translations import LOCALES
from assistant.ui.strings import KEYS

MISSING: set[tuple[str, str, str]] = set()
"""(language, context, key) looked up but not translated: empty in a complete catalogue."""


def catalogue_path(lang: str) -> Path:
    return resources_dir() / "i18n" / f"assistant_{LOCALES.get(lang, lang)}.qm"


_CATALOGUES: dict[str, bytes] = {}
"""The bytes each translator reads: Qt does not copy them, so they live as long as it."""


@cache
def translator(lang: str) -> QTranslator | None:
    """The compiled catalogue of ``lang``, or ``None`` when there is none for it.

    Read into memory rather than loaded from its path: ``QTranslator.load(path)`` maps the
    file, and a catalogue rewritten in place while the app runs (``lrelease`` does that; so
    may an update of the installed app) would crash every later lookup with a bus error."""
    try:
        data = catalogue_path(lang).read_bytes()
    except OSError:
        return None
    loaded = QTranslator()
    if not loaded.load(data):
        return None
    _CATALOGUES[lang] = data
    return loaded


def context_for(table: str | Path) -> str:
    """A table's translation context: its name, or for a TOML path the file's stem (the
    folder's name for ``strings.toml``), which is the context the converter gives it."""
    if isinstance(table, Path):
        return table.parent.name if table.stem == "strings" else table.stem
    return table


@cache
def _toml_table(path: Path) -> dict[str, dict[str, str]]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


class Texts:
    """The words of one context (``"overlay"``, ``"app"``…) in one language."""

    def __init__(self, lang: str, table: str | Path = "overlay"):
        self.lang = lang
        self.context = context_for(table)
        self._translator = translator(lang) if self.context in KEYS else None
        self._legacy: dict[str, str] = {}
        if self.context not in KEYS and isinstance(table, Path) and table.is_file():
            self._legacy = _toml_table(table).get(lang, {})

    def __call__(self, key: str, **fields: object) -> str:
        text = self._lookup(self._counted(key, fields))
        if text is None:
            MISSING.add((self.lang, self.context, key))
            return key
        return render(text, **fields) if fields else text

    def __contains__(self, key: str) -> bool:
        """Whether this table has ``key`` (in the catalogue or, not yet moved, its TOML)."""
        if self.context in KEYS:
            return key in KEYS[self.context]
        return key in self._legacy

    def _counted(self, key: str, fields: dict[str, object]) -> str:
        """``key.one`` when a count among ``fields`` is 1 and the catalogue words that case
        ("1 prompt", not "1 prompts"); else ``key``."""
        one = f"{key}.one"
        if self.context in KEYS and one in KEYS[self.context] \
                and any(type(v) is int and v == 1 for v in fields.values()):
            return one
        return key

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        return self("list.separator").join(items)

    def _lookup(self, key: str) -> str | None:
        if self._translator is not None:
            return self._translator.translate(self.context, key) or None
        return self._legacy.get(key)
