"""Key files: names that stay inside --out, a warning for a private key others can read."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from assistant.rollout.keys import KeyFileError, generate_key_pair, loose_permissions


@pytest.mark.parametrize("name", ["../../evil", "/tmp/evil", "a/b", ".hidden", "", "x" * 65,
                                  "ev\x00il"])
def test_keygen_name_cannot_leave_the_folder(tmp_path, name):
    out = tmp_path / "keys"
    with pytest.raises(KeyFileError, match="letters, digits"):
        generate_key_pair(out, name)
    assert not any(tmp_path.rglob("*.key"))


def test_a_private_key_readable_by_others_is_warned_about(tmp_path):
    files = generate_key_pair(tmp_path, "sup")
    assert loose_permissions(files.private) is None
    os.chmod(files.private, 0o644)
    assert "mode 0644" in loose_permissions(files.private)
    from assistant.conduct.pack import default_pack_path

    done = subprocess.run([sys.executable, "-m", "assistant", "pack", "sign",
                           str(default_pack_path("zh")), "--key", str(files.private),
                           "--out", str(tmp_path / "signed.toml")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "warning:" in done.stderr and "chmod 600" in done.stderr
