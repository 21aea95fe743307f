"""The team coaching report as a PDF, with the single-call report's page, headings and
tables (:mod:`assistant.sessions.report.pdf`)."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.fonts import FontFace

from assistant.ground.events import Status
from assistant.sessions.report.pdf import (
    MUTED,
    bold,
    data_table,
    heading,
    image_height,
    nb,
    para,
    plot_image,
    start,
    status_style,
)
from assistant.sessions.report.team import AgentBlock, TeamContent, pace, percent
from assistant.sessions.report.team_html import HIGH_RATE

HIGH = FontFace(color=(153, 27, 27), size_pt=9)


def render_team_pdf(content: TeamContent) -> bytes:
    pdf = start(content)
    t = content.text
    heading(pdf, t("section.team_top"), keep=image_height(pdf, content.bars_png))
    plot_image(pdf, content.bars_png)
    _top(pdf, content)
    heading(pdf, t("section.team_agents"),
            keep=_agent_height(content.agents[0]) if content.agents else 25)
    for block in content.agents:
        _agent(pdf, block, t)
    para(pdf, t("team.rate_note"), size=8.5, color=MUTED)
    heading(pdf, t("section.team_pace"))
    _pace(pdf, content)
    heading(pdf, t("section.team_calls"))
    _calls(pdf, content)
    return bytes(pdf.output())


def _top(pdf: FPDF, content: TeamContent) -> None:
    t = content.text
    if not content.top:
        para(pdf, t("team.no_misses"), color=MUTED)
        return
    for c in content.top:
        if pdf.get_y() + 26 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.ln(1.5)
        with bold(pdf, 10.5):
            pdf.cell(0, 6, f"{c.clause.label}   {c.clause.id}   "
                           f"{t('col.missed')} {c.missed} / {c.calls} · "
                           f"{t('col.miss_rate')} {percent(c.miss_rate)}",
                     new_x="LMARGIN", new_y="NEXT")
        para(pdf, f"{t('clause.original')}\u00a0\u00a0{c.clause.zh}", size=9.5, h=4.8)
        para(pdf, f"{t('clause.english')}  {c.clause.en}", size=9, color=MUTED, h=4.6)
        what = "; ".join(f"{d} ×{n}" for d, n in c.details.most_common(4))
        para(pdf, f"{t('col.what')}: {what}", size=9, h=4.8)


def _agent(pdf: FPDF, block: AgentBlock, t) -> None:
    if pdf.get_y() + _agent_height(block) > pdf.page_break_trigger:
        pdf.add_page()  # an agent's table on one page where it fits
    pdf.ln(2)
    with bold(pdf, 11, (37, 99, 235)):
        pdf.cell(0, 6, block.agent, new_x="LMARGIN", new_y="NEXT")
    para(pdf, t("team.agent_line", calls=block.calls, agent=pace(block.mean(block.pace_agent)),
                caller=pace(block.mean(block.pace_caller))), size=8.5, color=MUTED)
    with pdf.local_context(font_size_pt=9), data_table(pdf, (40, 12, 12, 12, 14, 14, 14)) \
            as table:
        table.row([t(k) for k in ("col.clause", "col.calls", "col.met", "col.missed",
                                  "col.not_applicable", "col.not_checked", "col.miss_rate")])
        for c in block.rows():
            row = table.row()
            row.cell(f"{c.clause.label}  {c.clause.id}")
            for value in (c.calls, c.met, c.missed, c.not_applicable, c.not_checked):
                row.cell(str(value), align="RIGHT")
            high = c.miss_rate is not None and c.miss_rate >= HIGH_RATE
            row.cell(percent(c.miss_rate), align="RIGHT",
                     style=status_style(Status.MISSED) if high else None)


def _agent_height(block: AgentBlock) -> float:
    """About how tall an agent's table is in mm, to keep it on one page where it fits."""
    return 22 + 7.5 * len(block.clauses)


def _pace(pdf: FPDF, content: TeamContent) -> None:
    t = content.text
    with pdf.local_context(font_size_pt=9), data_table(pdf, (40, 14, 18, 18, 18)) as table:
        table.row([t(k) for k in ("col.agent", "col.calls", "col.agent_pace",
                                  "col.caller_pace", "col.pace_ratio")])
        for a in content.agents:
            agent, caller = a.mean(a.pace_agent), a.mean(a.pace_caller)
            row = table.row()
            row.cell(a.agent)
            for value in (str(a.calls), pace(agent), pace(caller),
                          f"{agent / caller:.2f}" if agent and caller else "–"):
                row.cell(value, align="RIGHT")
    para(pdf, t("axis.pace"), size=8.5, color=MUTED)


def _calls(pdf: FPDF, content: TeamContent) -> None:
    t = content.text
    joiner = "、" if content.lang == "zh" else ", "
    with pdf.local_context(font_size_pt=8.5), data_table(pdf, (30, 22, 18, 12, 10, 38)) as table:
        table.row([t(k) for k in ("col.id", "col.time", "col.agent", "col.duration",
                                  "col.prompts", "col.misses")])
        for c in content.calls:
            row = table.row()
            row.cell(c.id + (" *" if c.recovered else ""))
            row.cell(c.time)
            row.cell(nb(c.agent))
            row.cell(c.duration)
            row.cell(str(c.prompts), align="RIGHT")
            row.cell(nb(joiner.join(c.missed) or "–"))
    para(pdf, t("team.replay_hint").replace("`", ""), size=8.5, color=MUTED)
