"""The coaching report as one self-contained HTML file.

Plots are embedded as ``data:`` URIs and the CSS is inline, so the file can be mailed or
archived on its own and opened offline; nothing is fetched when it is viewed (no fonts,
scripts or images from elsewhere). The CSS is print-friendly: A4 margins, no dark
backgrounds, sections that do not split across pages where avoidable.
"""

from __future__ import annotations

import base64
from html import escape

from assistant.core.events import Status
from assistant.sessions.report_content import ClauseRef, ReportContent

_CSS = """
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
footer { margin-top: 30px; padding-top: 8px; border-top: 1px solid #e5e7eb; color: #6b7280;
         font-size: 12px; }
section { page-break-inside: auto; }
tr { page-break-inside: avoid; break-inside: avoid; }
@media print { body { padding: 0; max-width: none; font-size: 12px; }
               h2 { page-break-after: avoid; break-after: avoid; } }
"""


def render_html(content: ReportContent) -> str:
    t = content.text
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if content.lang == "zh" else "en"}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(content.title)} — {_e(_fact(content, 0))}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<header><h1>{_e(content.title)}</h1>",
        f'<p class="subtitle">{_e(content.code_title)}</p>',
        _facts(content),
        *(f'<p class="warning">{_e(w)}</p>' for w in content.warnings),
        "</header>",
        _section(t("section.scorecard"), _scorecard(content)),
        _section(t("section.timeline"), _img(content.timeline_png, t("section.timeline"))),
        _section(t("section.pace"), _img(content.pace_png, t("section.pace"))
                 + (f'<p class="muted">{_e(content.pace_summary)}</p>'
                    if content.pace_summary else "")),
        _section(t("section.findings"), "".join(_clause_block(c, t) for c in content.clauses)
                 or _none(t)),
        _section(t("section.prompts"), _prompts(content)),
        _section(t("section.notes"), _notes(content)),
    ]
    if content.transcript:
        parts.append(_section(t("section.transcript"), _transcript(content)))
    parts += [f"<footer>{_e(content.footer)}</footer>", "</body></html>"]
    return "\n".join(parts)


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _fact(content: ReportContent, index: int) -> str:
    return content.header[index][1] if len(content.header) > index else ""


def _facts(content: ReportContent) -> str:
    rows = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in content.header)
    return f'<dl class="facts">{rows}</dl>'


def _section(title: str, body: str) -> str:
    return f"<section><h2>{_e(title)}</h2>{body}</section>"


def _none(t) -> str:
    return f'<p class="muted">{_e(t("none"))}</p>'


def _status(status: Status, label: str) -> str:
    return f'<span class="status s-{status.value}">{_e(label)}</span>'


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img class="plot" alt="{_e(alt)}" src="data:image/png;base64,{data}">'


def _scorecard(content: ReportContent) -> str:
    t = content.text
    if not content.scorecard:
        return _none(t)
    head = "".join(f"<th>{_e(t(k))}</th>" for k in
                   ("col.clause", "col.rule", "col.status", "col.times", "col.detail"))
    rows = "".join(
        f"<tr><td>{_e(r.clause.label)} <span class='muted small'>{_e(r.clause.id)}</span></td>"
        f"<td>{_e(r.rule_name)}</td><td>{_status(r.status, r.status_text)}</td>"
        f"<td>{_e(r.times)}</td><td>{_e(r.detail)}</td></tr>"
        for r in content.scorecard)
    return (f'<p class="counts">{_e(content.counts)}</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def _clause_texts(clause: ClauseRef, t) -> str:
    return (f'<p class="clause-text zh"><span class="lang">{_e(t("clause.original"))}</span>'
            f'<span lang="zh-CN">{_e(clause.zh)}</span></p>'
            f'<p class="clause-text en"><span class="lang">{_e(t("clause.english"))}</span>'
            f'<span lang="en">{_e(clause.en)}</span></p>')


def _clause_block(group, t) -> str:
    items = "".join(
        f"<li>{_status(r.status, r.status_text)} <b>{_e(r.rule_name)}</b>"
        f"{' — ' + _e(r.detail) if r.detail else ''}"
        f"{' <span class=muted>(' + _e(r.times) + ')</span>' if r.times else ''}</li>"
        for r in group.rows)
    return (f'<div class="clause"><h3>{_e(group.clause.label)} '
            f'<span class="muted small">{_e(group.clause.id)}</span></h3>'
            f"{_clause_texts(group.clause, t)}<ul>{items}</ul></div>")


def _prompts(content: ReportContent) -> str:
    t = content.text
    if not content.prompts:
        return _none(t)
    head = "".join(f"<th>{_e(t(k))}</th>" for k in
                   ("col.time", "col.prompt", "col.clause", "col.resolved"))
    rows = "".join(
        f'<tr><td><span class="num">{p.number}</span> {_e(p.time)}</td>'
        f"<td><b>{_e(p.text)}</b><br><span class='muted small'>{_e(p.rule_name)}</span></td>"
        f"<td>{_e(p.clause.label)} <span class='muted small'>{_e(p.clause.id)}</span>"
        f"<div class='small'>{_e(p.clause.zh)}</div>"
        f"<div class='small muted'>{_e(p.clause.en)}</div></td>"
        f"<td class='small'>{_e(p.resolved)}</td></tr>"
        for p in content.prompts)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _notes(content: ReportContent) -> str:
    t = content.text
    if not content.notes:
        return _none(t)
    head = "".join(f"<th>{_e(t(k))}</th>" for k in ("col.time", "col.note", "col.author"))
    rows = "".join(
        f'<tr><td><span class="note-num">N{n.number}</span> {_e(n.time)}</td>'
        f"<td>{_e(n.text)}</td><td>{_e(n.author)}</td></tr>"
        for n in content.notes)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _transcript(content: ReportContent) -> str:
    t = content.text
    head = "".join(f"<th>{_e(t(k))}</th>" for k in ("col.time", "col.who", "col.text"))
    rows = "".join(
        f"<tr><td>{_e(line.time)}</td><td class='{line.channel.value}'>{_e(line.who)}</td>"
        f"<td>{_e(line.text)}</td></tr>"
        for line in content.transcript)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
