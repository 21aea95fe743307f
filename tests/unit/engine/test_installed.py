"""The recogniser a demo uses when none is asked for, and what the terminal says when
phrase checks are off although Whisper base is installed."""

from __future__ import annotations

import numpy as np
import soundfile as sf

from assistant.cli import main
from assistant.engine.installed import installed_mode, whisper_hears
from assistant.speech import whisper_model


def test_no_model_anywhere_is_grammar_whose_notes_say_how(monkeypatch, capsys):
    monkeypatch.setattr(whisper_model, "package_parts", lambda: None)
    assert installed_mode("zh") == "grammar" and not whisper_hears("zh")
    assert main(["--ui-lang", "en", "demo"]) == 0
    out = capsys.readouterr()
    assert "no zh speech model installed" in out.err
    assert "Phrase checks: not checked (no speech model). To turn them on: " \
           "`assistant models install whisper-base`" in out.out
    assert "? not checked  greeting" in out.out


def test_whisper_is_chosen_where_it_is_installed_and_hears_the_language(monkeypatch, tmp_path):
    monkeypatch.setattr(whisper_model, "package_parts", lambda: (tmp_path, tmp_path))
    assert installed_mode("zh") == "whisper" and installed_mode("en") == "whisper"
    assert installed_mode("ko") == "grammar"  # no vosk-ko here: its notes say how


def test_phrase_checks_off_with_whisper_installed_say_the_option_that_turns_them_on(
        monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(whisper_model, "package_parts", lambda: (tmp_path, tmp_path))
    call = tmp_path / "call.wav"
    sf.write(call, np.zeros((3 * 16_000, 2), np.float32), 16_000)
    args = ["analyze", str(call), "--call-time", "2026-11-25T14:30"]
    assert main(["--ui-lang", "en", *args]) == 0
    out = capsys.readouterr().out
    assert "Whisper base is installed: add `--recogniser whisper` to turn them on" in out
    assert main(["--ui-lang", "zh", *args]) == 0
    assert "Whisper base 已安装：加 `--recogniser whisper` 即可开启" in capsys.readouterr().out
    assert main(["--ui-lang", "en", *args, "--recogniser", "off"]) == 0
    assert "Whisper base is installed" not in capsys.readouterr().out  # off was asked for
