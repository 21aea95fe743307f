"""Finding, checking and installing the Whisper model: every failure says what to do and
installs nothing half-done. (Joining the real PyPI parts and installing the real files are
in tests/integration/test_whisper_calls.py.)"""

from __future__ import annotations

import zipfile

import pytest

from assistant.speech import whisper_model
from assistant.speech.vosk_model import ModelError
from assistant.speech.whisper_model import (
    FILES,
    find_whisper,
    install_whisper,
    install_whisper_from,
    installed_path,
    verify_whisper,
)


def fake_folder(path, *, skip: str = "", short: str = ""):
    path.mkdir(parents=True, exist_ok=True)
    for name, (size, _) in FILES.items():
        if name == skip:
            continue
        (path / name).write_bytes(b"x" * (10 if name == short else min(size, 10)))
    return path


def test_a_folder_is_checked_file_by_file(tmp_path):
    assert verify_whisper(tmp_path / "none") == [f"no model folder at {tmp_path / 'none'}"]
    problems = verify_whisper(fake_folder(tmp_path / "m", skip="model.bin"))
    assert "model.bin is missing" in problems
    assert any(p.startswith("config.json has 10 bytes, the official file 2309") for p in problems)


def test_no_model_and_no_parts_says_how_to_install(monkeypatch):
    monkeypatch.setattr(whisper_model, "package_parts", lambda: None)
    with pytest.raises(ModelError, match="no Whisper model installed"):
        find_whisper()
    fake_folder(installed_path())
    with pytest.raises(ModelError, match="damaged .* `assistant models install whisper-base`"):
        find_whisper()


def test_an_incomplete_package_pair_is_named(tmp_path, monkeypatch):
    first, second = fake_folder(tmp_path / "p1", skip="model.bin"), tmp_path / "p2"
    second.mkdir()
    monkeypatch.setattr(whisper_model, "package_parts", lambda: (first, second))
    with pytest.raises(ModelError, match="packages are incomplete .*model.bin.part1"):
        find_whisper()
    assert not installed_path().exists()


def test_installing_files_that_are_not_the_official_ones_installs_nothing(tmp_path):
    folder = fake_folder(tmp_path / "m")
    with pytest.raises(ModelError, match="did not give the official Whisper base files"):
        install_whisper_from(folder)
    archive = tmp_path / "m.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("../evil/config.json", "{}")
    with pytest.raises(ModelError, match="outside the model folder"):
        install_whisper_from(archive)
    with pytest.raises(ModelError, match="no such file or folder"):
        install_whisper_from(tmp_path / "missing.zip")
    assert not installed_path().exists()
    assert not list(installed_path().parent.glob(".faster-whisper-base.installing-*"))


def test_a_download_that_cannot_reach_the_host_says_what_to_do(monkeypatch):
    monkeypatch.setenv("ASSISTANT_WHISPER_BASE_URL", "http://127.0.0.1:9/none")
    with pytest.raises(ModelError, match="cannot reach .*--from"):
        install_whisper()
    assert not installed_path().exists()


def test_whisper_chosen_without_a_model_says_so_and_how_to_turn_it_on(monkeypatch):
    from assistant.conduct.pack import default_pack_path, load_pack
    from assistant.engine.assembly import build_recognisers

    monkeypatch.setattr(whisper_model, "package_parts", lambda: None)
    recognisers, notes = build_recognisers(load_pack(default_pack_path("zh")), model_path=None,
                                           mode="whisper", has_caller=True)
    assert recognisers == {}
    assert "no Whisper model installed" in notes[0]
    assert "phrase checks are not checked" in notes[0]
    assert "assistant models install whisper-base" in notes[0]
