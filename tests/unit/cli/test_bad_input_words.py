"""Bad input on the command line gets one specific message in the reader's language: an
option's own check (a date-time, a number of days) follows ``--ui-lang`` like the rest, and
a file that is no recording is told so alone, not first asked for its call time."""

from __future__ import annotations

import pytest

from assistant.cli import main


@pytest.mark.parametrize("argv, zh, en", [
    (["analyze", "call.wav", "--call-time", "soon"], "不是 ISO 格式的日期时间：'soon'",
     "not an ISO date-time: 'soon'"),
    (["sessions", "purge", "--older-than", "-3"], "'-3' 不是大于 0 的天数",
     "'-3' is not a number of days above 0"),
])
def test_an_options_own_error_follows_ui_lang(argv, zh, en, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    for lang, words in (("zh", zh), ("en", en)):
        with pytest.raises(SystemExit) as exit:
            main(["--ui-lang", lang, *argv])
        assert exit.value.code == 2
        err = capsys.readouterr().err
        assert words in err, err


def test_a_file_that_is_no_recording_gets_only_that_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    bad = tmp_path / "call.wav"
    bad.write_text("not audio", encoding="utf-8")
    assert main(["--ui-lang", "zh", "analyze", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "不是受支持格式的音频文件" in err[0], err


@pytest.mark.parametrize("argv, zh", [
    (["report", "20261125-1430", "--out", "{tmp}/r.html"], "中没有与 '20261125-1430' 对应的会话"),
    (["report", "nonsense!", "--out", "{tmp}/r.html"], "会话编号形如 20261125-143000-a1b2c3"),
    (["report", "20261125", "--out", "{tmp}/no/such/r.html"], "不存在"),
    (["report", "20261125", "--out", "{tmp}/r.doc"], "请把文件命名为 .html 或 .pdf"),
    (["report", "--out", "{tmp}/r.html"], "请给出一个会话编号"),
    (["report", "--all", "--since", "2026-12-05", "--until", "2026-12-01", "--out",
      "{tmp}/t.html"], "晚于"),
    (["report", "--agent", "王五", "--out", "{tmp}/t.html"], "没有符合条件的通话记录：坐席 '王五'"),
    (["sessions", "show", "20261125-1430"], "中没有与 '20261125-1430' 对应的会话"),
])
def test_a_trainers_mistakes_with_reports_are_said_in_chinese(argv, zh, tmp_path, monkeypatch,
                                                             capsys):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(tmp_path / "site"))
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(["--ui-lang", "zh", *argv]) == 2
    err = capsys.readouterr().err
    english = ("no session", "matching", "does not exist", "give a", "is after", "no stored",
               "name the file", "shows the")
    assert zh in err and not any(words in err for words in english), err


def test_a_softphone_hook_with_no_app_running_says_so_in_chinese(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert main(["--ui-lang", "zh", "call", "hold"]) == 2
    err = capsys.readouterr().err
    assert "助手没有在运行" in err and "请先用 `assistant` 启动它" in err and "not running" not in err
    assert main(["--ui-lang", "en", "call", "hold"]) == 2
    assert "the assistant is not running" in capsys.readouterr().err
