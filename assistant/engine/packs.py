"""The prompt pack a call runs with, chosen by file or language, refused with a clear error."""

from __future__ import annotations

from pathlib import Path

from assistant.conduct.pack import Pack, PackError, default_pack_path, load_pack
from assistant.ground.errors import UserError


def choose_pack(pack_path: Path | None, lang: str | None) -> Pack:
    try:
        pack = load_pack(pack_path or default_pack_path(lang or "zh"))
    except PackError as exc:
        raise UserError(f"the prompt pack has problems:\n{exc}") from None
    if lang and pack.language != lang:
        raise UserError(f"{pack_path}: the pack is for '{pack.language}', not '{lang}'")
    return pack
