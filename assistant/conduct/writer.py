"""Writing a pack back to TOML, laid out the way the shipped packs are.

Every field is written, defaults included, so the file a supervisor exports says all of
what agents will get. Tables come in a fixed order (pack, acoustics, recording, phrases,
then one ``[rules.<id>]`` per rule in the order of :data:`RULE_IDS`), phrase lists are
one-line arrays, and the leading comment block of the file the pack came from is kept.
Scalars are formatted by ``tomli-w`` (string escaping, float ``repr``), so reading the
file back gives exactly the same values.
"""

from __future__ import annotations

import tomli_w
from pydantic import BaseModel

from assistant.conduct.pack import PHRASE_KINDS, RULE_IDS, Pack


def pack_to_toml(pack: Pack, header: str = "") -> str:
    lines: list[str] = [header.rstrip("\n"), ""] if header.strip() else []
    lines += _table("pack", pack.pack)
    lines += _table("acoustics", pack.acoustics)
    lines += _table("recording", pack.recording)
    lines += ["[phrases]"] + [f"{kind} = {_value(getattr(pack.phrases, kind))}"
                              for kind in PHRASE_KINDS] + [""]
    lines += _table("recognition", pack.recognition)
    lines += _table("matching", pack.matching)
    for entry in pack.wording:
        lines += ["[[wording]]"] + _table("", entry)[1:]
    for rule_id in RULE_IDS:
        lines += _table(f"rules.{rule_id}", pack.rule(rule_id))
    return "\n".join(lines).rstrip("\n") + "\n"


def leading_comments(text: str) -> str:
    """The comment block at the top of a pack file (kept when the editor saves it)."""
    kept: list[str] = []
    for line in text.splitlines():
        if line.startswith("#") and not line.startswith("# signature:"):
            kept.append(line)
        elif line.strip() or kept:
            break
    return "\n".join(kept)


def _table(name: str, model: BaseModel) -> list[str]:
    return [f"[{name}]"] + [f"{key} = {_value(getattr(model, key))}"
                            for key in type(model).model_fields] + [""]


def _value(value: object) -> str:
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return _scalar(value)


def _scalar(value: object) -> str:
    return tomli_w.dumps({"v": value}).removeprefix("v = ").rstrip("\n")
