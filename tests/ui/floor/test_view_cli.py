"""`assistant floor view`: bad input is said in the reader's language; a real run renders
the floor it received from the service."""

from __future__ import annotations

import time

import pytest

from assistant.cli import main
from assistant.floor.livestate import Activity, AgentReport
from assistant.ui.floor.run import SCREENSHOT_WAIT_S


@pytest.mark.parametrize(("argv", "lang", "said"), [
    (["--server", "https://floor:8443"], "en", "no supervisor credential"),
    (["--server", "https://floor:8443"], "zh", "没有主管凭证"),
    (["--server", "ftp://floor", "--token-file", "x"], "zh", "不是看板服务地址"),
    (["--server", "https://floor:8443", "--token-file", "/no/such/file"], "en",
     "cannot read the credential /no/such/file"),
])
def test_bad_input_is_said_with_exit_code_2(argv, lang, said, capsys, monkeypatch):
    monkeypatch.delenv("ASSISTANT_FLOOR_TOKEN", raising=False)
    monkeypatch.setenv("ASSISTANT_UI_LANG", lang)
    assert main(["floor", "view", *argv]) == 2
    assert said in capsys.readouterr().err


def test_the_window_renders_the_floor_from_the_service(service, tmp_path, capsys,
                                                       monkeypatch):
    service.hub.report("1001", AgentReport(activity=Activity.HOLD, hold_s=12, call_s=40),
                       name="王芳", team="一组 账务")
    token = tmp_path / "supervisor.token"
    token.write_text("sup-all\n")
    out = tmp_path / "floor.png"
    assert main(["floor", "view", "--server", service.url, "--token-file", str(token),
                 "--screenshot", str(out)]) == 0
    assert out.stat().st_size > 10_000 and "wrote" in capsys.readouterr().out


def test_a_refused_credential_is_said_not_rendered(service, tmp_path, capsys):
    token = tmp_path / "wrong.token"
    token.write_text("tok-1001")  # an agent's, not a supervisor's
    started = time.monotonic()
    assert main(["floor", "view", "--server", service.url, "--token-file", str(token),
                 "--ui-lang", "en", "--screenshot", str(tmp_path / "x.png")]) == 2
    assert "refused the supervisor credential" in capsys.readouterr().err
    # said as soon as the service refused, not after waiting out the screenshot's wait
    assert time.monotonic() - started < SCREENSHOT_WAIT_S
    assert not (tmp_path / "x.png").exists()
