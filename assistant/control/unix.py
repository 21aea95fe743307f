"""The control channel on Linux and macOS: a Unix socket that only this user can reach.

The socket lives in a 0700 folder of the user's runtime dir that this user owns, the
socket itself is 0600, and the server also checks the peer's uid (``SO_PEERCRED``) where
the system offers it.
"""

from __future__ import annotations

import os
import socket
import stat
import struct
import time
from pathlib import Path

from assistant.control.protocol import ControlError, NotRunning
from assistant.control.transport import CLIENT_DEADLINE_S, START_HINT, LineBuffer

SOCKET_NAME = "control.sock"
BACKLOG = 64
"""Clients waiting to be accepted while every serving slot is busy."""


class _SocketConnection:
    def __init__(self, sock: socket.socket, deadline: float | None, timeout: float):
        self._sock = sock
        self._timeout = timeout
        self._lines = LineBuffer(self._receive, deadline)
        sock.settimeout(timeout)

    def _receive(self, time_left: float) -> bytes:
        self._sock.settimeout(min(self._timeout, time_left))
        return self._sock.recv(1024)

    def read_line(self) -> bytes:
        return self._lines.read_line()

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
        connection = _SocketConnection(conn, time.monotonic() + CLIENT_DEADLINE_S,
                                       CLIENT_DEADLINE_S)
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
        private_dir(self.path.parent)
        self._check_length()
        if self.path.exists() or self.path.is_symlink():
            self._remove_stale()
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.bind(self.address)
            os.chmod(self.address, 0o600)
            sock.listen(BACKLOG)
        except OSError as exc:
            sock.close()
            raise ControlError(f"cannot open the control socket {self.address}: {exc}") from None
        return _SocketListener(sock, self.path)

    def connect(self, timeout: float) -> _SocketConnection:
        if not self.path.exists():
            raise NotRunning(f"the assistant is not running (no control socket at "
                             f"{self.address}); {START_HINT}", str(self.address))
        self._check_length()
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(self.address)
        except (ConnectionRefusedError, FileNotFoundError):
            sock.close()
            raise NotRunning(f"the assistant is not running (the control socket at "
                             f"{self.address} is left over from an earlier run); "
                             f"{START_HINT}", str(self.address)) from None
        except OSError as exc:
            sock.close()
            raise ControlError(f"cannot reach the assistant at {self.address}: {exc}") from None
        return _SocketConnection(sock, None, timeout)

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


def private_dir(folder: Path) -> None:
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
