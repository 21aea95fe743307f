"""The `assistant` command's contract: clear messages and exit code 2 for bad input."""

from __future__ import annotations

import re

from assistant.cli import main
from assistant.conduct.pack import default_pack_path


def test_pack_validate_ok_and_broken(tmp_path, capsys):
    text = default_pack_path("zh").read_text(encoding="utf-8")
    tables = re.findall(r"^\[rules\.(\w+)\]$", text, flags=re.M)
    assert main(["pack", "validate", str(default_pack_path("zh"))]) == 0
    assert f"ok — default-zh 1.0.0 (zh), {len(tables)} rules on" in capsys.readouterr().out

    one_off = tmp_path / "one-off.toml"  # a rule switched off is one fewer rule on
    one_off.write_text(text.replace("[rules.jargon]\n", "[rules.jargon]\nenabled = false\n"),
                       encoding="utf-8")
    assert main(["pack", "validate", str(one_off)]) == 0
    assert f"{len(tables) - 1} rules on" in capsys.readouterr().out

    broken = tmp_path / "pack.toml"
    broken.write_text(default_pack_path("zh").read_text(encoding="utf-8").replace(
        "ratio_band = 0.25", "ratio_band = 'wide'"), encoding="utf-8")
    assert main(["pack", "validate", str(broken)]) == 2
    err = capsys.readouterr().err
    line = broken.read_text(encoding="utf-8").splitlines().index("ratio_band = 'wide'") + 1
    assert f"{broken}:{line}: rules.pace_drift.ratio_band:" in err


def test_analyze_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "nope.wav")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("assistant: ") and "nope.wav" in err
    assert "Traceback" not in err


def test_analyze_with_pack_of_other_language_is_refused(tmp_path, capsys):
    wav = tmp_path / "x.wav"
    wav.write_bytes(b"")
    assert main(["analyze", str(wav), "--lang", "en", "--pack",
                 str(default_pack_path("zh"))]) == 2
    assert "the pack is for 'zh', not 'en'" in capsys.readouterr().err


def test_the_terminal_speaks_the_readers_language_and_json_does_not_change(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert main(["demo", "--recogniser", "off"]) == 0
    zh = capsys.readouterr()
    assert "演示" in zh.out and "检查结果：" in zh.out and "查询等待" in zh.out
    assert "不涉及" in zh.out and "Findings" not in zh.out
    assert "语音识别已关闭" in zh.err
    assert main(["--ui-lang", "en", "demo", "--recogniser", "off"]) == 0
    en = capsys.readouterr().out
    assert "Findings:" in en and "not needed" in en and "On hold" in en
    assert main(["demo", "--recogniser", "off", "--json"]) == 0
    json_zh = capsys.readouterr().out
    assert main(["--ui-lang", "en", "demo", "--recogniser", "off", "--json"]) == 0
    assert capsys.readouterr().out == json_zh


def test_the_command_list_reads_in_chinese_for_a_chinese_reader(capsys, monkeypatch):
    import pytest

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "在时间轴上回放录下的通话" in out and "replay recorded calls" not in out
    with pytest.raises(SystemExit):
        main(["--ui-lang", "en", "--help"])
    assert "replay recorded calls" in capsys.readouterr().out
