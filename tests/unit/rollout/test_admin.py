"""Supervisor and administrator commands: a tampered signed file is never 'ok', --bump
keeps the source and the roll-out at one version, one command trusts a key."""

from __future__ import annotations

import tomllib

from assistant.cli import main
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.rollout.keys import generate_key_pair
from assistant.rollout.policy import load_policy


def signed_pack(tmp_path, capsys):
    keys = generate_key_pair(tmp_path / "keys", "floor")
    source = tmp_path / "floor.toml"
    source.write_text(default_pack_path("zh").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "share" / "floor.toml"
    assert main(["pack", "sign", str(source), "--key", str(keys.private), "--out", str(out)]) == 0
    capsys.readouterr()
    return keys, source, out


def test_validate_checks_a_signed_files_signature(tmp_path, capsys, monkeypatch):
    keys, source, out = signed_pack(tmp_path, capsys)
    trusted = tmp_path / "trusted"
    trusted.mkdir()
    (trusted / "floor.pub").write_bytes(keys.public.read_bytes())
    assert main(["pack", "validate", str(out), "--trusted", str(trusted)]) == 0
    assert "signed by key" in capsys.readouterr().out
    out.write_text(out.read_text(encoding="utf-8").replace("interval_s = 15.0",
                                                           "interval_s = 90.0"), encoding="utf-8")
    assert main(["pack", "validate", str(out), "--trusted", str(trusted)]) == 2
    said = capsys.readouterr()
    assert "tampered" in said.err and "ok" not in said.out
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(tmp_path / "empty-site"))
    assert main(["pack", "validate", str(out)]) == 0  # no key to check it with: says so
    assert "signature NOT checked" in capsys.readouterr().out


def test_bump_raises_the_source_too(tmp_path, capsys):
    keys, source, out = signed_pack(tmp_path, capsys)
    before = load_pack(source).pack.version
    assert main(["pack", "sign", str(source), "--key", str(keys.private), "--out", str(out),
                 "--bump"]) == 0
    assert "too" in capsys.readouterr().out
    assert load_pack(source).pack.version != before
    body = out.read_text(encoding="utf-8")
    assert f'version = "{load_pack(source).pack.version}"' in body


def test_one_command_trusts_a_key_and_sets_the_managed_folder(tmp_path, capsys, monkeypatch):
    site = tmp_path / "site"
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(site))
    site.mkdir()
    (site / "policy.toml").write_text('[locked]\nlang = "zh"\n', encoding="utf-8")
    keys = generate_key_pair(tmp_path / "keys", "floor")
    assert main(["pack", "trust", str(keys.public), "--managed-folder", "/mnt/packs"]) == 0
    assert f"{keys.key_id}" in capsys.readouterr().out
    assert (site / "trusted-keys" / f"{keys.key_id}.pub").read_bytes() == keys.public.read_bytes()
    policy = load_policy()
    assert str(policy.managed_folder) == "/mnt/packs" and policy.forced == {"lang": "zh"}
    assert tomllib.loads((site / "policy.toml").read_text())["locked"] == {"lang": "zh"}
    assert main(["pack", "trust", str(tmp_path / "nope.pub")]) == 2
