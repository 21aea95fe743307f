"""The control channel on Windows: a named pipe, through ``multiprocessing.connection``.

A named pipe's name is global to the machine (on a terminal server, to every user on
it), so the pipe alone cannot say who is at either end. Each run of the app therefore
writes a fresh random secret into the user's own runtime folder (under the user's
profile, which only this user and administrators can read), and every connection starts
with a mutual challenge: the client proves it read the secret before the server reads a
command, and the server proves it too before the client sends one (so a program of
another user that took the pipe's name first learns nothing). After that the bytes are
the same newline-delimited JSON lines as on the Unix socket.

``multiprocessing.connection`` has its own ``authkey`` handshake, but it runs inside
``accept()`` without a deadline: one silent client would stall the server. The
challenge here is the same idea (HMAC-SHA256 over random nonces) done under the
connection's deadline.

The same class runs over a Unix socket (``family="AF_UNIX"``), which is how the tests
exercise it on Linux; only ``for_windows`` and the error mapping are Windows-only.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import queue
import secrets
import threading
import time
from collections.abc import Callable
from multiprocessing import connection as mpc
from pathlib import Path
from typing import Any

from assistant.control.protocol import MAX_LINE, ControlError, NotRunning
from assistant.control.transport import CLIENT_DEADLINE_S, START_HINT, LineBuffer, LineTooLong
from assistant.ground.safefile import write_atomically

KEY_NAME = "control.key"
PIPE_PREFIX = "\\\\.\\pipe\\etiquette-assistant-"
HELLO = b"etiquette-assistant control 1 "
BACKLOG = 64

ListenerFactory = Callable[..., Any]
ClientFactory = Callable[..., Any]


def _proof(key: bytes, role: bytes, nonce: bytes) -> bytes:
    return hmac.new(key, role + b":" + nonce, hashlib.sha256).hexdigest().encode()


class _PipeConnection:
    """One ``multiprocessing`` connection seen as lines; the server's end proves the
    client before its first line is read."""

    def __init__(self, conn: Any, *, deadline: float | None, timeout: float,
                 key: bytes | None = None):
        self._conn = conn
        self._timeout = timeout
        self._key = key  # set on the server's end until the client has proved itself
        self._lines = LineBuffer(self._receive, deadline)

    def _message(self, time_left: float) -> bytes | None:
        """The next message (maybe empty), ``None`` at end of stream."""
        try:
            if not self._conn.poll(min(self._timeout, time_left)):
                raise TimeoutError("no answer in time")
            return bytes(self._conn.recv_bytes(MAX_LINE + 1))
        except (EOFError, BrokenPipeError, ConnectionResetError):
            return None
        except OSError as exc:
            if "bad message length" in str(exc):
                raise LineTooLong(f"line longer than {MAX_LINE} bytes") from None
            raise

    def _receive(self, time_left: float) -> bytes:
        if self._key is not None:
            self._prove_client(time_left)
            time_left = self._lines.time_left()
        while (message := self._message(time_left)) == b"":  # not the end of the stream
            time_left = self._lines.time_left()
        return message or b""

    def _prove_client(self, time_left: float) -> None:
        key, self._key = self._key, None
        assert key is not None
        nonce = secrets.token_hex(16).encode()
        self._conn.send_bytes(HELLO + nonce)
        answer = self._message(time_left) or b""
        proof, _, client_nonce = answer.partition(b" ")
        if not hmac.compare_digest(proof, _proof(key, b"client", nonce)) or not client_nonce:
            raise PermissionError("the client did not prove it may use the control channel")
        self._conn.send_bytes(_proof(key, b"server", client_nonce[:64]))

    def prove_server(self, key: bytes, address: str) -> None:
        """The client's side of the challenge; ``ControlError`` if the server fails it."""
        hello = self._message(self._timeout) or b""
        if not hello.startswith(HELLO):
            raise ControlError(f"the program at {address} is not the assistant")
        client_nonce = secrets.token_hex(16).encode()
        self._conn.send_bytes(_proof(key, b"client", hello[len(HELLO):]) + b" " + client_nonce)
        if not hmac.compare_digest(self._message(self._timeout) or b"",
                                   _proof(key, b"server", client_nonce)):
            raise ControlError(f"the program at {address} could not prove it is this user's "
                               "assistant; quit it and start the assistant again")

    def read_line(self) -> bytes:
        return self._lines.read_line()

    def write(self, data: bytes) -> None:
        self._conn.send_bytes(data)

    def close(self) -> None:
        try:
            self._conn.close()
        except OSError:
            pass


