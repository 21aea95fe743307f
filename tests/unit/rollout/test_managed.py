"""The managed folder: newest good signed pack wins, bad ones are refused and named, and the
last good pack survives a tampered or unreachable share, also across a restart."""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.conduct.pack import default_pack_path
from assistant.rollout.agent import managed_pack
from assistant.rollout.keys import TrustedKeys
from assistant.rollout.managed import load_managed
from assistant.rollout.policy import Policy
from assistant.rollout.signing import sign_text
from assistant.rollout.versions import with_version

TEXT = default_pack_path("zh").read_text(encoding="utf-8")


@pytest.fixture
def key():
    return Ed25519PrivateKey.generate()


@pytest.fixture
def trusted(key):
    return TrustedKeys.of(key.public_key())


def publish(folder, name, key, version, *, change=("", "")):
    folder.mkdir(parents=True, exist_ok=True)
    text = with_version(TEXT, version).replace(*change)
    path = folder / name
    path.write_text(sign_text(text, key), encoding="utf-8")
    return path


def tamper(path):
    text = path.read_text(encoding="utf-8")
    assert "priority = 30" in text
    path.write_text(text.replace("priority = 30", "priority = 31"), encoding="utf-8")


def test_newest_valid_version_wins(tmp_path, key, trusted):
    share = tmp_path / "share"
    publish(share, "a.toml", key, "1.2")
    publish(share, "b.toml", key, "1.10")
    publish(share, "c.toml", key, "1.9")
    load = load_managed(share, trusted, tmp_path / "cache")
    assert load.chosen.pack.pack.version == "1.10"
    assert load.chosen.path == share / "b.toml" and not load.refused
    assert load.problem() is None


def test_tampered_unsigned_and_untrusted_are_refused_and_named(tmp_path, key, trusted):
    share = tmp_path / "share"
    publish(share, "good.toml", key, "1.0")
    tamper(publish(share, "newer.toml", key, "2.0"))
    (share / "plain.toml").write_text(with_version(TEXT, "3.0"), encoding="utf-8")
    publish(share, "stranger.toml", Ed25519PrivateKey.generate(), "4.0")
    load = load_managed(share, trusted, tmp_path / "cache")
    assert load.chosen.path == share / "good.toml"
    reasons = {r.path.name: r.reason for r in load.refused}
    assert reasons == {"newer.toml": "tampered", "plain.toml": "unsigned",
                       "stranger.toml": "untrusted"}
    message = load.problem()
    assert f"{share / 'newer.toml'}: tampered pack" in message
    assert "keeping pack default-zh 1.0" in message


def test_a_signed_but_invalid_pack_names_file_line_and_field(tmp_path, key, trusted):
    share = tmp_path / "share"
    publish(share, "good.toml", key, "1.0")
    publish(share, "bad.toml", key, "2.0", change=("interval_s = 15.0", "interval_s = 1"))
    load = load_managed(share, trusted, tmp_path / "cache")
    assert load.chosen.pack.pack.version == "1.0"
    [refused] = load.refused
    assert refused.reason == "invalid"
    assert f"{share / 'bad.toml'}:" in refused.message
    assert "rules.hold_update.interval_s" in refused.message


def test_last_good_pack_survives_a_tampered_share_across_restart(tmp_path, key, trusted):
    share, cache = tmp_path / "share", tmp_path / "cache"
    path = publish(share, "pack.toml", key, "1.3", change=("interval_s = 15.0",
                                                            "interval_s = 20.0"))
    first = load_managed(share, trusted, cache)
    assert first.chosen.pack.rules.hold_update.interval_s == 20.0
    tamper(path)  # the share is now tampered; the app restarts
    again = load_managed(share, trusted, cache)
    assert again.chosen.from_cache and again.chosen.source == str(path)
    assert again.chosen.pack.rules.hold_update.interval_s == 20.0
    assert again.chosen.pack.pack.version == "1.3"
    assert [r.reason for r in again.refused] == ["tampered"]
    assert "the last good copy" in again.problem()
    gone = load_managed(tmp_path / "unplugged", trusted, cache)  # share unreachable
    assert gone.chosen.from_cache and "cannot be reached" in gone.problem()


