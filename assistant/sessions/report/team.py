"""What a team coaching report says: many stored sessions, per agent and clause.

    assistant report --agent NAME_OR_ID [--since DATE] [--until DATE] --out team.html|.pdf
    assistant report --all …

A trainer picks whom to coach and on what: per agent and clause, the calls in which the
clause applied and how often it was met, missed or could not be checked; the clauses
missed most across the selection (with their texts and what the misses were); each
agent's average pace against their callers'; and the calls themselves, so one can be
opened with ``assistant replay ID``.

A clause's verdict in a call is the one the batch table uses
(:func:`assistant.sessions.scorecard.clause_verdicts`). A recovered session without a
stored summary is scored the way its single-call report scores it
(:func:`assistant.sessions.replay.rerun.session_summary`). Built once here; the HTML and PDF
writers render this and nothing else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from assistant import __version__
from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.details import detail_text
from assistant.ground.events import Channel, Status
from assistant.sessions.replay.rerun import session_summary
from assistant.sessions.replay.timeline import session_pack
from assistant.sessions.report.content import ClauseRef
from assistant.sessions.report.text import LANGUAGES, ReportText
from assistant.sessions.scorecard import clause_order, clause_verdicts
from assistant.sessions.session import Session, SessionInfo, SessionState, Source

TOP_CLAUSES = 5


@dataclass(frozen=True)
class TeamFilter:
    """Whose calls and when; ``agent`` None means every agent, dates are inclusive."""

    agent: str | None = None
    since: date | None = None
    until: date | None = None

    def matches(self, info: SessionInfo) -> bool:
        """Real calls only: a demo run is never a team's or an agent's figure."""
        if info.source == Source.DEMO.value:
            return False
        day = (info.call_time or info.started_at).date()
        if self.since and day < self.since or self.until and day > self.until:
            return False
        if self.agent is None:
            return True
        wanted = self.agent.strip().casefold()
        return wanted in {info.agent_name.casefold(), info.agent_id.casefold(),
                          info.agent.casefold()}

    def describe(self) -> str:
        parts = [f"agent {self.agent!r}" if self.agent is not None else "all agents"]
        if self.since:
            parts.append(f"since {self.since.isoformat()}")
        if self.until:
            parts.append(f"until {self.until.isoformat()}")
        return ", ".join(parts)


@dataclass
class ClauseCount:
    clause: ClauseRef
    met: int = 0
    missed: int = 0
    not_checked: int = 0
    not_applicable: int = 0
    """Calls in which none of the clause's rules was needed (no hold, no long caller turn)."""
    details: Counter[str] = field(default_factory=Counter)
    """What the misses were (finding details in the report's language), most common first."""

    @property
    def calls(self) -> int:
        return self.met + self.missed + self.not_checked + self.not_applicable

    @property
    def miss_rate(self) -> float | None:
        """Missed among the calls in which the clause could be checked."""
        checked = self.met + self.missed
        return self.missed / checked if checked else None

    def add(self, status: Status) -> None:
        setattr(self, status.value, getattr(self, status.value) + 1)


@dataclass(frozen=True)
class CallRow:
    id: str
    agent: str
    when: datetime
    time: str
    duration: str
    prompts: int
    missed: tuple[str, ...]
    """Labels of the clauses missed in this call."""
    recovered: bool


@dataclass
class AgentBlock:
    agent: str
    calls: int = 0
    clauses: dict[str, ClauseCount] = field(default_factory=dict)
    pace_agent: list[float] = field(default_factory=list)
    pace_caller: list[float] = field(default_factory=list)

    def rows(self) -> list[ClauseCount]:
        return sorted(self.clauses.values(), key=lambda c: clause_order(c.clause.id))

    @staticmethod
    def mean(values: list[float]) -> float | None:
        return sum(values) / len(values) if values else None


@dataclass
class TeamContent:
    lang: str
    text: ReportText
    title: str
    code_title: str
    header: list[tuple[str, str]]
    warnings: list[str]
    agents: list[AgentBlock]
    top: list[ClauseCount]
    calls: list[CallRow]
    footer: str
    bars_png: bytes = b""


def team_language(sessions: list[Session], lang: str | None) -> str:
    """The trainer's choice, else the language most of the calls were in (zh or en)."""
    if lang is not None:
        return lang
    counts = Counter(s.info.language for s in sessions if s.info.language in LANGUAGES)
    return counts.most_common(1)[0][0] if counts else "en"


