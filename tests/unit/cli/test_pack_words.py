"""`assistant pack …` in the reader's language: a pack's problems worded as the editor words
them (never pydantic's English under zh), signatures and results in Chinese under
``--ui-lang zh``; English stays as it was."""

from __future__ import annotations

import pytest

from assistant.cli import main
from assistant.conduct.pack import default_pack_path


@pytest.fixture
def packs(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    text = default_pack_path("zh").read_text(encoding="utf-8")
    good = tmp_path / "floor.toml"
    good.write_text(text, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("cooldown_s = 30", 'cooldown_s = "abc"', 1), encoding="utf-8")
    assert bad.read_text(encoding="utf-8") != text
    return good, bad


def test_a_bad_value_is_worded_as_the_editor_words_it(packs, capsys):
    _, bad = packs
    assert main(["--ui-lang", "zh", "pack", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "cooldown_s: 请输入数字" in err and "Input should" not in err, err
    assert main(["--ui-lang", "en", "pack", "validate", str(bad)]) == 2
    assert "cooldown_s: Input should be a valid number" in capsys.readouterr().err


def test_analyze_with_a_bad_pack_says_so_in_chinese(packs, tmp_path, capsys):
    _, bad = packs
    call = tmp_path / "call.wav"
    call.write_bytes(b"")
    assert main(["--ui-lang", "zh", "analyze", str(call), "--pack", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "提示包有问题" in err and "请输入数字" in err and "problems" not in err, err


def test_validate_sign_and_verify_speak_chinese(packs, tmp_path, capsys):
    good, _ = packs
    assert main(["--ui-lang", "zh", "pack", "validate", str(good)]) == 0
    assert "：有效 — default-zh" in capsys.readouterr().out
    assert main(["--ui-lang", "zh", "pack", "verify", str(good)]) == 2
    assert "提示包未签名" in capsys.readouterr().err
    keys = tmp_path / "keys"
    assert main(["--ui-lang", "zh", "pack", "keygen", "--out", str(keys)]) == 0
    assert "私钥" in capsys.readouterr().out
    signed = tmp_path / "share" / "floor.toml"
    assert main(["--ui-lang", "zh", "pack", "sign", str(good), "--key",
                 str(keys / "supervisor.key"), "--out", str(signed), "--bump"]) == 0
    out = capsys.readouterr().out
    assert "已用密钥" in out and "版本也已提高到" in out and "signed" not in out, out
    tampered = tmp_path / "changed.toml"
    tampered.write_text(signed.read_text(encoding="utf-8").replace("客户已等待", "客户已等了"),
                        encoding="utf-8")
    assert main(["--ui-lang", "zh", "pack", "verify", str(tampered), "--trusted",
                 str(keys)]) == 2
    err = capsys.readouterr().err
    assert "提示包已被改动" in err and "tampered" not in err, err
    assert main(["--ui-lang", "zh", "pack", "validate", str(tampered), "--trusted",
                 str(keys)]) == 2
    assert "提示包已被改动" in capsys.readouterr().err
