"""The team coaching report as one self-contained HTML file, in the single-call report's
page style (:mod:`assistant.sessions.report.html`): inline CSS, the chart as a ``data:``
PNG, nothing fetched when it is opened."""

from __future__ import annotations

from assistant.ground.events import Status
from assistant.sessions.report.html import (
    clause_texts,
    document,
    esc,
    heading,
    img,
    none,
    section,
    status_badge,
)
from assistant.sessions.report.team import AgentBlock, ClauseCount, TeamContent, pace, percent

HIGH_RATE = 0.5
"""A miss rate from here on is shown in red."""


def render_team_html(content: TeamContent) -> str:
    t = content.text
    parts = [
        heading(content.title, content.code_title, content.header, content.warnings),
        section(t("section.team_top"), _top(content)),
        section(t("section.team_agents"), "".join(_agent(a, t) for a in content.agents)
                + f'<p class="muted small">{esc(t("team.rate_note"))}</p>'),
        section(t("section.team_pace"), _pace(content)),
        section(t("section.team_calls"), _calls(content)),
    ]
    title = f"{content.title} — {content.header[0][1]}"
    return document(content.lang, title, parts, content.footer)


def _head(t, keys: tuple[str, ...], numeric: int = 0) -> str:
    """Table headings; the last ``numeric`` columns are right-aligned numbers."""
    cells = [f'<th{" class=n" if i >= len(keys) - numeric else ""}>{esc(t(k))}</th>'
             for i, k in enumerate(keys)]
    return f"<thead><tr>{''.join(cells)}</tr></thead>"


def _rate(rate: float | None) -> str:
    high = rate is not None and rate >= HIGH_RATE
    return f'<td class="n{" high" if high else ""}">{esc(percent(rate))}</td>'


def _top(content: TeamContent) -> str:
    t = content.text
    chart = img(content.bars_png, t("section.team_top")) if content.bars_png else ""
    if not content.top:
        return chart + f'<p class="muted">{esc(t("team.no_misses"))}</p>'
    blocks = []
    for c in content.top:
        what = "; ".join(f"{d} ×{n}" for d, n in c.details.most_common(4))
        badge = status_badge(Status.MISSED, f"{t('col.missed')} {c.missed} / {c.calls}")
        blocks.append(
            f'<div class="clause"><h3>{esc(c.clause.label)} '
            f'<span class="muted small">{esc(c.clause.id)}</span> '
            f"{badge} "
            f'<span class="muted small">{esc(t("col.miss_rate"))} {esc(percent(c.miss_rate))}'
            f"</span></h3>{clause_texts(c.clause, t)}"
            f'<p class="small"><b>{esc(t("col.what"))}</b>: {esc(what)}</p></div>')
    return chart + "".join(blocks)


def _agent(block: AgentBlock, t) -> str:
    line = t("team.agent_line", calls=block.calls, agent=pace(block.mean(block.pace_agent)),
             caller=pace(block.mean(block.pace_caller)))
    rows = "".join(_clause_row(c) for c in block.rows())
    head = _head(t, ("col.clause", "col.calls", "col.met", "col.missed", "col.not_applicable",
                     "col.not_checked", "col.miss_rate"), 6)
    table = f"<table>{head}<tbody>{rows}</tbody></table>" if rows else none(t)
    return (f'<div class="agent-block"><h3 class="agent">{esc(block.agent)}</h3>'
            f'<p class="muted small">{esc(line)}</p>{table}</div>')


def _clause_row(c: ClauseCount) -> str:
    return (f"<tr><td>{esc(c.clause.label)} <span class='muted small'>{esc(c.clause.id)}</span>"
            f'</td><td class="n">{c.calls}</td><td class="n">{c.met}</td>'
            f'<td class="n">{c.missed}</td><td class="n">{c.not_applicable}</td>'
            f'<td class="n">{c.not_checked}</td>'
            f"{_rate(c.miss_rate)}</tr>")


def _pace(content: TeamContent) -> str:
    t = content.text
    rows = []
    for a in content.agents:
        agent, caller = a.mean(a.pace_agent), a.mean(a.pace_caller)
        ratio = f"{agent / caller:.2f}" if agent and caller else "–"
        rows.append(f"<tr><td class='agent'>{esc(a.agent)}</td><td class='n'>{a.calls}</td>"
                    f"<td class='n'>{esc(pace(agent))}</td><td class='n'>{esc(pace(caller))}"
                    f"</td><td class='n'>{esc(ratio)}</td></tr>")
    head = _head(t, ("col.agent", "col.calls", "col.agent_pace", "col.caller_pace",
                     "col.pace_ratio"), 4)
    return (f"<table>{head}<tbody>{''.join(rows)}</tbody></table>"
            f'<p class="muted small">{esc(t("axis.pace"))}</p>')


def _calls(content: TeamContent) -> str:
    t = content.text
    head = _head(t, ("col.id", "col.time", "col.agent", "col.duration", "col.prompts",
                     "col.misses"))
    joiner = "、" if content.lang == "zh" else ", "
    rows = "".join(
        f"<tr><td><code>{esc(c.id)}</code>{' *' if c.recovered else ''}</td>"
        f"<td>{esc(c.time)}</td><td>{esc(c.agent)}</td><td>{esc(c.duration)}</td>"
        f"<td>{c.prompts}</td><td>{esc(joiner.join(c.missed) or '–')}</td></tr>"
        for c in content.calls)
    return (f"<table>{head}<tbody>{rows}</tbody></table>"
            f'<p class="muted small">{_code(t("team.replay_hint"))}</p>')


def _code(text: str) -> str:
    """`quoted` parts of a wording as code, the rest escaped."""
    parts = esc(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))
