"""The managed folder: agents' apps take their pack from a (read-only) company share.

Only signed packs from trusted keys are accepted. Of the good ones the highest
``[pack] version`` wins (ties: the newest file). The accepted file is copied, signature
and all, into the user data dir; on the next start that copy is a candidate too, checked
again like any other, so a restart with a tampered or unreachable share keeps the last
good pack, and a lower version on the share never replaces a higher one already accepted.
Every refused file is reported with why, so the message on the agent's screen and the
administrator's log say the same thing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.conduct.pack import Pack, PackError, parse_pack
from assistant.ground.datafile import MAX_BYTES
from assistant.ground.notices import PackRefusal, PackRefusalKind
from assistant.ground.paths import private_dir
from assistant.ground.safefile import read_bytes, write_atomically
from assistant.rollout.keys import TrustedKeys
from assistant.rollout.signing import SignatureError, verify_file
from assistant.rollout.versions import version_key

CACHE_NAME = "last-good.toml"
HIGHEST_NAME = "pack-versions.json"
SOURCE_NAME = "last-good.source"


@dataclass(frozen=True)
class Refused:
    path: Path
    reason: str
    """``unsigned``, ``tampered``, ``untrusted``, ``unreadable`` or ``invalid`` (bad pack)."""
    message: str

    @property
    def notice(self) -> PackRefusal:
        return PackRefusal(PackRefusalKind(self.reason), str(self.path), message=self.message)


@dataclass(frozen=True)
class ManagedPack:
    pack: Pack
    path: Path
    """Where it was read: a file in the managed folder, or the cache."""
    key_id: str
    from_cache: bool = False
    source: str = ""
    """For a cached pack: the share file it first came from."""


@dataclass(frozen=True)
class ManagedLoad:
    chosen: ManagedPack | None
    refused: list[Refused] = field(default_factory=list)
    notes: list[PackRefusal] = field(default_factory=list)
    """What is wrong besides refused files: an unreachable share, a version rolled back."""

    def notices(self) -> tuple[PackRefusal, ...]:
        """Every reason, the share's first: what front ends word for the agent."""
        return tuple(self.notes) + tuple(r.notice for r in self.refused)

    def problem(self) -> str | None:
        """The log's and the administrator's account (refusals, unreachable share), or
        ``None``; front ends word :meth:`notices` instead."""
        lines = [str(n) for n in self.notices()]
        if self.chosen is None:
            head = "no usable signed pack in the managed folder; using the default pack"
            return head + (":\n" + "\n".join(lines) if lines else "")
        if not lines:
            return None
        p = self.chosen.pack.pack
        where = "the last good copy" if self.chosen.from_cache else str(self.chosen.path)
        head = f"keeping pack {p.id} {p.version} ({where})"
        return head + ":\n" + "\n".join(lines)


def load_managed(folder: Path | None, trusted: TrustedKeys, cache_dir: Path,
                 pack_id: str | None = None) -> ManagedLoad:
    refused: list[Refused] = []
    notes: list[PackRefusal] = []
    share: list[tuple[tuple, ManagedPack]] = []
    if folder is not None and not folder.is_dir():
        notes.append(PackRefusal(PackRefusalKind.UNREACHABLE, str(folder),
                                 message=f"the managed pack folder {folder} cannot be reached"))
    elif folder is not None:
        for path in sorted(folder.glob("*.toml")):
            found = _check(path, trusted, pack_id, refused)
            if found is not None:
                share.append(((version_key(found.pack.pack.version), _mtime(path)), found))
    cached = _cached(cache_dir, trusted, pack_id, refused)
    best = max(share, key=lambda c: c[0])[1] if share else None
    if best is None:
        return ManagedLoad(cached, refused, notes)
    if cached is not None and cached.pack.pack.id == best.pack.pack.id and (
            version_key(cached.pack.pack.version) > version_key(best.pack.pack.version)):
        notes.append(_rollback(best, cached.pack.pack.version, "already accepted"))
        return ManagedLoad(cached, refused, notes)
    highest = _highest_seen(cache_dir).get(best.pack.pack.id)
    if cached is None and highest and version_key(highest) > version_key(best.pack.pack.version):
        notes.append(_rollback(best, highest, "this machine accepted before (its last good "
                                              "copy is gone)"))
        return ManagedLoad(None, refused, notes)
    _remember(best.path, cache_dir)
    _raise_highest(cache_dir, best.pack.pack.id, best.pack.pack.version)
    return ManagedLoad(best, refused, notes)


def _rollback(best: ManagedPack, held: str, when: str) -> PackRefusal:
    version = best.pack.pack.version
    return PackRefusal(PackRefusalKind.ROLLBACK, str(best.path), version, held,
                       f"{best.path} has version {version}, lower than {held} {when}; a pack "
                       f"is never rolled back (sign the older one with a higher version to "
                       f"go back)")


def _highest_path(cache_dir: Path) -> Path:
    """Beside the cache, not in it: wiping ``managed-pack/`` does not reset it. (An agent
    who wipes the whole data dir can; the administrator removes old packs from the share.)"""
    return cache_dir.parent / HIGHEST_NAME


def _highest_seen(cache_dir: Path) -> dict[str, str]:
    try:
        data = json.loads(read_bytes(_highest_path(cache_dir), 64 * 1024))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) \
        else {}


def _raise_highest(cache_dir: Path, pack_id: str, version: str) -> None:
    seen = _highest_seen(cache_dir)
    if pack_id in seen and version_key(seen[pack_id]) >= version_key(version):
        return
    seen[pack_id] = version
    try:
        private_dir(cache_dir.parent)
        write_atomically(_highest_path(cache_dir), json.dumps(seen))
    except OSError:
        pass  # a read-only data dir: the cached copy still guards against rollback


def _check(path: Path, trusted: TrustedKeys, pack_id: str | None,
           refused: list[Refused]) -> ManagedPack | None:
    try:
        verified = verify_file(path, trusted)
        pack = parse_pack(verified.text, path)
    except SignatureError as exc:
        refused.append(Refused(path, exc.reason, f"refused {exc}"))
        return None
    except UnicodeDecodeError:
        refused.append(Refused(path, "invalid", f"refused {path}: not UTF-8 text"))
        return None
    except PackError as exc:
        refused.append(Refused(path, "invalid", f"refused (signed, but not a valid pack) {exc}"))
        return None
    if pack_id and pack.pack.id != pack_id:
        return None
    return ManagedPack(pack, path, verified.key_id)


def _cached(cache_dir: Path, trusted: TrustedKeys, pack_id: str | None,
            refused: list[Refused]) -> ManagedPack | None:
    path = cache_dir / CACHE_NAME
    if not path.exists():
        return None
    found = _check(path, trusted, pack_id, refused)
    if found is None:
        return None
    try:
        source = (cache_dir / SOURCE_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        source = ""
    return ManagedPack(found.pack, path, found.key_id, from_cache=True, source=source)


def _remember(path: Path, cache_dir: Path) -> None:
    """Copy the accepted file's exact bytes into the cache (atomically; best effort)."""
    try:
        data = read_bytes(path, MAX_BYTES)
        private_dir(cache_dir)
        cache_dir.chmod(0o700)
        target = cache_dir / CACHE_NAME
        if target.exists() and target.read_bytes() == data:
            return
        write_atomically(target, data)
        (cache_dir / SOURCE_NAME).write_text(str(path), encoding="utf-8")
    except OSError:
        pass  # a read-only data dir only costs the restart fallback


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
