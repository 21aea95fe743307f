"""Exporting a pack for roll-out: validate, settle the version, sign, write atomically.

Shared by `assistant pack sign` and the supervisor editor's Export, so both refuse the
same things with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from assistant.conduct.pack import PackError, parse_pack
from assistant.ground.datafile import MAX_BYTES
from assistant.ground.problem_words import problems_text
from assistant.ground.reader import say
from assistant.ground.safefile import SHARED, read_bytes, write_atomically
from assistant.rollout.keys import KeyFileError, key_id, load_private_key
from assistant.rollout.signing import sign_text, split_signature, unsigned_body
from assistant.rollout.versions import bumped, version_key, with_version


MESSAGES = {
    "unreadable": {"en": "{pack}: cannot read the pack: {why}", "zh": "{pack}：无法读取提示包：{why}"},
    "source_not_raised": {
        "en": "{pack} could not be raised to {version} too ({why}): raise its [pack] version "
              "by hand, or the next roll-out from it will drift",
        "zh": "{pack} 的版本未能同时提高到 {version}（{why}）：请手动提高其 [pack] version，"
              "否则下次从它发布会与已发布的版本不一致"},
    "problems": {"en": "the pack has problems; nothing was signed:\n{problems}",
                 "zh": "提示包有问题，未签名：\n{problems}"},
    "not_higher": {
        "en": "{source}: [pack] version {version} is not higher than {previous} already at "
              "{out}; agents keep the higher one — raise the version (or use --bump / 'raise "
              "version' in the editor)",
        "zh": "{source}：[pack] version {version} 不高于 {out} 中已有的 {previous}；坐席端只保留"
              "较高的版本——请提高版本号（或用 --bump / 编辑器中的“提高版本”）"},
    "cannot_write": {"en": "{out}: cannot write the signed pack: {why}",
                     "zh": "{out}：无法写入签名后的提示包：{why}"},
}


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
        raise ExportError(say(MESSAGES, "unreadable", pack=pack, why=exc)) from None
    exported = sign_pack_text(text, pack, key, out, bump=bump)
    if bump and unsigned_body(text) == text and pack.resolve() != out.resolve():
        raised = with_version(text, exported.version)
        if raised != text:
            try:
                write_atomically(pack, raised, mode=SHARED)
            except OSError as exc:
                return replace(exported, source_problem=say(
                    MESSAGES, "source_not_raised", pack=pack, version=exported.version, why=exc))
            return replace(exported, source_updated=True)
    return exported


def sign_pack_text(text: str, source: Path, key: Path, out: Path, *,
                   bump: bool = False) -> Exported:
    """Sign ``text`` (read from ``source``, for error messages) into ``out``."""
    body = unsigned_body(text)
    try:
        pack = parse_pack(body, source)
    except PackError as exc:
        raise ExportError(say(MESSAGES, "problems", problems=problems_text(exc))) from None
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
        raise ExportError(say(MESSAGES, "not_higher", source=source, version=version,
                              previous=previous, out=out))
    signed = sign_text(body, private)
    try:
        write_atomically(out, signed, mode=SHARED, make_parents=True)
    except OSError as exc:
        raise ExportError(say(MESSAGES, "cannot_write", out=out, why=exc)) from None
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
