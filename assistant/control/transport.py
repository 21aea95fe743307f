"""How control messages travel: the narrow interface every transport fits.

``Transport`` is all the server and client use: ``listen()`` gives a ``Listener`` that
accepts ``Connection``\\ s; ``connect()`` gives one ``Connection``. Two implementations:

``assistant.control.local.default_transport()`` picks the one for this system:

* ``UnixTransport`` (Linux, macOS; ``assistant.control.unix``): a Unix socket in a 0700
  folder of the user's runtime dir, 0600, the peer's uid checked.
* ``PipeTransport`` (Windows; ``assistant.control.pipe``): a named pipe through
  ``multiprocessing.connection``, with a per-run secret that only this user can read and
  that both ends must prove before any command is read.

Every connection the server accepts carries a deadline: a client has
``CLIENT_DEADLINE_S`` in all to send its command, however it dribbles the bytes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from assistant.control.protocol import MAX_LINE

START_HINT = "start it with `assistant`"
CLIENT_DEADLINE_S = 2.0
"""How long the server gives one client, from accepting it to its last line."""


class LineTooLong(ValueError):
    """A client sent more than ``MAX_LINE`` bytes without a newline."""


class Connection(Protocol):
    def read_line(self) -> bytes:
        """One line without its newline; ``b""`` at end of stream. ``TimeoutError`` past
        the connection's deadline, ``LineTooLong`` past ``MAX_LINE`` bytes."""

    def write(self, data: bytes) -> None: ...

    def close(self) -> None: ...


class Listener(Protocol):
    def accept(self, timeout: float) -> Connection | None:
        """The next client, or ``None`` after ``timeout`` seconds."""

    def close(self) -> None: ...


class Transport(Protocol):
    address: str

    def listen(self) -> Listener: ...

    def connect(self, timeout: float) -> Connection: ...


class LineBuffer:
    """Bytes in, lines out, whatever the chunks: shared by every transport so a line means
    the same on a socket and on a pipe. ``receive(timeout)`` returns the next chunk, never
    empty but at end of stream; it is given the time left before ``deadline``."""

    def __init__(self, receive: Callable[[float], bytes], deadline: float | None = None):
        self._receive = receive
        self._buffer = b""
        self.deadline = deadline

    def read_line(self) -> bytes:
        """The next non-empty line (a blank line is no command and no hang-up)."""
        while True:
            while b"\n" not in self._buffer:
                if len(self._buffer) > MAX_LINE:
                    self._buffer = b""
                    raise LineTooLong(f"line longer than {MAX_LINE} bytes")
                chunk = self._receive(self.time_left())
                if not chunk:
                    line, self._buffer = self._buffer, b""
                    return line
                self._buffer += chunk
            line, _, self._buffer = self._buffer.partition(b"\n")
            if len(line) > MAX_LINE:
                raise LineTooLong(f"line longer than {MAX_LINE} bytes")
            if line:
                return line

    def time_left(self) -> float:
        if self.deadline is None:
            return 3600.0
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the client took too long to send its command")
        return left


__all__ = ["CLIENT_DEADLINE_S", "Connection", "LineBuffer", "LineTooLong", "Listener",
           "Transport"]
