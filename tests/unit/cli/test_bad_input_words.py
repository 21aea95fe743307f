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
