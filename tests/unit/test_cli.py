"""The `assistant` command's contract: clear messages and exit code 2 for bad input."""

from __future__ import annotations

from assistant.cli import main
from assistant.conduct.pack import default_pack_path


def test_pack_validate_ok_and_broken(tmp_path, capsys):
    assert main(["pack", "validate", str(default_pack_path("zh"))]) == 0
    assert "ok — default-zh 1.0.0 (zh), 18 rules on" in capsys.readouterr().out

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
