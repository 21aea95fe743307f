"""Signed pack files: a pack stays a valid, readable TOML file with its signature as the
last line, a TOML comment::

    # signature: ed25519 <key-id> <base64 signature>

The signature covers the exact bytes before that line (the pack text, ending in a
newline), so line numbers in pack errors are those of the file the supervisor exported,
and ``assistant pack validate`` still reads a signed file. Anything after the signature
line, or any changed byte before it, makes the file *tampered*.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.ground.datafile import MAX_BYTES
from assistant.ground.reader import say
from assistant.ground.safefile import read_bytes
from assistant.rollout.keys import TrustedKeys, key_id

PREFIX = b"# signature: "
_LINE = re.compile(rb"^# signature: ed25519 ([0-9a-f]{16}) ([A-Za-z0-9+/=]+)\r?\n?$")


MESSAGES = {
    "unsigned": {"en": "unsigned pack: it has no '# signature:' last line; export it from "
                       "`assistant supervise` or sign it with `assistant pack sign`",
                 "zh": "提示包未签名：最后一行没有“# signature:”；请在 `assistant supervise` 中导出，"
                       "或用 `assistant pack sign` 签名"},
    "damaged": {"en": "tampered pack: its signature line is damaged or not the last line; ask "
                      "your supervisor for a freshly signed copy",
                "zh": "提示包已被改动：签名行损坏或不在最后一行；请向主管索取重新签名的文件"},
    "base64": {"en": "tampered pack: the signature is not valid base64; ask for a freshly "
                     "signed copy",
               "zh": "提示包已被改动：签名不是有效的 base64；请索取重新签名的文件"},
    "in_folder": {"en": " in {folder}", "zh": "（{folder}）"},
    "untrusted": {"en": "signed by an untrusted key ({kid}): no trusted public key with that "
                        "id{where}; an administrator must install the supervisor's .pub file "
                        "there",
                  "zh": "签名密钥不受信任（{kid}）：受信任的公钥{where}中没有这个编号；"
                        "请管理员把主管的 .pub 文件装到那里"},
    "mismatch": {"en": "tampered pack: the text does not match its signature (key {kid}); it "
                       "was changed after signing — ask for a freshly signed copy",
                 "zh": "提示包已被改动：内容与签名（密钥 {kid}）不符，签名后被修改过；"
                       "请索取重新签名的文件"},
    "unreadable": {"en": "cannot read the pack: {why}", "zh": "无法读取提示包：{why}"},
}


class SignatureError(Exception):
    """A pack file cannot be trusted. ``reason`` is one of ``unsigned``, ``tampered``,
    ``untrusted``, ``unreadable``; the message names the file and what to do."""

    def __init__(self, path: Path, reason: str, message: str):
        self.path, self.reason, self.message = path, reason, message
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True)
class Verified:
    body: bytes
    """The pack text the signature covers (without the signature line)."""
    key_id: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def split_signature(data: bytes) -> tuple[bytes, bytes | None]:
    """The body and the signature line, if the last line is one."""
    stripped = data.rstrip(b"\r\n")
    start = stripped.rfind(b"\n") + 1
    last = data[start:]
    if last.startswith(PREFIX):
        return data[:start], last
    return data, None


def unsigned_body(text: str) -> str:
    """The text without a signature line, ending in exactly one newline (what gets signed)."""
    body, _ = split_signature(text.encode("utf-8"))
    return body.decode("utf-8").rstrip("\r\n") + "\n"


def sign_text(text: str, private: Ed25519PrivateKey) -> str:
    """The text (an old signature dropped) followed by a fresh signature line."""
    body = unsigned_body(text).encode("utf-8")
    signature = base64.b64encode(private.sign(body)).decode("ascii")
    return body.decode("utf-8") + f"# signature: ed25519 {key_id(private.public_key())} {signature}\n"


def verify_bytes(data: bytes, path: Path, trusted: TrustedKeys) -> Verified:
    """Check a signed pack file's bytes; raise :class:`SignatureError` saying why not."""
    body, line = split_signature(data)
    if line is None:
        raise SignatureError(path, "unsigned", say(MESSAGES, "unsigned"))
    match = _LINE.match(line)
    if match is None:
        raise SignatureError(path, "tampered", say(MESSAGES, "damaged"))
    kid = match.group(1).decode("ascii")
    try:
        signature = base64.b64decode(match.group(2), validate=True)
    except binascii.Error:
        raise SignatureError(path, "tampered", say(MESSAGES, "base64")) from None
    public = trusted.get(kid)
    if public is None:
        where = say(MESSAGES, "in_folder", folder=trusted.folder) if trusted.folder else ""
        raise SignatureError(path, "untrusted", say(MESSAGES, "untrusted", kid=kid, where=where))
    try:
        public.verify(signature, body)
    except InvalidSignature:
        raise SignatureError(path, "tampered", say(MESSAGES, "mismatch", kid=kid)) from None
    return Verified(body, kid)


def verify_file(path: Path, trusted: TrustedKeys) -> Verified:
    try:
        data = read_bytes(path, MAX_BYTES)
    except OSError as exc:
        raise SignatureError(path, "unreadable", say(MESSAGES, "unreadable", why=exc)) from None
    return verify_bytes(data, path, trusted)
