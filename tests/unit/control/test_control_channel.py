"""The control channel over a real Unix socket: permissions, round trip, errors, the CLI."""

from __future__ import annotations

import json
import os
import socket
import stat
from pathlib import Path

import pytest

from assistant.audio.block import BLOCK_SAMPLES
from assistant.cli import main
from assistant.control import ControlError, ControlServer, NotRunning, send_command
from assistant.control.protocol import Command, parse_command
from assistant.control.unix import UnixTransport
from assistant.ground.events import SAMPLE_RATE, CallAction, CallControl, Channel
from tests.unit.control.silent_call import SilentCall


def test_round_trip_over_a_private_socket(runtime):
    received: list[Command] = []
    with ControlServer(lambda c: received.append(c) or "ok, held") as server:
        path = Path(server.address)
        assert path.parent == runtime
        assert stat.S_IMODE(os.stat(runtime).st_mode) == 0o700
        assert stat.S_ISSOCK(os.stat(path).st_mode)
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        reply = send_command("hold")
        assert reply.ok and reply.message == "ok, held"
        reply = send_command(CallAction.END, "caller")
    assert received == [Command(CallAction.HOLD), Command(CallAction.END, Channel.CALLER)]
    assert not path.exists(), "the server removes its socket when it stops"


def test_bad_commands_get_a_refusal_not_a_hang_up(runtime):
    with ControlServer(lambda c: None) as server, socket.socket(socket.AF_UNIX) as raw:
        raw.settimeout(2)
        raw.connect(server.address)
        raw.sendall(b'{"action": "dance"}\nnot json\n{"action": "end", "by": "agent"}\n')
        replies = [json.loads(line) for line in _read_lines(raw, 3)]
    assert not replies[0]["ok"] and "ring|dial|start|hold|resume|end" in replies[0]["message"]
    assert not replies[1]["ok"] and "JSON" in replies[1]["message"]
    assert replies[2]["ok"]


def test_not_running_is_a_clear_message(runtime, capsys):
    with pytest.raises(NotRunning, match="the assistant is not running .*start it with"):
        send_command("start")
    assert main(["call", "start"]) == 2
    err = capsys.readouterr().err
    assert "the assistant is not running (no control socket at" in err
    assert str(runtime / "control.sock") in err and "Traceback" not in err


def test_a_caller_number_a_softphone_appends_is_dropped(runtime, capsys):
    received: list[Command] = []
    with ControlServer(lambda c: received.append(c) or None):
        assert main(["call", "ring", "13800138000"]) == 0
        assert main(["call", "--by", "caller", "end", "+86 138 0013 8000"]) == 0
    assert received == [Command(CallAction.RING), Command(CallAction.END, Channel.CALLER)]
    assert "13800138000" not in capsys.readouterr().out


def test_a_stale_socket_is_replaced_and_a_live_one_is_not(runtime):
    runtime.mkdir(mode=0o700)
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(runtime / "control.sock"))
    stale.close()  # bound, never listening: what a crashed app leaves behind
    with pytest.raises(NotRunning, match="left over"):
        send_command("start")
    with ControlServer(lambda c: None):
        with pytest.raises(ControlError, match="already running"):
            ControlServer(lambda c: None).start()
        assert send_command("ring").ok


def test_a_folder_open_to_others_is_made_private(runtime):
    runtime.mkdir(mode=0o755)
    os.chmod(runtime, 0o755)
    with ControlServer(lambda c: None):
        assert stat.S_IMODE(os.stat(runtime).st_mode) == 0o700


def test_a_path_too_long_for_a_socket_is_refused_clearly(tmp_path):
    long = tmp_path / ("x" * 120) / "control.sock"
    with pytest.raises(ControlError, match="too long"):
        UnixTransport(long).listen()


def test_parse_command_names_the_problem():
    assert parse_command(b'{"action": "end", "by": null}') == Command(CallAction.END)
    with pytest.raises(ValueError, match="unknown field"):
        parse_command(b'{"action": "end", "who": "me"}')
    with pytest.raises(ValueError, match="agent, caller"):
        parse_command(b'{"action": "end", "by": "boss"}')


def test_assistant_call_hold_reaches_the_pipeline_at_the_next_block(runtime, capsys):
    """`assistant call hold` → running server → inbox → CallControl(HOLD) stamped with the
    audio time of the block fed after it arrived."""
    events: list[object] = []
    call = SilentCall(sinks=[events.append])
    with ControlServer(call.inbox.post):
        call.feed(25)
        assert main(["call", "hold"]) == 0
        assert "hold: takes effect at the next audio block" in capsys.readouterr().out
        call.feed(3)
    holds = [e for e in events if isinstance(e, CallControl) and e.action is CallAction.HOLD]
    assert holds == [CallControl(25 * BLOCK_SAMPLES / SAMPLE_RATE, CallAction.HOLD)]


def _read_lines(sock: socket.socket, n: int) -> list[bytes]:
    data = b""
    while data.count(b"\n") < n:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data.splitlines()


def test_a_chinese_reader_is_answered_in_chinese(runtime, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_UI_LANG", "zh")
    call = SilentCall(sinks=[])
    with ControlServer(call.inbox.post):
        assert main(["call", "--by", "caller", "end"]) == 0
    assert "助手已收到「end」（挂断，由客户）" in capsys.readouterr().out
