"""One command for the administrator: trust a signing key and set the managed folder.

``sudo assistant pack trust floor.pub --managed-folder /mnt/callcentre/packs`` checks the
key, copies it into the site's ``trusted-keys/`` (named by its key id) and writes the
``[packs]`` table of the site's ``policy.toml``, keeping its ``[locked]`` settings, so no
one edits ``/etc/xdg`` by hand. The result is checked as the agent's app would read it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from assistant.ground.safefile import SHARED, write_atomically
from assistant.rollout.keys import KeyFileError, key_id, load_public_key
from assistant.rollout.policy import load_policy
from assistant.rollout.site import policy_path, trusted_keys_dir


class AdminError(Exception):
    """Nothing was changed; the message says why."""


@dataclass(frozen=True)
class Trusted:
    key_id: str
    key_file: Path
    policy_file: Path | None


def trust_key(public: Path, *, managed_folder: str | None = None,
              pack_id: str | None = None) -> Trusted:
    try:
        key = load_public_key(public)
    except KeyFileError as exc:
        raise AdminError(str(exc)) from None
    kid = key_id(key)
    policy_file = policy_path()
    table = None
    if managed_folder is not None:
        table = _policy_with_packs(policy_file, managed_folder, pack_id)
    target = trusted_keys_dir() / f"{kid}.pub"
    try:
        write_atomically(target, public.read_text(encoding="utf-8"), mode=SHARED,
                         make_parents=True)
        if table is not None:
            write_atomically(policy_file, tomli_w.dumps(table), mode=SHARED, make_parents=True)
    except OSError as exc:
        raise AdminError(f"cannot write to the site folder ({exc}); run it as an "
                         f"administrator (sudo on Linux)") from None
    policy = load_policy(policy_file)
    if policy.problem:
        raise AdminError(policy.problem)
    return Trusted(kid, target, policy_file if table is not None else None)


def _policy_with_packs(path: Path, folder: str, pack_id: str | None) -> dict:
    data: dict = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise AdminError(f"{path}: the policy cannot be read ({exc}); fix or remove it "
                             f"first, nothing was changed") from None
    packs = {"folder": folder}
    if pack_id:
        packs["pack_id"] = pack_id
    data["packs"] = packs
    return data