class _PipeListener:
    """``accept(timeout)`` over ``multiprocessing``'s blocking ``accept()``: a thread
    accepts, one at a time, only when the server asks for the next client."""

    def __init__(self, listener: Any, key: bytes, wake: Callable[[], None],
                 key_path: Path):
        self._listener = listener
        self._key = key
        self._wake = wake
        self._key_path = key_path
        self._accepted: queue.Queue[Any] = queue.Queue(maxsize=1)
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, name="control-accept",
                                        daemon=True)
        self._thread.start()

    def _accept_loop(self) -> None:
        while not self._closed.is_set():
            try:
                conn = self._listener.accept()
            except OSError:
                if self._closed.is_set():
                    return
                time.sleep(0.05)
                continue
            if self._closed.is_set():
                conn.close()
                return
            self._accepted.put(conn)

    def accept(self, timeout: float) -> _PipeConnection | None:
        try:
            conn = self._accepted.get(timeout=timeout)
        except queue.Empty:
            return None
        return _PipeConnection(conn, deadline=time.monotonic() + CLIENT_DEADLINE_S,
                               timeout=CLIENT_DEADLINE_S, key=self._key)

    def close(self) -> None:
        if self._closed.is_set():
            return
        self._closed.set()
        try:
            self._wake()
        except OSError:
            pass
        self._thread.join(timeout=2.0)
        try:
            self._listener.close()
        except OSError:
            pass
        try:
            if self._key_path.read_bytes() == self._key:
                self._key_path.unlink()
        except OSError:
            pass


class PipeTransport:
    def __init__(self, address: str, key_path: Path, family: str = "AF_PIPE", *,
                 listener_factory: ListenerFactory = mpc.Listener,
                 client_factory: ClientFactory = mpc.Client):
        self.address = address
        self.key_path = Path(key_path)
        self.family = family
        self._listener_factory = listener_factory
        self._client_factory = client_factory

    @classmethod
    def for_windows(cls, runtime: Path, **factories: Any) -> PipeTransport:
        """The pipe ``\\\\.\\pipe\\etiquette-assistant-<hash of the runtime folder>``: one
        per user (the folder is in the profile), and a separate one for a test folder."""
        digest = hashlib.sha256(str(runtime).casefold().encode()).hexdigest()[:20]
        return cls(PIPE_PREFIX + digest, runtime / KEY_NAME, "AF_PIPE", **factories)

    def listen(self) -> _PipeListener:
        self._private_folder()
        if self.family == "AF_UNIX":
            self._remove_stale_socket()
        try:
            listener = self._listener_factory(self.address, family=self.family,
                                              backlog=BACKLOG)
        except PermissionError:
            # Windows: the pipe exists (FILE_FLAG_FIRST_PIPE_INSTANCE refused to share it)
            raise ControlError(f"the assistant is already running (named pipe {self.address});"
                               " quit it from its tray icon first") from None
        except OSError as exc:
            raise ControlError(f"cannot open the control channel {self.address}: {exc}") from None
        key = secrets.token_bytes(32)
        try:
            _write_private(self.key_path, key)
        except OSError as exc:
            listener.close()
            raise ControlError(f"cannot write the control channel's key {self.key_path}: "
                               f"{exc}") from None
        return _PipeListener(listener, key, self._wake, self.key_path)

    def connect(self, timeout: float) -> _PipeConnection:
        try:
            key = self.key_path.read_bytes()
        except FileNotFoundError:
            raise NotRunning(f"the assistant is not running (no control channel key at "
                             f"{self.key_path}); {START_HINT}", str(self.address)) from None
        except OSError as exc:
            raise ControlError(f"cannot read the control channel's key {self.key_path}: "
                               f"{exc}") from None
        try:
            conn = self._client_factory(self.address, family=self.family)
        except (FileNotFoundError, ConnectionRefusedError):
            raise NotRunning(f"the assistant is not running (nothing answers at {self.address});"
                             f" {START_HINT}", str(self.address)) from None
        except OSError as exc:
            raise ControlError(f"cannot reach the assistant at {self.address}: {exc}") from None
        connection = _PipeConnection(conn, deadline=None, timeout=timeout)
        try:
            connection.prove_server(key, self.address)
        except (TimeoutError, OSError) as exc:
            connection.close()
            raise ControlError(f"the assistant at {self.address} did not answer: {exc}") from None
        except ControlError:
            connection.close()
            raise
        return connection

    def _wake(self) -> None:
        """Unblock the accepting thread by connecting once (and hanging up at once)."""
        self._client_factory(self.address, family=self.family).close()

    def _private_folder(self) -> None:
        folder = self.key_path.parent
        if os.name == "posix":
            from assistant.control.unix import private_dir

            private_dir(folder)
            return
        try:  # Windows: the runtime folder is inside the user's profile
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ControlError(f"cannot create the runtime folder {folder}: {exc}") from None

    def _remove_stale_socket(self) -> None:
        path = Path(self.address)
        if not path.exists():
            return
        try:
            self._client_factory(self.address, family=self.family).close()
        except (ConnectionRefusedError, FileNotFoundError):
            path.unlink(missing_ok=True)
            return
        except OSError:
            pass
        raise ControlError(f"the assistant is already running ({self.address}); quit it "
                           "from its tray icon first")


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` readable by this user only (0600 on POSIX; on Windows the folder's
    ACL, inherited from the user's profile, is what keeps others out)."""
    write_atomically(path, data)
