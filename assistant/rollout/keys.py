"""Ed25519 signing keys: making a supervisor's key pair and knowing which keys an agent trusts.

A key pair is two files: ``<name>.key`` (the private key, PKCS#8 PEM, created 0600: only
the supervisor may read it) and ``<name>.pub`` (the public key, PEM) which administrators
copy into the agents' trusted-keys folder (see :mod:`assistant.rollout.site`). A key is
named in signatures by its *key id*: the first 16 hex digits of the sha256 of the raw
32-byte public key, so a file names its signer without carrying the key.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from assistant.ground.safefile import read_bytes


class KeyFileError(Exception):
    """A key file is missing, unreadable or not an Ed25519 key; the message says which."""


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class KeyPairFiles:
    private: Path
    public: Path
    key_id: str


KEY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
"""A key's file stem: letters, digits, ``_`` and ``-`` (never a path, never hidden)."""


def loose_permissions(path: Path) -> str | None:
    """Why a private key file is too open (group or others may read it), or ``None``."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        return None
    if os.name != "posix" or not mode & 0o077:
        return None
    return (f"{path} can be read by other users (mode {mode:04o}): anyone who copies it can "
            f"sign packs in your name; run `chmod 600 {path}`")


def generate_key_pair(folder: Path, name: str = "supervisor") -> KeyPairFiles:
    """Write a new key pair into ``folder``; never overwrite an existing key."""
    if not KEY_NAME.fullmatch(name):
        raise KeyFileError(f"--name {name!r}: use letters, digits, '_' and '-' only (the key "
                           f"files are written as NAME.key and NAME.pub inside --out)")
    folder.mkdir(parents=True, exist_ok=True)
    private_path, public_path = folder / f"{name}.key", folder / f"{name}.pub"
    for path in (private_path, public_path):
        if path.exists():
            raise KeyFileError(f"{path} already exists; choose another --out folder or --name "
                            f"(an existing key is never overwritten)")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    os.chmod(private_path, 0o600)  # umask cannot widen it, but be explicit on odd systems
    public = key.public_key()
    public_path.write_bytes(public.public_bytes(serialization.Encoding.PEM,
                                                serialization.PublicFormat.SubjectPublicKeyInfo))
    return KeyPairFiles(private_path, public_path, key_id(public))


def load_private_key(path: Path) -> Ed25519PrivateKey:
    data = _read(path, "private key")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise KeyFileError(f"{path}: not a readable private key ({exc}); use the .key file "
                        f"`assistant pack keygen` wrote") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path}: not an Ed25519 private key")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    data = _read(path, "public key")
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise KeyFileError(f"{path}: not a readable public key ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError(f"{path}: not an Ed25519 public key")
    return key


def _read(path: Path, what: str) -> bytes:
    try:
        return read_bytes(path, 64 * 1024)
    except FileNotFoundError:
        raise KeyFileError(f"{path}: no such {what} file") from None
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the {what}: {exc}") from None


@dataclass(frozen=True)
class TrustedKeys:
    """The public keys an agent's app accepts packs from, by key id; ``problems`` lists key
    files that could not be read (reported, never fatal: the other keys still work)."""

    keys: dict[str, Ed25519PublicKey]
    folder: Path | None = None
    problems: tuple[str, ...] = ()

    def __contains__(self, kid: object) -> bool:
        return kid in self.keys

    def get(self, kid: str) -> Ed25519PublicKey | None:
        return self.keys.get(kid)

    @classmethod
    def of(cls, *publics: Ed25519PublicKey) -> TrustedKeys:
        return cls({key_id(k): k for k in publics})

    @classmethod
    def load(cls, folder: Path | None = None) -> TrustedKeys:
        """Every ``*.pub`` in the folder (default: the site's trusted-keys folder)."""
        from assistant.rollout.site import trusted_keys_dir

        folder = folder or trusted_keys_dir()
        keys: dict[str, Ed25519PublicKey] = {}
        problems: list[str] = []
        for path in sorted(folder.glob("*.pub")) if folder.is_dir() else []:
            try:
                public = load_public_key(path)
            except KeyFileError as exc:
                problems.append(str(exc))
            else:
                keys[key_id(public)] = public
        return cls(keys, folder, tuple(problems))
