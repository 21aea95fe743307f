"""The overlay says why a pack was refused or the recording stopped in its own words, from
the very messages the roll-out and the recorder write."""

from __future__ import annotations

import errno

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.rollout.keys import TrustedKeys
from assistant.rollout.managed import load_managed
from assistant.sessions.recording.recorder import describe
from assistant.ui.i18n import Texts
from assistant.ui.model.reasons import pack_reason, recording_reason
from tests.unit.rollout.test_managed import TEXT, publish, tamper


@pytest.fixture
def refusals(tmp_path):
    """One real refusal of each kind, as ``load_managed`` words it."""
    key, stranger = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    share = tmp_path / "share"
    publish(share, "good.toml", key, "1.0")
    out = {}
    for kind, make in {
        "tampered": lambda p: tamper(publish(share, p, key, "2.0")),
        "unsigned": lambda p: (share / p).write_text(TEXT, encoding="utf-8"),
        "untrusted": lambda p: publish(share, p, stranger, "3.0"),
        "invalid": lambda p: publish(share, p, key, "4.0", change=("interval_s = 15.0",
                                                                   "interval_s = -1.0")),
    }.items():
        for old in share.glob("x-*.toml"):
            old.unlink()
        make(f"x-{kind}.toml")
        load = load_managed(share, TrustedKeys.of(key.public_key()), tmp_path / "cache")
        out[kind] = load.problem()
    out["unreachable"] = load_managed(tmp_path / "gone", TrustedKeys.of(key.public_key()),
                                      tmp_path / "cache2").problem()
    return out


@pytest.mark.parametrize("kind, zh, en", [
    ("tampered", "x-tampered.toml 签名不符，文件已被改动", "x-tampered.toml was changed after signing"),
    ("unsigned", "x-unsigned.toml 未签名", "x-unsigned.toml is not signed"),
    ("untrusted", "x-untrusted.toml 的签名密钥不受本机信任", "does not trust"),
    ("invalid", "x-invalid.toml 内容有误", "x-invalid.toml is not a valid pack"),
    ("unreachable", "无法访问规则包文件夹", "the pack folder cannot be reached"),
])
def test_each_refusal_reads_in_the_overlays_words(refusals, kind, zh, en):
    problem = refusals[kind]
    assert problem, kind
    assert pack_reason(problem, Texts("zh")) == zh
    assert en in pack_reason(problem, Texts("en"))
    assert "/" not in pack_reason(problem, Texts("en"))  # no folders on the overlay


def test_an_unknown_reason_is_shown_as_it_came_without_folders():
    problem = "keeping pack p 1.0 (/a/b.toml):\nsomething new happened to /srv/packs/c.toml"
    assert pack_reason(problem, Texts("zh")) == "something new happened to c.toml"


def test_recording_reasons_from_the_recorders_own_words(tmp_path):
    full = describe(OSError(errno.ENOSPC, "No space left on device"), tmp_path)
    denied = describe(PermissionError(errno.EACCES, "Permission denied", str(tmp_path)), None)
    words = Texts("zh", "recording")
    assert recording_reason(full, words) == "磁盘已满，请清理空间"
    assert recording_reason(denied, words) == "无法写入通话记录文件夹，请联系管理员"
    assert recording_reason("database is locked", words) == "database is locked"
