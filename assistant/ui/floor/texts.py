"""The live floor window's words (context ``floor``), and how a state reads."""

from __future__ import annotations

from assistant.conduct.clauses import ClauseCatalogue
from assistant.floor.board import Row
from assistant.floor.livestate import Activity
from assistant.ui.i18n import Texts


def floor_texts(lang: str) -> Texts:
    return Texts(lang, "floor")


def clock(seconds: float | None) -> str:
    """0:47, 12:05, 1:02:09."""
    if seconds is None:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def state_text(texts: Texts, row: Row, long_hold_s: float) -> str:
    if row.activity is Activity.HOLD:
        key = "state.long_hold" if row.long_hold else "state.hold"
        return texts(key, held=clock(row.hold_s), limit=f"{long_hold_s:.0f}")
    if row.activity is Activity.IDLE and row.idle_s is not None:
        return texts("state.idle_for", idle=clock(row.idle_s))
    return texts(f"state.{row.activity.value}")


def prompt_text(row: Row, clauses: ClauseCatalogue, lang: str) -> str:
    """``第十一条(3)  客户已等待 47 秒：请通报查询进展``: the clause first, then the prompt."""
    if row.prompt is None:
        return ""
    label = clauses.label(row.prompt.clause, lang)
    return f"{label}  {row.prompt.text}".strip()
