"""A data file's problems (``file:line: field: what``) in the reader's language, for the
terminal: each problem of a known kind is worded by the editor's own catalogue
(``error.<kind>`` in the Qt catalogue, read without Qt), so the terminal and the pack
editor say the same thing. English keeps the loader's words; a kind the catalogue does not
know keeps them too."""

from __future__ import annotations

from dataclasses import replace

from assistant.ground.datafile import DataFileError, Problem
from assistant.ground.reader import reader_language
from assistant.ground.translations import words


def problem_text(problem: Problem, lang: str | None = None) -> str:
    lang = lang or reader_language()
    if lang == "en" or not problem.kind:
        return str(problem)
    text = words(lang, "supervisor").get(f"error.{problem.kind}")
    if text is None:
        return str(problem)
    try:
        message = text.format(**dict(problem.details))
    except (KeyError, IndexError, ValueError):
        return str(problem)
    return str(replace(problem, message=message))


def problems_text(error: DataFileError, lang: str | None = None) -> str:
    """One problem a line, as ``str(error)`` has them, worded in ``lang``."""
    return "\n".join(problem_text(p, lang) for p in error.problems)
