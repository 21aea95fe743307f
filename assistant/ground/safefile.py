"""Reading a file someone else chose, safely; writing a file whole or not at all.

A pack in a shared folder can be a symlink to ``/dev/zero``, a recording can be a FIFO, a
"pack" can be 240 MB. Every reader of user-chosen files goes through :func:`read_bytes` (or
:func:`check_regular` before handing the path to a library), which refuses devices, FIFOs,
sockets and folders and files over a limit, with a reason that says which.

Every file that someone may be reading while it is written (a pack on the share, the cached
last good pack, a report, the control channel's key) is written by :func:`write_atomically`.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import BinaryIO

from assistant.ground.reader import reader_language, say

MiB = 1024 * 1024
SHARED = 0o644
"""The mode of a file others read (a pack on the share, a trusted key, the policy)."""


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
        super().__init__(say(MESSAGES, refusal.value, None, **details))


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



@contextmanager
def atomic_file(path: Path, *, mode: int = 0o600, make_parents: bool = False) -> Iterator[BinaryIO]:
    """A binary file that becomes ``path`` whole when the block ends, or not at all: a
    reader sees the old content or the new, never half of it. The temporary file sits
    beside ``path`` (a rename is atomic only within one file system) and is private until
    it gets ``mode``. ``OSError`` says why it failed; nothing is left behind."""
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomically(path: Path, data: bytes | str, *, mode: int = 0o600,
                     make_parents: bool = False) -> None:
    """:func:`atomic_file` with ``data`` (text as UTF-8, its line endings as given)."""
    with atomic_file(path, mode=mode, make_parents=make_parents) as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
