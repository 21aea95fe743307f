"""The administrator's policy: managed folder, locked settings; a broken one fails closed.

Qt-free: the policy works on any settings with ``with_`` (the app's ``AppSettings`` is
checked against it in tests/ui/test_settings_locks.py)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.rollout.policy import LOCKABLE, load_policy

ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Settings:
    lang: str = "zh"
    recogniser: str = "grammar"
    agent_device: str = ""
    caller_device: str = ""
    agent_name: str = ""
    agent_id: str = ""
    pack_path: str = ""

    def with_(self, **changes: str) -> Settings:
        return replace(self, **changes)


def test_the_policy_needs_no_window_toolkit(tmp_path):
    """In a fresh interpreter (pytest's Qt plugin has already imported PySide6 here)."""
    code = ("import sys, pathlib; from assistant.rollout.policy import load_policy; "
            f"load_policy(pathlib.Path({str(tmp_path / 'policy.toml')!r})); "
            "sys.exit('PySide6' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60, check=False)
    assert done.returncode == 0


def test_no_policy_locks_nothing(tmp_path):
    policy = load_policy(tmp_path / "policy.toml")
    assert not policy.managed and policy.changes() == {}
    assert not any(policy.is_locked(name) for name in LOCKABLE)
    settings = Settings(pack_path="/my/pack.toml")
    assert policy.apply(settings) is settings


def test_locked_values_are_forced_and_the_managed_folder_locks_the_pack(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('[packs]\nfolder = "/mnt/packs"\npack_id = "acme"\n\n'
                    '[locked]\nrecogniser = "off"\nlang = "en"\n', encoding="utf-8")
    policy = load_policy(path)
    assert policy.managed and str(policy.managed_folder) == "/mnt/packs"
    assert policy.pack_id == "acme"
    assert policy.is_locked("recogniser") and policy.is_locked("pack_path")
    assert not policy.is_locked("agent_name")
    assert policy.changes() == {"recogniser": "off", "lang": "en", "pack_path": ""}
    mine = Settings(lang="zh", recogniser="grammar", pack_path="/my/pack.toml", agent_name="Li")
    assert policy.apply(mine) == Settings(lang="en", recogniser="off", agent_name="Li")


def test_a_broken_policy_locks_everything_and_names_the_line(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('[locked]\nrecogniser = "loud"\n', encoding="utf-8")
    policy = load_policy(path)
    assert policy.lock_all and policy.managed
    assert all(policy.is_locked(name) for name in LOCKABLE)
    assert f"{path}:2: locked.recogniser" in policy.problem
    assert policy.apply(Settings(pack_path="/my/pack.toml")) == Settings()
