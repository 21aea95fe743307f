"""Pack versions (``[pack] version = "1.4"`` / ``"1.4.2"``): ordering and bumping.

Agents never go back to a lower version than one they have already accepted (a stale or
replayed copy on the share must not undo a roll-out), so every export needs a higher
version; bumping edits only the version line, keeping the rest of the file as written.
"""

from __future__ import annotations

import re

from assistant.ground.datafile import key_lines

_VERSION_LINE = re.compile(r'^(\s*version\s*=\s*)(["\'])([^"\']*)\2(.*)$')


def version_key(version: str) -> tuple[int, int, int]:
    parts = [int(p) for p in version.split(".")] + [0, 0]
    return parts[0], parts[1], parts[2]


def bumped(version: str) -> str:
    """``1.4`` → ``1.5``, ``1.4.2`` → ``1.4.3``."""
    parts = version.split(".")
    parts[-1] = str(int(parts[-1]) + 1)
    return ".".join(parts)


def with_version(text: str, version: str) -> str:
    """The pack text with its ``[pack] version`` line set to ``version``."""
    line = key_lines(text).get(("pack", "version"))
    lines = text.splitlines(keepends=True)
    if line is None or not (match := _VERSION_LINE.match(lines[line - 1].rstrip("\r\n"))):
        raise ValueError("the pack has no [pack] version line to update")
    ending = lines[line - 1][len(lines[line - 1].rstrip("\r\n")):]
    lines[line - 1] = f'{match.group(1)}"{version}"{match.group(4)}{ending}'
    return "".join(lines)
