"""The call's scorecard: each rule's verdict under the clause of the code it enforces.

A trainer reads a call clause by clause (第五条, 第十一条(3)…), so the rows are ordered
by the code's own numbering and each carries the clause's label and text. A clause with
several rules (第十一条(3): permission, updates, callback) also gets one overall verdict:
the worst of its rules, where a miss outweighs "not checked", which outweighs a pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.details import detail_text
from assistant.conduct.pack import RULE_IDS
from assistant.ground.events import Finding, Status

_WEIGHT = {Status.MISSED: 3, Status.NOT_CHECKED: 2, Status.MET: 1, Status.NOT_APPLICABLE: 0}


@dataclass(frozen=True)
class ScoreRow:
    clause: str
    clause_label: str
    clause_text: str
    rule: str
    status: Status
    times: tuple[float, ...]
    detail: str


@dataclass(frozen=True)
class ClauseScore:
    clause: str
    clause_label: str
    status: Status
    rules: tuple[str, ...]


def clause_order(clause: str) -> tuple[int, int, str]:
    """``kf-5`` < ``kf-11.1`` < ``kf-11.3`` < ``kf-12.2``: the code's own order."""
    match = re.match(r"kf-(\d+)(?:\.(\d+))?$", clause)
    if not match:
        return (999, 0, clause)
    return (int(match[1]), int(match[2] or 0), clause)


def scorecard(findings: Iterable[Finding], lang: str = "zh",
              catalogue: ClauseCatalogue | None = None) -> list[ScoreRow]:
    """Rows in the code's order, clause texts and details in ``lang``."""
    catalogue = catalogue or ClauseCatalogue.load()
    rule_order = {rule: i for i, rule in enumerate(RULE_IDS)}
    rows = [ScoreRow(f.clause, catalogue.label(f.clause, lang), catalogue.text(f.clause, lang),
                     f.rule, f.status, tuple(f.times), detail_text(f.detail, lang))
            for f in findings]
    return sorted(rows, key=lambda r: (clause_order(r.clause), rule_order.get(r.rule, 99)))


def by_clause(rows: Iterable[ScoreRow]) -> list[ClauseScore]:
    grouped: dict[str, list[ScoreRow]] = {}
    for row in rows:
        grouped.setdefault(row.clause, []).append(row)
    return [ClauseScore(clause, group[0].clause_label,
                        max((r.status for r in group), key=_WEIGHT.__getitem__),
                        tuple(r.rule for r in group))
            for clause, group in sorted(grouped.items(), key=lambda kv: clause_order(kv[0]))]


def clause_verdicts(verdicts: Iterable[tuple[str, Status]]) -> dict[str, Status]:
    """Each clause's verdict in one call from its rules' ``(clause, status)``: missed if any
    rule under it was missed, else not checked if any was, else met. Rules that did not
    apply are left out, and a clause none of whose rules applied is absent."""
    out: dict[str, Status] = {}
    for clause, status in verdicts:
        if status is Status.NOT_APPLICABLE:
            continue
        if clause not in out or _WEIGHT[status] > _WEIGHT[out[clause]]:
            out[clause] = status
    return out