def test_a_tampered_cache_is_refused_too(tmp_path, key, trusted):
    share, cache = tmp_path / "share", tmp_path / "cache"
    path = publish(share, "pack.toml", key, "1.0")
    load_managed(share, trusted, cache)
    os.remove(path)
    tamper(cache / "last-good.toml")
    load = load_managed(share, trusted, cache)
    assert load.chosen is None
    assert [r.reason for r in load.refused] == ["tampered"]
    assert load.problem().startswith("no usable signed pack in the managed folder; using the "
                                     "default pack")


def test_a_lower_version_never_replaces_an_accepted_one(tmp_path, key, trusted):
    share, cache = tmp_path / "share", tmp_path / "cache"
    publish(share, "pack.toml", key, "2.0")
    load_managed(share, trusted, cache)
    publish(share, "pack.toml", key, "1.5")  # a stale copy put back on the share
    load = load_managed(share, trusted, cache)
    assert load.chosen.from_cache and load.chosen.pack.pack.version == "2.0"
    assert "never rolled back" in load.problem()
    publish(share, "pack.toml", key, "2.1")
    assert load_managed(share, trusted, cache).chosen.pack.pack.version == "2.1"


def test_pack_id_filter(tmp_path, key, trusted):
    share = tmp_path / "share"
    publish(share, "zh.toml", key, "5.0")
    publish(share, "other.toml", key, "1.0", change=('id = "default-zh"', 'id = "acme-zh"'))
    load = load_managed(share, trusted, tmp_path / "cache", pack_id="acme-zh")
    assert load.chosen.pack.pack.id == "acme-zh"


def test_agent_pack_falls_back_to_the_default_pack_and_says_why(tmp_path, trusted):
    policy = Policy(managed_folder=tmp_path / "empty")
    agent = managed_pack("en", policy, trusted, tmp_path / "cache")
    assert agent.pack.pack.id == "default-en"
    assert "cannot be reached" in agent.problem
    assert managed_pack("en", Policy(), trusted, tmp_path / "cache") is None  # not managed


def test_wiping_the_cache_does_not_let_an_older_pack_back_in(tmp_path, key, trusted):
    share, cache = tmp_path / "share", tmp_path / "data" / "managed-pack"
    publish(share, "pack.toml", key, "2.0")
    assert load_managed(share, trusted, cache).chosen.pack.pack.version == "2.0"
    for path in cache.iterdir():
        path.unlink()
    cache.rmdir()
    publish(share, "pack.toml", key, "1.5")
    load = load_managed(share, trusted, cache)
    assert load.chosen is None
    assert "lower than 2.0 this machine accepted before" in load.problem()
    publish(share, "pack.toml", key, "2.1")
    assert load_managed(share, trusted, cache).chosen.pack.pack.version == "2.1"


def test_the_cache_and_data_dir_are_private(tmp_path, key, trusted):
    share, cache = tmp_path / "share", tmp_path / "data" / "managed-pack"
    publish(share, "pack.toml", key, "2.0")
    load_managed(share, trusted, cache)
    for folder in (cache, cache.parent):
        assert folder.stat().st_mode & 0o077 == 0, folder


def test_a_device_or_a_fifo_in_the_share_is_refused_without_reading_it(tmp_path, key, trusted):
    import threading

    share, cache = tmp_path / "share", tmp_path / "cache"
    publish(share, "good.toml", key, "1.0")
    (share / "zero.toml").symlink_to("/dev/zero")
    os.mkfifo(share / "fifo.toml")
    result = {}
    thread = threading.Thread(target=lambda: result.update(load=load_managed(share, trusted,
                                                                            cache)),
                              daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "the share's FIFO hung the pack check"
    load = result["load"]
    assert load.chosen.pack.pack.version == "1.0"
    refused = {r.path.name: r.message for r in load.refused}
    assert "not a regular file (device)" in refused["zero.toml"]
    assert "not a regular file (pipe)" in refused["fifo.toml"]


def test_a_signed_pack_with_a_placeholder_typo_is_refused_by_the_agent(tmp_path, key, trusted):
    share, cache = tmp_path / "share", tmp_path / "cache"
    publish(share, "good.toml", key, "1.0")
    publish(share, "typo.toml", key, "9.0", change=("{waited:.0f}", "{waited.x}"))
    load = load_managed(share, trusted, cache)
    assert load.chosen.pack.pack.version == "1.0"
    [refused] = load.refused
    assert refused.reason == "invalid" and "rules.hold_update.text" in refused.message
