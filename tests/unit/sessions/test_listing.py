"""Finding calls in a long list by agent, call date, missed clause and missed checks."""

from __future__ import annotations

from datetime import datetime

from assistant.conduct.clauses import ClauseCatalogue
from assistant.sessions.session import AudioState, SessionInfo, SessionState
from assistant.sessions.store.listing import ListFilter, filter_sessions

CATALOGUE = ClauseCatalogue.load()


def names(clause: str) -> tuple[str, str]:
    return CATALOGUE.label(clause, "zh"), CATALOGUE.label(clause, "en")


def info(sid: str, agent: tuple[str, str], when: datetime, *, analysed: datetime | None = None,
         source: str = "file") -> SessionInfo:
    return SessionInfo(sid, source, "", analysed or datetime(2026, 12, 1, 21, 0), when,
                       agent[0], agent[1], "zh", "default-zh", "1", "", "off", True, "",
                       SessionState.COMPLETE, 60.0, "", AudioState.NONE, None, "")


INFOS = [
    info("a", ("王芳", "1024"), datetime(2026, 11, 25, 14, 30)),
    info("b", ("小李", "5678"), datetime(2026, 10, 30, 9, 0)),
    info("c", ("小李", "5678"), datetime(2026, 11, 2, 9, 0), source="demo"),
]
VERDICTS = {
    "a": [("hold_update", "kf-11.3", "missed"), ("greeting", "kf-11.2", "met")],
    "b": [("hold_update", "kf-11.3", "met"), ("overtalk", "kf-12.2", "missed")],
    "c": [("hold_update", "kf-11.3", "not_applicable")],
}


def ids(text: str = "", missed_only: bool = False) -> list[str]:
    return [i.id for i in filter_sessions(INFOS, VERDICTS, ListFilter(text, missed_only), names)]


def test_filter_by_agent_date_clause_and_misses():
    assert ids() == ["a", "b", "c"]
    assert ids("王") == ids("1024") == ["a"]
    assert ids("2026-11") == ["a", "c"]  # the call's date, not when it was analysed
    assert ids("2026-11-25") == ["a"]
    assert ids("第十一条(3)") == ids("kf-11.3") == ids("KF-11.3") == ["a"]
    assert ids("小李 第十二条(2)") == ["b"]
    assert ids(missed_only=True) == ["a", "b"]
    assert ids("演示") == ids("demo") == ["c"]
    assert ids("nobody") == []
