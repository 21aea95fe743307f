"""TOML files that people edit (prompt packs, scenarios): errors that name file, line, field.

A supervisor fixing a pack, or an engineer writing a scenario, should never read a stack
trace: every problem says where (``file:line``), which field, and what is wrong. Arrays of
tables (``[[turn]]``) are numbered, so an error in the fifth turn points at the fifth turn.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Self, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from assistant.ground.reader import say
from assistant.ground.safefile import MiB, Refusal, UnsafeFile, read_bytes

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    field: str
    message: str
    kind: str = ""
    """What is wrong as a value, for a window to word: pydantic's error type
    (``float_parsing``, ``missing``…) or ``unknown_clause``; ``""`` when ``message`` is all."""
    details: tuple[tuple[str, str], ...] = ()
    """The kind's limits and names (``("ge", "0")``, ``("clause", "kf-99")``), as text."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataFileError(Exception):
    """A file could not be loaded; ``problems`` say where and why, one line each."""

    what = "file"

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def at(cls, path: Path, line: int | None, field: str, message: str) -> Self:
        return cls([Problem(path, line, field, message)])


MAX_BYTES = 2 * MiB
"""A pack or scenario is a few kilobytes; anything this large is not one."""
MAX_DEPTH = 32
"""Tables and arrays nested deeper than this are refused before parsing (no pack needs 4)."""

MESSAGES = {
    "missing": {"en": "no such {what} file", "zh": "文件不存在（{what}）"},
    "not_utf8": {"en": "not UTF-8 text (save it as UTF-8): {reason}",
                 "zh": "不是 UTF-8 文本（请另存为 UTF-8）：{reason}"},
    "not_toml": {"en": "not valid TOML: {reason}", "zh": "不是有效的 TOML：{reason}"},
    "too_deep": {"en": "nested more than {depth} levels deep", "zh": "嵌套超过 {depth} 层"},
}


def read_text(path: Path, error: type[DataFileError], limit: int = MAX_BYTES) -> str:
    """A UTF-8 text file (a leading BOM, as Windows Notepad writes, is dropped)."""
    try:
        data = read_bytes(path, limit)
    except UnsafeFile as exc:
        if exc.refusal is Refusal.MISSING:
            raise error.at(path, None, "", say(MESSAGES, "missing", what=error.what)) from None
        raise error.at(path, None, "", str(exc)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error.at(path, None, "", say(MESSAGES, "not_utf8", reason=exc)) from None


def _depth(text: str) -> int:
    """How deep brackets and braces nest outside strings and comments (a cheap upper bound)."""
    depth = deepest = 0
    quote = ""
    comment = False
    for ch in text:
        if comment:
            comment = ch != "\n"
        elif quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            comment = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return deepest


def validate(text: str, path: Path, model: type[M], error: type[DataFileError]
             ) -> tuple[M, dict[tuple[str, ...], int]]:
    """Parse TOML and validate it against ``model``; also return the key → line map."""
    text = text.removeprefix("\ufeff")
    if _depth(text) > MAX_DEPTH:
        raise error.at(path, None, "", say(MESSAGES, "too_deep", depth=MAX_DEPTH))
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise error.at(path, line, "", say(MESSAGES, "not_toml", reason=exc)) from None
    lines = key_lines(text)
    try:
        return model.model_validate(data), lines
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(str(part) for part in err["loc"])
            details = tuple((k, str(v)) for k, v in (err.get("ctx") or {}).items() if k != "error")
            problems.append(Problem(path, nearest_line(lines, loc), ".".join(loc), _message(err),
                                    err["type"], details))
        raise error(problems) from None


def _message(err: ErrorDetails) -> str:
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] == "extra_forbidden":
        return "unknown field (misspelt?)"
    return err["msg"].removeprefix("Value error, ")


def _line_from_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_ARRAY_TABLE = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"']+)\s*=")


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Map each table, array-of-tables entry and key path to its line (1-based)."""
    lines: dict[tuple[str, ...], int] = {}
    counts: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        if match := _ARRAY_TABLE.match(line):
            name = _path(match.group(1))
            index = counts.get(name, 0)
            counts[name] = index + 1
            table = name + (str(index),)
            lines.setdefault(name, number)
            lines[table] = number
        elif match := _TABLE.match(line):
            table = _path(match.group(1))
            lines.setdefault(table, number)
        elif match := _KEY.match(line):
            lines.setdefault(table + (match.group(1).strip("\"'"),), number)
    return lines


def _path(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in dotted.split("."))


def nearest_line(lines: dict[tuple[str, ...], int], loc: tuple[str, ...]) -> int | None:
    """The line of the deepest existing prefix of ``loc`` (a missing key points at its table)."""
    for depth in range(len(loc), 0, -1):
        if loc[:depth] in lines:
            return lines[loc[:depth]]
    return None
