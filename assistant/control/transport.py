"""How control messages travel: a narrow interface, and the Unix-socket transport.

``Transport`` is all the server and client use: ``listen()`` gives a ``Listener`` that
accepts ``Connection``\\ s; ``connect()`` gives one ``Connection``. A Windows named pipe
(``multiprocessing.connection`` with an ``AF_PIPE`` address, or Qt's ``QLocalServer``)
fits the same shape; only the Unix socket is implemented.

Only this user may connect: the socket lives in a 0700 directory of the user's runtime
dir that this user owns, the socket itself is 0600, and the server also checks the peer's
uid (``SO_PEERCRED``) where the system offers it.
"""

from __future__ import annotations

import os
import socket
import stat
import struct
import sys
import warnings
from pathlib import Path
from typing import Protocol

from assistant.control.protocol import MAX_LINE, ControlError, NotRunning

APP_DIR_NAME = "etiquette-assistant"
SOCKET_NAME = "control.sock"
START_HINT = "start it with `assistant`"


class Connection(Protocol):
    def read_line(self) -> bytes:
        """One line without its newline; ``b""`` at end of stream."""

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


def runtime_dir() -> Path:
    """The user's runtime dir for the app (``ASSISTANT_RUNTIME_DIR`` overrides it)."""
    if override := os.environ.get("ASSISTANT_RUNTIME_DIR"):
        return Path(override)
    import platformdirs

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "XDG_RUNTIME_DIR is not set": the fallback is checked
        return Path(platformdirs.user_runtime_dir(APP_DIR_NAME))


def default_transport() -> Transport:
    if sys.platform == "win32":
        raise ControlError("the control channel on Windows (a named pipe) is not implemented "
                           "yet; mark calls from the tray menu meanwhile")
    return UnixTransport(runtime_dir() / SOCKET_NAME)


# --- Unix domain socket ---------------------------------------------------------------------


class _SocketConnection:
    def __init__(self, sock: socket.socket, timeout: float):
        sock.settimeout(timeout)
        self._sock = sock
        self._buffer = b""

    def read_line(self) -> bytes:
        while b"\n" not in self._buffer:
            if len(self._buffer) > MAX_LINE:
                raise ValueError(f"line longer than {MAX_LINE} bytes")
            chunk = self._sock.recv(1024)
            if not chunk:
                line, self._buffer = self._buffer, b""
                return line
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def write(self, data: bytes) -> None:
        self._sock.sendall(data)

    def close(self) -> None:
        self._sock.close()

    def peer_uid(self) -> int | None:
        option = getattr(socket, "SO_PEERCRED", None)
        if option is None:
            return None
        creds = self._sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
        return struct.unpack("3i", creds)[1]


class _SocketListener:
    def __init__(self, sock: socket.socket, path: Path):
        self._sock = sock
        self._path = path
        self._inode = path.stat().st_ino

    def accept(self, timeout: float) -> _SocketConnection | None:
        self._sock.settimeout(timeout)
        try:
            conn, _ = self._sock.accept()
        except TimeoutError:
            return None
        connection = _SocketConnection(conn, timeout=2.0)
        uid = connection.peer_uid()
        if uid is not None and uid != os.getuid():
            connection.close()
            return None
        return connection

    def close(self) -> None:
        self._sock.close()
        try:  # only our own socket: a newer instance may have replaced it
            if self._path.stat().st_ino == self._inode:
                self._path.unlink()
        except OSError:
            pass


class UnixTransport:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.address = str(self.path)

    def listen(self) -> _SocketListener:
        _private_dir(self.path.parent)
        self._check_length()
        if self.path.exists() or self.path.is_symlink():
            self._remove_stale()
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.bind(self.address)
            os.chmod(self.address, 0o600)
            sock.listen(8)
        except OSError as exc:
            sock.close()
            raise ControlError(f"cannot open the control socket {self.address}: {exc}") from None
        return _SocketListener(sock, self.path)

    def connect(self, timeout: float) -> _SocketConnection:
        if not self.path.exists():
            raise NotRunning(f"the assistant is not running (no control socket at "
                             f"{self.address}); {START_HINT}")
        self._check_length()
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(self.address)
        except (ConnectionRefusedError, FileNotFoundError):
            sock.close()
            raise NotRunning(f"the assistant is not running (the control socket at "
                             f"{self.address} is left over from an earlier run); "
                             f"{START_HINT}") from None
        except OSError as exc:
            sock.close()
            raise ControlError(f"cannot reach the assistant at {self.address}: {exc}") from None
        return _SocketConnection(sock, timeout)

    def _remove_stale(self) -> None:
        """A socket nobody answers on is left from a crash; one that answers is in use."""
        try:
            self.connect(timeout=0.5).close()
        except NotRunning:
            self.path.unlink(missing_ok=True)
            return
        except ControlError:
            pass
        raise ControlError(f"the assistant is already running (control socket {self.address});"
                           " quit it from its tray icon first")

    def _check_length(self) -> None:
        if len(os.fsencode(self.address)) > 100:
            raise ControlError(f"the control socket path is too long for a Unix socket: "
                               f"{self.address}; set ASSISTANT_RUNTIME_DIR to a shorter folder")


def _private_dir(folder: Path) -> None:
    """Create ``folder`` 0700, or accept it only if this user owns it and no one else can
    enter it: a runtime dir under /tmp could have been made by someone else first."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError as exc:
        raise ControlError(f"cannot create the runtime folder {folder}: {exc}") from None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise ControlError(f"{folder} is not a plain folder; remove it and start again")
    if info.st_uid != os.getuid():
        raise ControlError(f"{folder} belongs to another user; remove it or set "
                           "ASSISTANT_RUNTIME_DIR to a folder of yours")
    if stat.S_IMODE(info.st_mode) & 0o077:
        try:
            os.chmod(folder, 0o700)
        except OSError as exc:
            raise ControlError(f"cannot make {folder} private (mode 0700): {exc}") from None


__all__ = ["Connection", "Listener", "Transport", "UnixTransport", "default_transport",
           "runtime_dir"]
