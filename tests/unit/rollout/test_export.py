"""`assistant pack sign` / the editor's Export: validate, settle the version, sign."""

from __future__ import annotations

import pytest

from assistant.cli import main
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.rollout.export import ExportError, sign_pack_file
from assistant.rollout.keys import TrustedKeys, generate_key_pair
from assistant.rollout.signing import verify_file
from assistant.rollout.versions import bumped, version_key, with_version


def test_versions_order_and_bump():
    assert version_key("1.10") > version_key("1.9.9")
    assert bumped("1.4") == "1.5" and bumped("1.4.9") == "1.4.10"
    text = default_pack_path("zh").read_text(encoding="utf-8")
    changed = with_version(text, "2.0.3")
    assert 'version = "2.0.3"' in changed
    assert changed.replace('"2.0.3"', '"1.0.0"') == text  # nothing else moved


def test_sign_refuses_the_same_version_twice_and_bump_raises_it(tmp_path):
    keys = generate_key_pair(tmp_path / "keys")
    out = tmp_path / "share" / "pack.toml"
    source = tmp_path / "floor.toml"  # a copy: --bump raises the source's version too
    source.write_text(default_pack_path("zh").read_text(encoding="utf-8"), encoding="utf-8")
    first = sign_pack_file(source, keys.private, out)
    assert first.version == "1.0.0"
    with pytest.raises(ExportError, match="not higher than 1.0.0"):
        sign_pack_file(source, keys.private, out)
    again = sign_pack_file(source, keys.private, out, bump=True)
    assert again.source_updated and load_pack(source).pack.version == "1.0.1"
    assert again.version == "1.0.1"
    assert verify_file(out, TrustedKeys.load(tmp_path / "keys")).key_id == keys.key_id
    assert load_pack(out).pack.version == "1.0.1"


def test_sign_refuses_a_broken_pack_naming_the_line(tmp_path):
    keys = generate_key_pair(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text(default_pack_path("zh").read_text(encoding="utf-8").replace(
        "interval_s = 15.0", "interval_s = 1"), encoding="utf-8")
    with pytest.raises(ExportError, match=r"bad.toml:\d+: rules.hold_update.interval_s"):
        sign_pack_file(bad, keys.private, tmp_path / "out.toml")
    assert not (tmp_path / "out.toml").exists()


def test_cli_keygen_sign_verify(tmp_path, capsys):
    assert main(["pack", "keygen", "--out", str(tmp_path / "k")]) == 0
    out = tmp_path / "signed.toml"
    assert main(["pack", "sign", str(default_pack_path("en")), "--key",
                 str(tmp_path / "k" / "supervisor.key"), "--out", str(out)]) == 0
    assert main(["pack", "verify", str(out), "--trusted", str(tmp_path / "k")]) == 0
    assert "ok — default-en 1.0.0, signed by key" in capsys.readouterr().out
    out.write_text(out.read_text(encoding="utf-8").replace("-10.0", "-11.0"), encoding="utf-8")
    assert main(["pack", "verify", str(out), "--trusted", str(tmp_path / "k")]) == 2
    assert f"{out}: tampered pack" in capsys.readouterr().err
