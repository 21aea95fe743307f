"""Any bytes at the control channel: a refusal or a command, never a traceback, a hang or
unbounded memory — on the parser, the server's handler and a real socket."""

from __future__ import annotations

import json
import socket
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.control import ControlServer, send_command
from assistant.control.protocol import MAX_LINE, Command, Reply, parse_command, parse_reply
from assistant.control.transport import CLIENT_DEADLINE_S

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20,
)
COMMAND_LIKE = st.dictionaries(
    st.sampled_from(["action", "by", "at", ""]) | st.text(max_size=6),
    st.sampled_from(["ring", "start", "hold", "resume", "end", "agent", "caller"]) | JSON_VALUES,
    max_size=4,
).map(lambda d: json.dumps(d).encode())
LINES = (st.binary(max_size=MAX_LINE + 64) | COMMAND_LIKE
         | st.integers(1, 3 * MAX_LINE).map(lambda n: b"[" * n)
         | st.text(max_size=200).map(str.encode))


@given(LINES)
@settings(max_examples=200, deadline=1000)
def test_parse_command_takes_any_line(line):
    try:
        command = parse_command(line)
    except ValueError as exc:
        assert str(exc)
    else:
        assert isinstance(command, Command)


@given(LINES)
@settings(max_examples=200, deadline=1000)
def test_the_server_answers_any_line_with_a_readable_reply(line):
    server = ControlServer(lambda c: None, transport=_unused_transport())
    reply = server.handle(line)
    assert isinstance(reply, Reply)
    assert parse_reply(reply.encode().rstrip(b"\n")) == reply


@pytest.fixture(scope="module")
def live_server():
    import tempfile
    from pathlib import Path

    from assistant.control.unix import UnixTransport

    with tempfile.TemporaryDirectory(prefix="ea-", dir="/tmp") as tmp:
        transport = UnixTransport(Path(tmp) / "run" / "control.sock")
        received: list[Command] = []
        with ControlServer(lambda c: received.append(c) or None, transport):
            yield transport, received


@given(st.lists(LINES, min_size=1, max_size=4), st.booleans())
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_on_the_socket_end_in_replies_and_a_hang_up(live_server, lines, newline_end):
    transport, _ = live_server
    data = b"\n".join(lines) + (b"\n" if newline_end else b"")
    started = time.monotonic()
    with socket.socket(socket.AF_UNIX) as raw:
        raw.settimeout(10 * CLIENT_DEADLINE_S)
        raw.connect(transport.address)
        try:
            raw.sendall(data)
            raw.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server hung up on a line too long, mid-send: allowed
        received = b""
        try:
            while chunk := raw.recv(65536):
                received += chunk
        except ConnectionResetError:
            pass
    # hung up on (the reads above end), well before a generous bound: never held open
    assert time.monotonic() - started < 10 * CLIENT_DEADLINE_S
    replies = [parse_reply(line) for line in received.splitlines()]
    assert len(replies) <= data.count(b"\n") + 1
    assert send_command("ring", transport=transport).ok, "the server still serves"


def test_a_megabyte_without_a_newline_is_not_buffered(live_server):
    """The server stops reading at MAX_LINE and hangs up; the sender sees it mid-send."""
    transport, _ = live_server
    with socket.socket(socket.AF_UNIX) as raw:
        raw.settimeout(5)
        raw.connect(transport.address)
        with pytest.raises(OSError):
            for _ in range(1024):
                raw.sendall(b"x" * 1024)
    assert send_command("ring", transport=transport).ok


def _unused_transport():
    class Unused:
        address = "unused"

        def listen(self):  # pragma: no cover - never started
            raise AssertionError

        def connect(self, timeout):  # pragma: no cover
            raise AssertionError

    return Unused()


@pytest.fixture(scope="module")
def live_pipe_server():
    import tempfile
    from pathlib import Path

    from assistant.control.pipe import KEY_NAME, PipeTransport

    with tempfile.TemporaryDirectory(prefix="ea-", dir="/tmp") as tmp:
        folder = Path(tmp) / "run"
        transport = PipeTransport(str(folder / "pipe.sock"), folder / KEY_NAME, "AF_UNIX")
        with ControlServer(lambda c: None, transport):
            yield transport


@given(st.lists(st.binary(max_size=MAX_LINE + 64) | LINES, min_size=1, max_size=4))
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_messages_on_the_pipe_transport_end_in_replies_and_a_hang_up(live_pipe_server,
                                                                          messages):
    """After the key challenge, any messages (split anywhere, newlines or not): a reply
    for each complete line, or a refusal and a hang-up for a line too long."""
    transport = live_pipe_server
    data = b"".join(messages)
    complete = [line for line in data.split(b"\n")[:-1] if line]
    started = time.monotonic()
    connection = transport.connect(2.0)
    replies = []
    try:
        try:
            for message in messages:
                connection.write(message)
        except OSError:
            pass  # the server hung up on a line too long, mid-send: allowed
        while len(replies) < len(complete):
            try:
                line = connection.read_line()
            except (TimeoutError, OSError, ValueError):
                break
            if not line:
                break
            replies.append(parse_reply(line))
    finally:
        connection.close()
    assert time.monotonic() - started < 10 * CLIENT_DEADLINE_S  # never held open
    too_long = any(len(line) > MAX_LINE for line in data.split(b"\n"))
    assert len(replies) == len(complete) or too_long, (replies, complete)
    assert send_command("ring", transport=transport).ok, "the server still serves"
