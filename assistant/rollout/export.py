"""Exporting a pack for roll-out: validate, settle the version, sign, write atomically.

Shared by `assistant pack sign` and the supervisor editor's Export, so both refuse the
same things with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from assistant.conduct.pack import PackError, parse_pack
from assistant.ground.datafile import MAX_BYTES
from assistant.ground.safefile import SHARED, read_bytes, write_atomically
from assistant.rollout.keys import KeyFileError, key_id, load_private_key
from assistant.rollout.signing import sign_text, split_signature, unsigned_body
from assistant.rollout.versions import bumped, version_key, with_version


class ExportError(Exception):
    """The pack was not exported; the message says why and what to do."""


@dataclass(frozen=True)
class Exported:
    pack_id: str
    version: str
    key_id: str
    text: str
    source_updated: bool = False
    """``--bump`` also raised the version in the source file, so it and the roll-out agree."""
    source_problem: str = ""
    """Why the source could not be raised too (it was signed all the same)."""


def sign_pack_file(pack: Path, key: Path, out: Path, *, bump: bool = False) -> Exported:
    try:
        text = read_bytes(pack, MAX_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(f"{pack}: cannot read the pack: {exc}") from None
    exported = sign_pack_text(text, pack, key, out, bump=bump)
    if bump and unsigned_body(text) == text and pack.resolve() != out.resolve():
        raised = with_version(text, exported.version)
        if raised != text:
            try:
                write_atomically(pack, raised, mode=SHARED)
            except OSError as exc:
                return replace(exported, source_problem=(
                    f"{pack} could not be raised to {exported.version} too ({exc}): raise its "
                    f"[pack] version by hand, or the next roll-out from it will drift"))
            return replace(exported, source_updated=True)
    return exported


def sign_pack_text(text: str, source: Path, key: Path, out: Path, *,
                   bump: bool = False) -> Exported:
    """Sign ``text`` (read from ``source``, for error messages) into ``out``."""
    body = unsigned_body(text)
    try:
        pack = parse_pack(body, source)
    except PackError as exc:
        raise ExportError(f"the pack has problems; nothing was signed:\n{exc}") from None
    try:
        private = load_private_key(key)
    except KeyFileError as exc:
        raise ExportError(str(exc)) from None
    version = pack.pack.version
    previous = _previous_version(out, pack.pack.id)
    if bump:
        version = bumped(max(version, previous or version, key=version_key))
        body = with_version(body, version)
    elif previous is not None and version_key(version) <= version_key(previous):
        raise ExportError(f"{source}: [pack] version {version} is not higher than {previous} "
                          f"already at {out}; agents keep the higher one — raise the version "
                          f"(or use --bump / 'raise version' in the editor)")
    signed = sign_text(body, private)
    try:
        write_atomically(out, signed, mode=SHARED, make_parents=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot write the signed pack: {exc}") from None
    return Exported(pack.pack.id, version, key_id(private.public_key()), signed)


def _previous_version(out: Path, pack_id: str) -> str | None:
    """The version of the same pack already at ``out`` (signature not checked: this is only
    about not exporting a version agents would ignore)."""
    try:
        body, _ = split_signature(out.read_bytes())
        previous = parse_pack(body.decode("utf-8"), out)
    except (OSError, UnicodeDecodeError, PackError):
        return None
    return previous.pack.version if previous.pack.id == pack_id else None
