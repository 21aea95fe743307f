"""The command line's help, headings, usage and parse errors in the reader's language.

The language is chosen like the terminal's other words: ``--ui-lang``, else the locale
(``assistant.ground.terminal.terminal_lang``). argparse asks ``gettext`` for its own words
("usage:", "options", "the following arguments are required"); while the command line is
built and parsed, those requests are answered from :mod:`assistant.cli.help_zh`, and every
help text the parsers were given in English is replaced by its Chinese. argparse's gettext
route proper would need a process-wide text domain and the ``LANGUAGE`` variable set for
``--ui-lang``; answering its two hooks for the length of the parse touches nothing else.
"""

from __future__ import annotations

import argparse
import gettext
from collections.abc import Iterator
from contextlib import contextmanager

from assistant.cli.help_zh import ARGPARSE, HELP, PLURALS


class _Chinese(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return ARGPARSE.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        if msgid1 in PLURALS:
            return PLURALS[msgid1][0 if n == 1 else 1]
        return msgid1 if n == 1 else msgid2


@contextmanager
def argparse_language(lang: str) -> Iterator[None]:
    """argparse's own words in ``lang`` for the length of the block (English: unchanged)."""
    if lang != "zh":
        yield
        return
    words = _Chinese()
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = words.gettext, words.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def word_help(parser: argparse.ArgumentParser, lang: str) -> None:
    """Every help text and description of ``parser`` and its sub-commands in ``lang``."""
    if lang != "zh":
        return
    for item, attribute in _texts(parser):
        text = getattr(item, attribute)
        setattr(item, attribute, HELP.get(text) or ARGPARSE.get(text, text))


def help_texts(parser: argparse.ArgumentParser) -> list[str]:
    """The English help texts and descriptions of ``parser``, sub-commands included."""
    return [getattr(item, attribute) for item, attribute in _texts(parser)]


def _texts(parser: argparse.ArgumentParser) -> Iterator[tuple[object, str]]:
    seen: set[int] = set()

    def walk(p: argparse.ArgumentParser) -> Iterator[tuple[object, str]]:
        if id(p) in seen:
            return
        seen.add(id(p))
        if p.description:
            yield p, "description"
        for action in p._actions:
            if action.help and action.help != argparse.SUPPRESS:
                yield action, "help"
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    if choice.help:
                        yield choice, "help"
                for sub in action.choices.values():
                    yield from walk(sub)

    return walk(parser)
