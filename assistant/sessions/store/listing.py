"""Finding calls in a long list: filter the stored sessions by agent, date, clause and misses.

A trainer with hundreds of calls types what they look for: an agent's name or 工号, a date
(``2026-11`` for a month, ``2026-11-25`` for a day, of the *call*, not of its analysis), a
clause (``第十一条(3)`` or ``kf-11.3``: calls that missed it); every term
must match. "Missed only" keeps the calls with at least one missed check. Demo runs match
only the word ``demo``/``演示``. Qt-free: the replay window's list and tests use it alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from assistant.sessions.session import SessionInfo

Verdict = tuple[str, str, str]
"""(rule, clause, status) of one finding, as the store keeps it."""

DEMO_WORDS = frozenset({"demo", "演示"})


@dataclass(frozen=True)
class ListFilter:
    text: str = ""
    missed_only: bool = False

    @property
    def terms(self) -> list[str]:
        return [term.casefold() for term in self.text.split()]


def call_day(info: SessionInfo) -> str:
    """The day the call took place (its own time where known), as ``YYYY-MM-DD``."""
    return f"{(info.call_time or info.started_at):%Y-%m-%d}"


def matches(info: SessionInfo, verdicts: Iterable[Verdict], selection: ListFilter,
            clause_names: Callable[[str], Iterable[str]]) -> bool:
    """Whether the session belongs in the filtered list; ``clause_names(id)`` gives the
    names a clause may be searched by (its labels in every language)."""
    verdicts = list(verdicts)
    missed = {clause for _, clause, status in verdicts if status == "missed"}
    if selection.missed_only and not missed:
        return False
    agent_words = {w.casefold() for w in (info.agent, info.agent_name, info.agent_id) if w}
    day = call_day(info)
    missed_names = {name.casefold() for clause in missed
                    for name in (clause, *clause_names(clause))}
    for term in selection.terms:
        if term in DEMO_WORDS:
            if info.source != "demo":
                return False
        elif not (any(term in word for word in agent_words) or day.startswith(term)
                  or term in missed_names):
            return False
    return True


def filter_sessions(infos: Iterable[SessionInfo], verdicts: Mapping[str, list[Verdict]],
                    selection: ListFilter,
                    clause_names: Callable[[str], Iterable[str]]) -> list[SessionInfo]:
    return [info for info in infos
            if matches(info, verdicts.get(info.id, ()), selection, clause_names)]
