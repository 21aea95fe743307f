"""The prompt pack a call runs with, chosen by file or language, refused with a clear error."""

from __future__ import annotations

from pathlib import Path

from assistant.conduct.pack import Pack, PackError, default_pack_path, load_pack
from assistant.ground.errors import UserError
from assistant.ground.problem_words import problems_text
from assistant.ground.reader import say

MESSAGES = {
    "problems": {"en": "the prompt pack has problems:\n{problems}",
                 "zh": "提示包有问题：\n{problems}"},
    "other_language": {"en": "{path}: the pack is for '{pack}', not '{asked}'",
                       "zh": "{path}：这个提示包的语言是“{pack}”，不是“{asked}”"},
}


def choose_pack(pack_path: Path | None, lang: str | None) -> Pack:
    try:
        pack = load_pack(pack_path or default_pack_path(lang or "zh"))
    except PackError as exc:
        raise UserError(say(MESSAGES, "problems", problems=problems_text(exc))) from None
    if lang and pack.language != lang:
        raise UserError(say(MESSAGES, "other_language", path=pack_path, pack=pack.language,
                            asked=lang))
    return pack
