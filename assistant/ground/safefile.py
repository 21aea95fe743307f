"""Reading a file someone else chose: only regular files, only up to a size, never hanging.

A pack in a shared folder can be a symlink to ``/dev/zero``, a recording can be a FIFO, a
"pack" can be 240 MB. Every reader of user-chosen files goes through :func:`read_bytes` (or
:func:`check_regular` before handing the path to a library), which refuses devices, FIFOs,
sockets and folders and files over a limit, with a reason that says which.
"""

from __future__ import annotations

import os
import stat
from enum import Enum
from pathlib import Path

from assistant.ground.reader import reader_language, say

MiB = 1024 * 1024


class Refusal(Enum):
    MISSING = "missing"
    NOT_REGULAR = "not_regular"
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"


MESSAGES = {
    "missing": {"en": "no such file", "zh": "文件不存在"},
    "not_regular": {"en": "not a regular file ({kind}): refused",
                    "zh": "不是普通文件（{kind}），已拒绝"},
    "too_large": {"en": "too large ({size:.1f} MB; at most {limit:.1f} MB)",
                  "zh": "文件过大（{size:.1f} MB；最多 {limit:.1f} MB）"},
    "unreadable": {"en": "cannot read it: {reason}", "zh": "无法读取：{reason}"},
}
_KINDS = ((stat.S_ISDIR, "folder"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"),
          (stat.S_ISFIFO, "pipe"), (stat.S_ISSOCK, "socket"))
KIND_WORDS = {"folder": "文件夹", "device": "设备", "pipe": "管道", "socket": "套接字",
              "special": "特殊文件"}
"""The kinds in Chinese (the English message uses the kind's own name)."""


class UnsafeFile(OSError):
    """A file that was not read; ``refusal`` is the kind, ``str()`` the reader's words."""

    def __init__(self, path: Path, refusal: Refusal, **details: object):
        self.path, self.refusal, self.details = path, refusal, details
        super().__init__(say(MESSAGES, refusal.value, **details))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "special")


def _check(path: Path, st: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(st.st_mode):
        kind = _kind(st.st_mode)
        if reader_language() == "zh":
            kind = KIND_WORDS[kind]
        raise UnsafeFile(path, Refusal.NOT_REGULAR, kind=kind)
    if st.st_size > limit:
        raise UnsafeFile(path, Refusal.TOO_LARGE, size=st.st_size / MiB, limit=limit / MiB)


def check_regular(path: Path, limit: int) -> None:
    """Raise :class:`UnsafeFile` unless ``path`` (symlinks followed) is a regular file ≤ limit."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise UnsafeFile(path, Refusal.MISSING) from None
    except OSError as exc:
        raise UnsafeFile(path, Refusal.UNREADABLE, reason=exc.strerror or exc) from None
    _check(path, st, limit)


def read_bytes(path: Path, limit: int) -> bytes:
    """The content of a regular file of at most ``limit`` bytes; never blocks on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UnsafeFile(path, Refusal.MISSING) from None
    except OSError as exc:
        raise UnsafeFile(path, Refusal.UNREADABLE, reason=exc.strerror or exc) from None
    try:
        _check(path, os.fstat(fd), limit)
    except UnsafeFile:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:  # grew while we read
        raise UnsafeFile(path, Refusal.TOO_LARGE, size=len(data) / MiB, limit=limit / MiB)
    return data