def build_team_content(sessions: list[Session], selection: TeamFilter,
                       lang: str | None = None, *, now: datetime | None = None) -> TeamContent:
    lang = team_language(sessions, lang)
    text = ReportText(lang)
    catalogue = ClauseCatalogue.load()
    refs: dict[str, ClauseRef] = {}

    def ref(clause_id: str) -> ClauseRef:
        if clause_id not in refs:
            refs[clause_id] = ClauseRef(clause_id, catalogue.label(clause_id, lang),
                                        catalogue.text(clause_id, "zh"),
                                        catalogue.text(clause_id, "en"))
        return refs[clause_id]

    agents: dict[str, AgentBlock] = {}
    team: dict[str, ClauseCount] = {}
    calls: list[CallRow] = []
    for session in sorted(sessions, key=_when):
        block = agents.setdefault(session.info.agent, AgentBlock(session.info.agent))
        calls.append(_add_call(session, block, team, ref, text))
    top = sorted((c for c in team.values() if c.missed),
                 key=lambda c: (-c.missed, -(c.miss_rate or 0), clause_order(c.clause.id)))
    recovered = sum(c.recovered for c in calls)
    content = TeamContent(
        lang=lang, text=text, title=text("team.title"),
        code_title=catalogue.title_zh if lang == "zh" else catalogue.title_en,
        header=_header(selection, sessions, agents, text),
        warnings=[text("team.recovered", n=recovered)] if recovered else [],
        agents=sorted(agents.values(), key=lambda a: a.agent),
        top=top[:TOP_CLAUSES], calls=calls,
        footer=text("footer", version=__version__,
                    now=(now or datetime.now()).strftime("%Y-%m-%d %H:%M")))
    from assistant.sessions.report.plots import clause_bars_png

    content.bars_png = clause_bars_png(charted_clauses(team.values()), text)
    return content


def charted_clauses(counts: Iterable[ClauseCount]) -> list[ClauseCount]:
    """The clauses the team chart shows, in the code's order: those checked in at least
    one call (a clause never checked has no miss rate to show, only a grey bar)."""
    return sorted((c for c in counts if c.met + c.missed),
                  key=lambda c: clause_order(c.clause.id))


def _when(session: Session) -> datetime:
    return session.info.call_time or session.info.started_at


def _add_call(session: Session, block: AgentBlock, team: dict[str, ClauseCount], ref,
              text: ReportText) -> CallRow:
    """Count one call into its agent's block and the team's totals; its row in the list."""
    summary = session_summary(session, session_pack(session, []))
    verdicts = clause_verdicts((f.clause, f.status) for f in summary.findings)
    missed_details: dict[str, list[str]] = {}
    for finding in summary.findings:
        if finding.status is Status.MISSED:
            detail = detail_text(finding.detail, text.lang)
            colon = "：" if text.lang == "zh" else ": "
            missed_details.setdefault(finding.clause, []).append(
                text.rule(finding.rule) + (colon + detail if detail else ""))
    block.calls += 1
    not_needed = {f.clause: Status.NOT_APPLICABLE for f in summary.findings
                  if f.clause not in verdicts}
    for clause, status in (verdicts | not_needed).items():
        for counts in (block.clauses.setdefault(clause, ClauseCount(ref(clause))),
                       team.setdefault(clause, ClauseCount(ref(clause)))):
            counts.add(status)
            counts.details.update(missed_details.get(clause, ()))
    for channel, into in ((Channel.AGENT, block.pace_agent), (Channel.CALLER, block.pace_caller)):
        if value := summary.pace.get(channel):
            into.append(value)
    from assistant.ground.terminal import clock

    return CallRow(
        id=session.info.id, agent=session.info.agent, when=_when(session),
        time=_when(session).strftime("%Y-%m-%d %H:%M"),
        duration=clock(summary.duration_s).split(".")[0], prompts=len(summary.prompts),
        missed=tuple(ref(c).label for c, s in sorted(verdicts.items(),
                                                     key=lambda kv: clause_order(kv[0]))
                     if s is Status.MISSED),
        recovered=session.info.state is SessionState.RECOVERED or session.summary is None)


def _header(selection: TeamFilter, sessions: list[Session], agents: dict[str, AgentBlock],
            text: ReportText) -> list[tuple[str, str]]:
    days = sorted(_when(s).date() for s in sessions)
    since = selection.since or (days[0] if days else None)
    until = selection.until or (days[-1] if days else None)
    period = " – ".join(d.isoformat() for d in (since, until) if d) or "—"
    scope = selection.agent if selection.agent is not None else text("team.everyone")
    return [
        (text("team.scope"), scope),
        (text("team.period"), period),
        (text("team.calls"), str(len(sessions))),
        (text("team.agents"), str(len(agents))),
    ]


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.0%}"


def pace(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def select_sessions(store, selection: TeamFilter) -> tuple[list[Session], list[SessionInfo]]:
    """The stored sessions ``selection`` matches, loaded; and those left out because they
    are being recorded right now (their verdict is not known yet)."""
    chosen = [info for info in store.list() if selection.matches(info)]
    busy = [info for info in chosen if info.state is SessionState.RECORDING]
    return [store.load(info.id) for info in chosen if info not in busy], busy
