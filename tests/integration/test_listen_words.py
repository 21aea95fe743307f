"""`assistant listen` on a real audio server (PulseAudio, PortAudio) says what the devices do
in the reader's language; the JSON stream keeps the states' stable names."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.integration.pulse import pulse_server

pytestmark = pytest.mark.integration


def _listen(server, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", "--ui-lang", "zh", "listen",
                           "--agent-device", "pulse", "--seconds", "1", "--recogniser", "off",
                           *args],
                          env=server.env, capture_output=True, text=True, timeout=60)


def test_device_states_in_chinese_and_stable_json(tmp_path):
    with pulse_server(tmp_path) as server:
        zh = _listen(server)
        as_json = _listen(server, "--json")
    assert zh.returncode == 0, zh.stderr
    assert "没有客户设备" in zh.stderr and "正在聆听：坐席设备 'pulse'" in zh.stderr
    assert "采集已停止" in zh.stderr and "listening" not in zh.stderr
    states = [json.loads(line) for line in as_json.stdout.splitlines() if '"state"' in line]
    assert [s["state"] for s in states][:2] == ["no_caller_channel", "listening"]
    assert "agent device 'pulse'" in states[1]["detail"]
