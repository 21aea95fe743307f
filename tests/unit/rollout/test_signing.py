"""Signed packs: a valid TOML file whose last line signs every byte before it."""

from __future__ import annotations

import os
import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.conduct.pack import default_pack_path, load_pack, parse_pack
from assistant.rollout.keys import (
    KeyFileError,
    TrustedKeys,
    generate_key_pair,
    key_id,
    load_private_key,
)
from assistant.rollout.signing import SignatureError, sign_text, verify_bytes, verify_file

PACK_TEXT = default_pack_path("zh").read_text(encoding="utf-8")


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def test_round_trip_keeps_the_pack_text_and_names_the_key(tmp_path, key):
    signed = sign_text(PACK_TEXT, key)
    assert signed.startswith(PACK_TEXT)
    assert signed.splitlines()[-1].startswith(f"# signature: ed25519 {key_id(key.public_key())} ")
    path = tmp_path / "pack.toml"
    path.write_text(signed, encoding="utf-8")
    verified = verify_file(path, TrustedKeys.of(key.public_key()))
    assert verified.text == PACK_TEXT and verified.key_id == key_id(key.public_key())
    assert load_pack(path) == parse_pack(PACK_TEXT)  # still a plain, valid pack file


def test_signing_again_replaces_the_old_signature(key):
    other = Ed25519PrivateKey.generate()
    twice = sign_text(sign_text(PACK_TEXT, other), key)
    assert twice.count("# signature:") == 1
    verify_bytes(twice.encode(), "p.toml", TrustedKeys.of(key.public_key()))


@pytest.mark.parametrize("where", [0, 500, -200, -40])
def test_one_changed_byte_is_tampering(tmp_path, key, where):
    data = bytearray(sign_text(PACK_TEXT, key).encode("utf-8"))
    data[where] ^= 0x01
    path = tmp_path / "pack.toml"
    with pytest.raises(SignatureError) as err:
        verify_bytes(bytes(data), path, TrustedKeys.of(key.public_key()))
    assert err.value.reason == "tampered"
    assert str(err.value).startswith(f"{path}: tampered pack")


def test_text_after_the_signature_is_tampering(key):
    data = (sign_text(PACK_TEXT, key) + "[rules.volume]\nenabled = false\n").encode()
    with pytest.raises(SignatureError) as err:
        verify_bytes(data, "p.toml", TrustedKeys.of(key.public_key()))
    assert err.value.reason == "unsigned"  # the signature is no longer the last line


def test_untrusted_key_is_named(tmp_path, key):
    stranger = Ed25519PrivateKey.generate()
    with pytest.raises(SignatureError) as err:
        verify_bytes(sign_text(PACK_TEXT, stranger).encode(), tmp_path / "p.toml",
                     TrustedKeys.of(key.public_key()))
    assert err.value.reason == "untrusted"
    assert key_id(stranger.public_key()) in str(err.value)


def test_unsigned_pack_says_how_to_sign_it(tmp_path):
    with pytest.raises(SignatureError) as err:
        verify_bytes(PACK_TEXT.encode(), tmp_path / "p.toml", TrustedKeys({}))
    assert err.value.reason == "unsigned"
    assert "assistant pack sign" in str(err.value)


def test_keygen_writes_a_private_key_only_its_owner_reads(tmp_path):
    files = generate_key_pair(tmp_path / "keys")
    assert stat.S_IMODE(os.stat(files.private).st_mode) == 0o600
    private = load_private_key(files.private)
    trusted = TrustedKeys.load(tmp_path / "keys")
    assert list(trusted.keys) == [files.key_id] == [key_id(private.public_key())]
    with pytest.raises(KeyFileError, match="already exists"):
        generate_key_pair(tmp_path / "keys")


def test_a_broken_public_key_is_reported_and_the_others_still_count(tmp_path, key):
    files = generate_key_pair(tmp_path)
    (tmp_path / "junk.pub").write_text("not a key")
    trusted = TrustedKeys.load(tmp_path)
    assert files.key_id in trusted
    assert len(trusted.problems) == 1 and "junk.pub" in trusted.problems[0]
