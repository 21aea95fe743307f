"""The administrator's policy: managed folder, locked settings; a broken one fails closed."""

from __future__ import annotations

from dataclasses import fields

from assistant.rollout.policy import LOCKABLE, load_policy
from assistant.ui.preferences import AppSettings


def test_no_policy_locks_nothing(tmp_path):
    policy = load_policy(tmp_path / "policy.toml")
    assert not policy.managed
    assert not any(policy.is_locked(name) for name in LOCKABLE)
    settings = AppSettings(pack_path="/my/pack.toml")
    assert policy.apply(settings) == settings


def test_locked_values_are_forced_and_the_managed_folder_locks_the_pack(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('[packs]\nfolder = "/mnt/packs"\npack_id = "acme"\n\n'
                    '[locked]\nrecogniser = "off"\nlang = "en"\n', encoding="utf-8")
    policy = load_policy(path)
    assert policy.managed and str(policy.managed_folder) == "/mnt/packs"
    assert policy.pack_id == "acme"
    assert policy.is_locked("recogniser") and policy.is_locked("pack_path")
    assert not policy.is_locked("agent_name")
    mine = AppSettings(lang="zh", recogniser="grammar", pack_path="/my/pack.toml",
                       agent_name="Li")
    forced = policy.apply(mine)
    assert (forced.lang, forced.recogniser, forced.pack_path, forced.agent_name) == (
        "en", "off", "", "Li")


def test_a_broken_policy_locks_everything_and_names_the_line(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('[locked]\nrecogniser = "loud"\n', encoding="utf-8")
    policy = load_policy(path)
    assert policy.lock_all and policy.managed
    assert all(policy.is_locked(name) for name in LOCKABLE)
    assert f"{path}:2: locked.recogniser" in policy.problem


def test_lockable_names_are_agent_settings():
    assert set(LOCKABLE) <= {f.name for f in fields(AppSettings)}
