"""The named-pipe transport's key challenge, for real over a Unix socket, and its Windows
side (pipe name, Windows errors) with the platform faked at ``multiprocessing``'s
``Listener``/``Client`` only."""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing import connection as mpc
from pathlib import Path

import pytest

from assistant.control import ControlServer, NotRunning, send_command
from assistant.control.local import default_transport
from assistant.control.pipe import HELLO, KEY_NAME, PIPE_PREFIX, PipeTransport
from assistant.control.protocol import Command, ControlError
from assistant.control.unix import UnixTransport
from assistant.ground.events import CallAction


def pipe_over_unix(runtime: Path) -> PipeTransport:
    return PipeTransport(str(runtime / "pipe.sock"), runtime / KEY_NAME, "AF_UNIX")


def test_the_key_is_private_fresh_per_run_and_removed_at_exit(runtime):
    transport = pipe_over_unix(runtime)
    with ControlServer(lambda c: None, transport):
        first = transport.key_path.read_bytes()
        assert len(first) == 32 and transport.key_path.stat().st_mode & 0o077 == 0
    assert not transport.key_path.exists()
    with ControlServer(lambda c: None, transport):
        assert transport.key_path.read_bytes() != first


def test_a_client_without_the_key_gets_nothing_applied(runtime):
    received: list[Command] = []
    transport = pipe_over_unix(runtime)
    with ControlServer(lambda c: received.append(c) or None, transport):
        wrong = runtime / "wrong.key"
        wrong.write_bytes(b"k" * 32)
        intruder = PipeTransport(transport.address, wrong, "AF_UNIX")
        with pytest.raises(ControlError):
            send_command("end", transport=intruder)
        raw = mpc.Client(transport.address, family="AF_UNIX")  # skips the challenge
        raw.recv_bytes()
        raw.send_bytes(b'{"action": "end"}\n')
        assert _closed(raw)
        assert send_command("start", transport=transport).ok
    assert received == [Command(CallAction.START)]


def test_a_program_without_the_key_holding_the_pipe_is_not_trusted(runtime):
    """Another user's program that took the pipe's name first cannot pass as the app."""
    transport = pipe_over_unix(runtime)
    runtime.mkdir(mode=0o700)
    transport.key_path.write_bytes(b"s" * 32)
    impostor = mpc.Listener(transport.address, family="AF_UNIX")
    heard: list[bytes] = []

    def pretend() -> None:
        conn = impostor.accept()
        conn.send_bytes(HELLO + b"0" * 32)
        heard.append(conn.recv_bytes())
        conn.send_bytes(b"0" * 64)
        try:
            if conn.poll(1.0):
                heard.append(conn.recv_bytes())
        except EOFError:
            pass  # the client hung up: what it should do
        conn.close()

    thread = threading.Thread(target=pretend, daemon=True)
    thread.start()
    try:
        with pytest.raises(ControlError, match="could not prove"):
            send_command("end", transport=transport)
    finally:
        thread.join(3)
        impostor.close()
    assert len(heard) == 1, "no command is sent to a server that failed the challenge"


# --- Windows, faked at multiprocessing's Listener/Client ----------------------------------


class FakeWindowsPipes:
    """``Listener``/``Client`` as multiprocessing offers them on Windows, over in-memory
    ``multiprocessing.Pipe`` pairs; can fail the way Windows does."""

    def __init__(self, *, listen_error: OSError | None = None,
                 connect_error: OSError | None = None):
        self.listen_error, self.connect_error = listen_error, connect_error
        self.calls: list[tuple[str, str, str]] = []
        self._pending: list = []
        self._ready = threading.Condition()

    def Listener(self, address: str, family: str, backlog: int):
        self.calls.append(("listen", address, family))
        if self.listen_error:
            raise self.listen_error
        return self

    def Client(self, address: str, family: str):
        self.calls.append(("connect", address, family))
        if self.connect_error:
            raise self.connect_error
        ours, theirs = multiprocessing.Pipe()
        with self._ready:
            self._pending.append(theirs)
            self._ready.notify()
        return ours

    def accept(self):
        with self._ready:
            self._ready.wait_for(lambda: self._pending)
            return self._pending.pop(0)

    def close(self) -> None:
        pass


def windows(runtime: Path, fake: FakeWindowsPipes) -> PipeTransport:
    return PipeTransport.for_windows(runtime, listener_factory=fake.Listener,
                                     client_factory=fake.Client)


def test_windows_uses_a_named_pipe_per_user_folder(runtime):
    transport = default_transport("win32")
    assert isinstance(transport, PipeTransport) and transport.family == "AF_PIPE"
    assert transport.address.startswith(PIPE_PREFIX)
    assert transport.key_path == runtime / KEY_NAME
    assert PipeTransport.for_windows(Path("C:/Users/Li/AppData")).address == \
        PipeTransport.for_windows(Path("c:/users/li/appdata")).address
    assert PipeTransport.for_windows(Path("C:/Users/Wang/AppData")).address != \
        PipeTransport.for_windows(Path("C:/Users/Li/AppData")).address
    assert isinstance(default_transport("linux"), UnixTransport)


def test_windows_round_trip_through_the_pipe_api(runtime):
    fake = FakeWindowsPipes()
    transport = windows(runtime, fake)
    received: list[Command] = []
    with ControlServer(lambda c: received.append(c) or None, transport):
        assert send_command("hold", transport=transport).ok
    assert received == [Command(CallAction.HOLD)]
    assert {(kind, family) for kind, _, family in fake.calls} == {("listen", "AF_PIPE"),
                                                                  ("connect", "AF_PIPE")}
    assert {address for _, address, _ in fake.calls} == {transport.address}


def test_windows_pipe_taken_means_already_running(runtime):
    denied = PermissionError(13, "Access is denied")  # ERROR_ACCESS_DENIED from CreateNamedPipe
    transport = windows(runtime, FakeWindowsPipes(listen_error=denied))
    with pytest.raises(ControlError, match="already running.*named pipe"):
        ControlServer(lambda c: None, transport).start()


def test_windows_no_pipe_means_not_running(runtime):
    missing = FileNotFoundError(2, "The system cannot find the file specified")
    transport = windows(runtime, FakeWindowsPipes(connect_error=missing))
    with pytest.raises(NotRunning, match="no control channel key"):
        send_command("end", transport=transport)
    runtime.mkdir(mode=0o700)
    transport.key_path.write_bytes(b"k" * 32)  # left by an app that crashed
    with pytest.raises(NotRunning, match="nothing answers at .*pipe"):
        send_command("end", transport=transport)


def _closed(conn) -> bool:
    try:
        return conn.poll(3.0) and conn.recv_bytes() is None
    except (EOFError, OSError):
        return True


def test_the_windows_runtime_folder_is_not_under_temp(monkeypatch):
    """Storage Sense empties Temp: the key must live in the profile's app folder."""
    from assistant.control.local import runtime_dir

    monkeypatch.delenv("ASSISTANT_RUNTIME_DIR", raising=False)
    folder = runtime_dir("win32")
    assert folder.parts[-2:] == ("etiquette-assistant", "run")
    assert "Temp" not in folder.parts and "tmp" not in folder.parts
