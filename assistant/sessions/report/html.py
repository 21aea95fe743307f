"""The coaching report as one self-contained HTML file.

Plots are embedded as ``data:`` URIs and the CSS is inline, so the file can be mailed or
archived on its own and opened offline; nothing is fetched when it is viewed (no fonts,
scripts or images from elsewhere). The CSS is print-friendly: A4 margins, no dark
backgrounds, sections that do not split across pages where avoidable.
"""

from __future__ import annotations

import base64
from html import escape

from assistant.ground.events import Status
from assistant.sessions.report.content import ClauseRef, ReportContent

CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC",
       "Microsoft YaHei", "PingFang SC", "Helvetica Neue", Arial, sans-serif;
       color: #1f2937; margin: 0 auto; max-width: 1000px; padding: 24px; line-height: 1.5;
       font-size: 14px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 2px; }
h2 { font-size: 17px; margin: 26px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #e5e7eb; }
h3 { font-size: 15px; margin: 0 0 4px; }
.subtitle { color: #6b7280; margin: 0 0 14px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid #e5e7eb; }
th { background: #f3f4f6; font-weight: 600; font-size: 13px; }
.facts { display: grid; grid-template-columns: repeat(2, 1fr); gap: 2px 24px; }
.facts div { display: flex; gap: 8px; padding: 3px 0; border-bottom: 1px dotted #e5e7eb; }
.facts dt { color: #6b7280; min-width: 88px; }
.facts dd { margin: 0; font-weight: 500; word-break: break-all; }
.warning { background: #fef3c7; border-left: 4px solid #f59e0b; padding: 8px 12px; margin: 10px 0; }
.counts { color: #374151; margin: 4px 0 8px; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px;
          font-weight: 600; white-space: nowrap; }
.s-met { background: #dcfce7; color: #166534; }
.s-missed { background: #fee2e2; color: #991b1b; }
.s-not_checked { background: #e0e7ff; color: #3730a3; }
.s-not_applicable { background: #f3f4f6; color: #6b7280; }
.plot { width: 100%; margin: 4px 0; }
.clause { border: 1px solid #e5e7eb; border-radius: 6px; padding: 10px 12px; margin: 10px 0;
          page-break-inside: avoid; break-inside: avoid; }
.clause-text { margin: 4px 0; }
.clause-text .lang { color: #6b7280; font-size: 12px; margin-right: 6px; }
.clause-text.en { color: #4b5563; font-size: 13px; }
.clause ul { margin: 6px 0 0; padding-left: 18px; }
.muted { color: #6b7280; }
.num { font-weight: 700; color: #dc2626; }
.note-num { font-weight: 700; color: #7c3aed; }
.small { font-size: 12px; }
.agent { color: #2563eb; font-weight: 600; }
.caller { color: #0f9d8a; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.high { color: #991b1b; font-weight: 700; }
code { background: #f3f4f6; padding: 0 4px; border-radius: 3px; font-size: 12px; }
.agent-block { page-break-inside: avoid; break-inside: avoid; margin: 14px 0; }
footer { margin-top: 30px; padding-top: 8px; border-top: 1px solid #e5e7eb; color: #6b7280;
         font-size: 12px; }
section { page-break-inside: auto; }
tr { page-break-inside: avoid; break-inside: avoid; }
@media print { body { padding: 0; max-width: none; font-size: 12px; }
               h2 { page-break-after: avoid; break-after: avoid; } }
"""


def heading(title: str, code_title: str, header: list, warnings: list[str]) -> str:
    """The report's title block: its name, the code it judges by, the facts, warnings."""
    return "".join([f"<header><h1>{esc(title)}</h1>",
                    f'<p class="subtitle">{esc(code_title)}</p>', facts(header),
                    *(f'<p class="warning">{esc(w)}</p>' for w in warnings), "</header>"])


def render_html(content: ReportContent) -> str:
    t = content.text
    parts = [
        heading(content.title, content.code_title, content.header, content.warnings),
        section(t("section.scorecard"), _scorecard(content)),
        section(t("section.timeline"), img(content.timeline_png, t("section.timeline"))),
        section(t("section.pace"), img(content.pace_png, t("section.pace"))
                + (f'<p class="muted">{esc(content.pace_summary)}</p>'
                   if content.pace_summary else "")),
        section(t("section.findings"), "".join(_clause_block(c, t) for c in content.clauses)
                or none(t)),
        section(t("section.prompts"), _prompts(content)),
        section(t("section.notes"), _notes(content)),
    ]
    if content.transcript:
        parts.append(section(t("section.transcript"), _transcript(content)))
    return document(content.lang, f"{content.title} — {_fact(content, 0)}", parts,
                    content.footer)


def document(lang: str, title: str, body: list[str], footer: str) -> str:
    """A whole page: the shared print-friendly style, ``body`` and the footer."""
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        *body,
        f"<footer>{esc(footer)}</footer>",
        "</body></html>",
    ])


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def _fact(content: ReportContent, index: int) -> str:
    return content.header[index][1] if len(content.header) > index else ""


def facts(header: list[tuple[str, str]]) -> str:
    rows = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in header)
    return f'<dl class="facts">{rows}</dl>'


def section(title: str, body: str) -> str:
    return f"<section><h2>{esc(title)}</h2>{body}</section>"


def none(t) -> str:
    return f'<p class="muted">{esc(t("none"))}</p>'


def status_badge(status: Status, label: str) -> str:
    return f'<span class="status s-{status.value}">{esc(label)}</span>'


def img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img class="plot" alt="{esc(alt)}" src="data:image/png;base64,{data}">'


def _scorecard(content: ReportContent) -> str:
    t = content.text
    if not content.scorecard:
        return none(t)
    head = "".join(f"<th>{esc(t(k))}</th>" for k in
                   ("col.clause", "col.rule", "col.status", "col.times", "col.detail"))
    rows = "".join(
        f"<tr><td>{esc(r.clause.label)} <span class='muted small'>{esc(r.clause.id)}</span></td>"
        f"<td>{esc(r.rule_name)}</td><td>{status_badge(r.status, r.status_text)}</td>"
        f"<td>{esc(r.times)}</td><td>{esc(r.detail)}</td></tr>"
        for r in content.scorecard)
    return (f'<p class="counts">{esc(content.counts)}</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def clause_texts(clause: ClauseRef, t) -> str:
    return (f'<p class="clause-text zh"><span class="lang">{esc(t("clause.original"))}</span>'
            f'<span lang="zh-CN">{esc(clause.zh)}</span></p>'
            f'<p class="clause-text en"><span class="lang">{esc(t("clause.english"))}</span>'
            f'<span lang="en">{esc(clause.en)}</span></p>')


def _clause_block(group, t) -> str:
    items = "".join(
        f"<li>{status_badge(r.status, r.status_text)} <b>{esc(r.rule_name)}</b>"
        f"{' — ' + esc(r.detail) if r.detail else ''}"
        f"{' <span class=muted>(' + esc(r.times) + ')</span>' if r.times else ''}</li>"
        for r in group.rows)
    return (f'<div class="clause"><h3>{esc(group.clause.label)} '
            f'<span class="muted small">{esc(group.clause.id)}</span></h3>'
            f"{clause_texts(group.clause, t)}<ul>{items}</ul></div>")


def _prompts(content: ReportContent) -> str:
    t = content.text
    if not content.prompts:
        return none(t)
    head = "".join(f"<th>{esc(t(k))}</th>" for k in
                   ("col.time", "col.prompt", "col.clause", "col.resolved"))
    rows = "".join(
        f'<tr><td><span class="num">{p.number}</span> {esc(p.time)}</td>'
        f"<td><b>{esc(p.text)}</b><br><span class='muted small'>{esc(p.rule_name)}</span></td>"
        f"<td>{esc(p.clause.label)} <span class='muted small'>{esc(p.clause.id)}</span>"
        f"<div class='small'>{esc(p.clause.zh)}</div>"
        f"<div class='small muted'>{esc(p.clause.en)}</div></td>"
        f"<td class='small'>{esc(p.resolved)}</td></tr>"
        for p in content.prompts)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _notes(content: ReportContent) -> str:
    t = content.text
    if not content.notes:
        return none(t)
    head = "".join(f"<th>{esc(t(k))}</th>" for k in ("col.time", "col.note", "col.author"))
    rows = "".join(
        f'<tr><td><span class="note-num">N{n.number}</span> {esc(n.time)}</td>'
        f"<td>{esc(n.text)}</td><td>{esc(n.author)}</td></tr>"
        for n in content.notes)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _transcript(content: ReportContent) -> str:
    t = content.text
    head = "".join(f"<th>{esc(t(k))}</th>" for k in ("col.time", "col.who", "col.text"))
    rows = "".join(
        f"<tr><td>{esc(line.time)}</td><td class='{line.channel.value}'>{esc(line.who)}</td>"
        f"<td>{esc(line.text)}</td></tr>"
        for line in content.transcript)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
