"""The same behaviour on every transport: round trip, refusals, deadlines, concurrency.

Each test runs on the Unix socket and on the named-pipe transport (see conftest.py), over
real sockets, with the real server and client.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest

from assistant.control import ControlServer, NotRunning, send_command
from assistant.control.protocol import MAX_LINE, Command, ControlError, parse_reply
from assistant.control.transport import CLIENT_DEADLINE_S
from assistant.ground.events import CallAction, Channel


def test_round_trip_and_refusals(transport):
    received: list[Command] = []
    with ControlServer(lambda c: received.append(c) or "noted", transport):
        assert send_command("ring", transport=transport).message == "noted"
        assert send_command("end", "caller", transport=transport).ok
        connection = transport.connect(2.0)
        try:
            connection.write(b'{"action": "dance"}\nnot json\n{"action": "hold"}\n')
            replies = [parse_reply(connection.read_line()) for _ in range(3)]
        finally:
            connection.close()
    assert [r.ok for r in replies] == [False, False, True]
    assert "ring|dial|start|hold|resume|end" in replies[0].message
    assert "JSON" in replies[1].message
    assert received == [Command(CallAction.RING), Command(CallAction.END, Channel.CALLER),
                        Command(CallAction.HOLD)]


def test_not_running_says_how_to_start_it(transport):
    with pytest.raises(NotRunning, match="not running.*start it with"):
        send_command("start", transport=transport)


def test_a_second_app_is_refused_and_the_first_keeps_working(transport, runtime):
    from tests.unit.control.conftest import make_transport

    kind = "unix" if type(transport).__name__ == "UnixTransport" else "pipe"
    with ControlServer(lambda c: None, transport):
        with pytest.raises(ControlError, match="already running"):
            ControlServer(lambda c: None, make_transport(kind, runtime)).start()
        assert send_command("start", transport=transport).ok


def test_an_idle_client_does_not_hold_up_a_softphone_event(transport):
    """One client connects and says nothing; `call end` from another is answered at once
    and applied, and the idle one is cut off at its deadline."""
    received: list[Command] = []
    with ControlServer(lambda c: received.append(c) or None, transport):
        idle = transport.connect(2.0)
        hung_up: list[bool] = []
        watcher = threading.Thread(
            target=lambda: hung_up.append(_wait_for_hang_up(idle, 10 * CLIENT_DEADLINE_S)),
            daemon=True)
        try:
            time.sleep(0.3)  # accepted and waiting for its line
            watcher.start()
            assert send_command("end", "caller", transport=transport).ok
            # Answered while the idle client is still connected: a server taking one client
            # at a time would answer only once it had cut the idle one at its deadline.
            assert not hung_up, "the idle client held up the softphone's event"
            assert received == [Command(CallAction.END, Channel.CALLER)]
            watcher.join(10 * CLIENT_DEADLINE_S + 1)
            assert hung_up == [True], "an idle client is hung up on at its deadline"
        finally:
            idle.close()


def test_a_client_dribbling_bytes_is_cut_at_its_deadline(transport):
    """A byte every 0.3 s never stalls a single read, but the whole-line deadline ends it."""
    with ControlServer(lambda c: None, transport):
        slow = transport.connect(2.0)
        stop = threading.Event()

        def dribble() -> None:
            while not stop.is_set():
                try:
                    slow.write(b" ")
                except OSError:
                    return
                stop.wait(0.3)

        writer = threading.Thread(target=dribble, daemon=True)
        writer.start()
        try:
            # cut while it still dribbles (it never stops by itself): a deadline per read
            # would never cut it
            assert _wait_for_hang_up(slow, 10 * CLIENT_DEADLINE_S)
            assert send_command("hold", transport=transport).ok
        finally:
            stop.set()
            writer.join(2)
            slow.close()


def test_more_idle_clients_than_slots_still_lose_no_event(transport):
    received: list[Command] = []
    with ControlServer(lambda c: received.append(c) or None, transport, max_clients=4):
        idle = [_connect_silently(transport) for _ in range(6)]
        try:
            assert send_command("end", transport=transport, timeout=6.0).ok
        finally:
            for connection in idle:
                connection.close()
    assert received == [Command(CallAction.END)]


def test_a_line_too_long_is_refused_in_words(transport):
    with ControlServer(lambda c: None, transport):
        connection = transport.connect(2.0)
        try:
            connection.write(b"x" * (MAX_LINE + 10))
            reply = parse_reply(connection.read_line())
        finally:
            connection.close()
        assert not reply.ok and f"longer than {MAX_LINE}" in reply.message
        assert send_command("resume", transport=transport).ok


def _connect_silently(transport) -> socket.socket:
    """A client that connects and never says a word (both transports listen on a Unix
    socket here)."""
    sock = socket.socket(socket.AF_UNIX)
    sock.connect(transport.address)
    return sock


def _wait_for_hang_up(connection, within_s: float) -> bool:
    """True once the server has closed ``connection`` (a read ends), within ``within_s``."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            if connection.read_line() == b"":
                return True
        except (TimeoutError, ValueError):
            continue
        except OSError:
            return True
    return False
