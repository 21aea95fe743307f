"""One atomic write for every file someone may read while it is written: the whole file
or the old one, never half, never a temporary file left behind."""

from __future__ import annotations

import ast
import os
import stat
from pathlib import Path

import pytest

import assistant
from assistant.ground.safefile import SHARED, atomic_file, write_atomically


def test_text_is_written_whole_with_its_line_endings_and_mode(tmp_path):
    path = tmp_path / "pack.toml"
    write_atomically(path, "[pack]\r\nid = \"演示\"\n", mode=SHARED)
    assert path.read_bytes() == "[pack]\r\nid = \"演示\"\n".encode()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        write_atomically(path, b"secret")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["pack.toml"]


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path):
    path = tmp_path / "last-good.toml"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_file(path) as f:
        f.write(b"half of the n")
        raise RuntimeError("the disk went away")
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["last-good.toml"]


def test_missing_folders_are_made_only_when_asked(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "share" / "a.toml", "x")
    write_atomically(tmp_path / "share" / "a.toml", "x", make_parents=True)
    assert (tmp_path / "share" / "a.toml").read_text(encoding="utf-8") == "x"


def test_no_other_module_renames_a_temporary_file_into_place():
    """``os.replace`` is the atomic step; it appears in safefile and in the recorder's audio
    conversion only (libsndfile writes the FLAC by path, so it cannot use a file object)."""
    root = Path(assistant.__file__).parent
    found = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("replace", "mkstemp") \
                    and getattr(node.value, "id", "") in ("os", "tempfile"):
                found.add(path.relative_to(root).as_posix())
    assert found == {"ground/safefile.py", "sessions/store/audio.py"}
