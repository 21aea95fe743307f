"""Why a pack was refused or the recording stopped, in the overlay's language and short.

The core says why in English sentences written for logs and administrators, with full
paths (``refused /mnt/packs/floor-2.2.toml: tampered pack: …``, ``the disk is full
(/home/…/sessions); free some space``). The overlay is small and may be in Chinese: it
names the kind of problem in its own words and the file by its name only. Anything not
recognised is shown as it came (a pack problem without folders), so nothing is hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Words = Callable[..., str]
"""A ``Texts``: ``words(key, **fields)``; returns the key itself when it has no words."""

_FOLDERS = re.compile(r"(?:[A-Za-z]:)?[\\/](?:[^\\/\s:()]+[\\/])+(?=[^\\/\s:()])")

_PACK_KINDS = (
    ("unsigned", re.compile(r"unsigned pack")),
    ("tampered", re.compile(r"tampered pack")),
    ("untrusted", re.compile(r"signed by an untrusted key")),
    ("unreadable", re.compile(r"cannot read the pack")),
    ("invalid", re.compile(r"not a valid pack|not UTF-8")),
)
_REFUSED = re.compile(r"^refused (?:\(signed, but not a valid pack\) )?(?P<file>.+?\.toml)\b")
_UNREACHABLE = re.compile(r"managed pack folder .* cannot be reached")
_NO_KEY = re.compile(r"no trusted signing key is installed")

_RECORDING_KINDS = (
    ("disk_full", re.compile(r"disk is full")),
    ("not_writable", re.compile(r"cannot write to|read-only")),
)


def short(text: str) -> str:
    """``text`` with folders left out of every path (``/mnt/packs/a.toml`` → ``a.toml``)."""
    return _FOLDERS.sub("", text.strip())


def pack_reason(problem: str, words: Words) -> str:
    """The first reason in a roll-out problem. Its heading ("keeping pack …") is what the
    banner's own sentence already says, so the reason is the line after it."""
    lines = [line.strip() for line in problem.strip().splitlines() if line.strip()]
    line = lines[1] if len(lines) > 1 else lines[0] if lines else ""
    if _UNREACHABLE.search(line):
        return _or(words, "status.pack.unreachable", line)
    if _NO_KEY.search(line):
        return _or(words, "status.pack.no_key", line)
    refused = _REFUSED.match(line)
    for kind, pattern in _PACK_KINDS:
        if refused and pattern.search(line):
            return _or(words, f"status.pack.{kind}", line, file=short(refused["file"]))
    return short(line)


def recording_reason(problem: str, words: Words) -> str:
    for kind, pattern in _RECORDING_KINDS:
        if pattern.search(problem):
            return _or(words, f"status.recording.{kind}", problem, keep_folders=True)
    return problem  # unknown: the whole sentence, its path may be what an administrator needs


def _or(words: Words, key: str, original: str, keep_folders: bool = False,
        **fields: str) -> str:
    said = words(key, **fields)
    if said != key:
        return said
    return original if keep_folders else short(original)
