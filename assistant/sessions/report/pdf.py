"""The coaching report as a PDF, laid out with fpdf2.

Why fpdf2: it is pure Python (its only other needs, fontTools and Pillow, come with
matplotlib anyway), runs headless without Qt or a browser, embeds a subset of the CJK
font with a Unicode map (so the text can be searched and copied, and the file stays
small), and lays out tables that break across pages with their headings repeated. Qt's
QPdfWriter would pull a GUI toolkit into the Qt-free core; a headless browser is far too
heavy a dependency for an agent's desktop.

One CJK face serves everything; CJK fonts rarely ship a bold face, so headings are drawn
with a stroked outline ("fake bold"), which prints and copies like normal text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager

from fpdf import FPDF
from fpdf.fonts import FontFace

from assistant.ground.events import Status
from assistant.sessions.report.content import ReportContent
from assistant.sessions.report.fonts import cjk_font

FONT = "cjk"
INK = (31, 41, 55)
MUTED = (107, 114, 128)
RULE = (229, 231, 235)
HEAD_FILL = (243, 244, 246)
STATUS_STYLE = {
    Status.MET: ((22, 101, 52), (220, 252, 231)),
    Status.MISSED: ((153, 27, 27), (254, 226, 226)),
    Status.NOT_CHECKED: ((55, 48, 163), (224, 231, 255)),
    Status.NOT_APPLICABLE: ((107, 114, 128), (243, 244, 246)),
}


_CJK = "\u3000-\u9fff\uff00-\uffef"
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}]) | (?=[{_CJK}])")


def nb(text: str) -> str:
    """Spaces next to Chinese become no-break spaces: the line breaker wraps only at
    spaces, so a space inside a Chinese sentence would wrap the line there, too early."""
    return _SPACE_BY_CJK.sub("\u00a0", text)


class ReportPdf(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text
        self.set_margins(14, 14, 14)
        self.set_auto_page_break(True, margin=16)
        font = cjk_font()
        for style in ("", "B"):  # tables ask for "B" headings; the same face serves
            self.add_font(FONT, style, str(font.path), collection_font_number=font.index)
        self.set_font(FONT, size=10)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-12)
        with self.local_context(font_size_pt=7.5, text_color=MUTED):
            self.cell(self.epw - 20, 5, self.footer_text, align="L")
            self.cell(20, 5, f"{self.page_no()}/{{nb}}", align="R")


def render_pdf(content: ReportContent) -> bytes:
    pdf = start(content)
    t = content.text
    heading(pdf, t("section.scorecard"))
    _scorecard(pdf, content)
    heading(pdf, t("section.timeline"), keep=image_height(pdf, content.timeline_png))
    plot_image(pdf, content.timeline_png)
    heading(pdf, t("section.pace"), keep=image_height(pdf, content.pace_png) + 6)
    plot_image(pdf, content.pace_png)
    if content.pace_summary:
        para(pdf, content.pace_summary, size=9, color=MUTED)
    heading(pdf, t("section.findings"))
    for group in content.clauses:
        _clause_block(pdf, group, t)
    if not content.clauses:
        para(pdf, t("none"), color=MUTED)
    heading(pdf, t("section.prompts"))
    _prompts(pdf, content)
    heading(pdf, t("section.notes"))
    _notes(pdf, content)
    if content.transcript:
        heading(pdf, t("section.transcript"))
        _transcript(pdf, content)
    return bytes(pdf.output())


def start(content) -> ReportPdf:
    """A new document with its first page and title block; ``content`` is a single-call or
    a team report (both have a title, code title, header facts, warnings and footer)."""
    pdf = ReportPdf(content.footer)
    pdf.set_title(content.title)
    pdf.set_creator("etiquette assistant")
    pdf.set_lang("zh-CN" if content.lang == "zh" else "en")
    pdf.add_page()
    title_block(pdf, content)
    return pdf


@contextmanager
def bold(pdf: FPDF, size: float, color: tuple[int, int, int] = INK) -> Iterator[None]:
    with pdf.local_context(font_size_pt=size, text_color=color, text_mode="FILL_STROKE",
                           line_width=size / 60, draw_color=color):
        yield


def title_block(pdf: FPDF, content) -> None:
    with bold(pdf, 18):
        pdf.cell(0, 9, content.title, new_x="LMARGIN", new_y="NEXT")
    para(pdf, content.code_title, size=9.5, color=MUTED)
    pdf.ln(1)
    facts = content.header
    pdf.set_draw_color(*RULE)
    with pdf.table(col_widths=(18, 32, 18, 32), first_row_as_headings=False,
                   borders_layout="HORIZONTAL_LINES", line_height=5.2, padding=(1.2, 1.5),
                   text_align="LEFT", v_align="TOP") as table:
        label = FontFace(color=MUTED, size_pt=9)
        for i in range(0, len(facts), 2):
            row = table.row()
            for key, value in facts[i:i + 2]:
                row.cell(key, style=label)
                row.cell(value, style=FontFace(size_pt=9))
    for warning in content.warnings:
        pdf.ln(2)
        with pdf.local_context(fill_color=(254, 243, 199), font_size_pt=9.5):
            pdf.multi_cell(0, 5.5, nb(warning), fill=True, padding=(2, 3), align="L",
                           new_x="LMARGIN", new_y="NEXT")


def heading(pdf: FPDF, text: str, keep: float = 25) -> None:
    """A section title, moved to the next page rather than left alone at the bottom."""
    if pdf.get_y() + keep + 17 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(5)
    with bold(pdf, 13):
        pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    with pdf.local_context(draw_color=RULE, line_width=0.5):
        pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.l_margin + pdf.epw, pdf.get_y() + 0.5)
    pdf.ln(2.5)


def para(pdf: FPDF, text: str, *, size: float = 10, color=INK, h: float = 5.0) -> None:
    with pdf.local_context(font_size_pt=size, text_color=color):
        pdf.multi_cell(0, h, nb(text), align="L", new_x="LMARGIN", new_y="NEXT")


def image_height(pdf: FPDF, png: bytes) -> float:
    """Height in mm of a plot drawn across the page, so its heading can stay with it."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    return pdf.epw * height / width


def plot_image(pdf: FPDF, png: bytes) -> None:
    pdf.image(io.BytesIO(png), x=pdf.l_margin, w=pdf.epw)


def status_style(status: Status) -> FontFace:
    color, fill = STATUS_STYLE[status]
    return FontFace(color=color, fill_color=fill, size_pt=9)


def data_table(pdf: FPDF, widths: tuple[float, ...]):
    pdf.set_draw_color(*RULE)
    return pdf.table(col_widths=widths, borders_layout="HORIZONTAL_LINES", line_height=4.8,
                     padding=(1.4, 1.6), text_align="LEFT", v_align="TOP",
                     headings_style=FontFace(fill_color=HEAD_FILL, size_pt=9, color=INK))


def _scorecard(pdf: FPDF, content: ReportContent) -> None:
    t = content.text
    if not content.scorecard:
        para(pdf, t("none"), color=MUTED)
        return
    para(pdf, content.counts, size=9.5, color=MUTED)
    pdf.ln(1)
    with pdf.local_context(font_size_pt=9), data_table(pdf, (22, 26, 14, 18, 30)) as table:
        table.row([t(k) for k in ("col.clause", "col.rule", "col.status", "col.times",
                                  "col.detail")])
        for r in content.scorecard:
            row = table.row()
            row.cell(f"{r.clause.label}  {r.clause.id}")
            row.cell(nb(r.rule_name))
            row.cell(r.status_text, style=status_style(r.status), align="CENTER")
            row.cell(r.times)
            row.cell(nb(r.detail))


def _clause_block(pdf: FPDF, group, t) -> None:
    if pdf.get_y() + 24 + 5.2 * len(group.rows) > pdf.page_break_trigger:
        pdf.add_page()  # keep a clause with its findings
    pdf.ln(1.5)
    with bold(pdf, 10.5):
        pdf.cell(0, 6, f"{group.clause.label}   {group.clause.id}", new_x="LMARGIN",
                 new_y="NEXT")
    para(pdf, f"{t('clause.original')}\u00a0\u00a0{group.clause.zh}", size=9.5, h=4.8)
    para(pdf, f"{t('clause.english')}  {group.clause.en}", size=9, color=MUTED, h=4.6)
    for r in group.rows:
        color, fill = STATUS_STYLE[r.status]
        pdf.set_x(pdf.l_margin + 3)
        with pdf.local_context(font_size_pt=8.5, text_color=color, fill_color=fill):
            width = max(pdf.get_string_width(t(f"status.{s.value}")) for s in Status) + 4
            pdf.cell(width, 5, r.status_text, fill=True, align="C")
        line = f"  {r.rule_name}" + (f" — {r.detail}" if r.detail else "") + (
            f"  ({r.times})" if r.times else "")
        with pdf.local_context(font_size_pt=9.5):
            pdf.multi_cell(0, 5, nb(line), align="L", new_x="LMARGIN", new_y="NEXT")
    with pdf.local_context(draw_color=RULE, line_width=0.2):
        pdf.line(pdf.l_margin, pdf.get_y() + 1.5, pdf.l_margin + pdf.epw, pdf.get_y() + 1.5)
    pdf.ln(2.5)


def _prompts(pdf: FPDF, content: ReportContent) -> None:
    t = content.text
    if not content.prompts:
        para(pdf, t("none"), color=MUTED)
        return
    with pdf.local_context(font_size_pt=9), data_table(pdf, (12, 30, 46, 18)) as table:
        table.row([t(k) for k in ("col.time", "col.prompt", "col.clause", "col.resolved")])
        for p in content.prompts:
            row = table.row()
            row.cell(f"{p.number}\n{p.time}", style=FontFace(color=(220, 38, 38), size_pt=9))
            row.cell(nb(f"{p.text}\n({p.rule_name})"))
            row.cell(f"{p.clause.label}  {p.clause.id}\n{nb(p.clause.zh)}\n{p.clause.en}",
                     style=FontFace(size_pt=8.5))
            row.cell(nb(p.resolved), style=FontFace(size_pt=8.5, color=MUTED))


def _notes(pdf: FPDF, content: ReportContent) -> None:
    t = content.text
    if not content.notes:
        para(pdf, t("none"), color=MUTED)
        return
    with pdf.local_context(font_size_pt=9), data_table(pdf, (16, 70, 20)) as table:
        table.row([t(k) for k in ("col.time", "col.note", "col.author")])
        for n in content.notes:
            row = table.row()
            row.cell(f"N{n.number}  {n.time}", style=FontFace(color=(124, 58, 237), size_pt=9))
            row.cell(nb(n.text))
            row.cell(nb(n.author))


def _transcript(pdf: FPDF, content: ReportContent) -> None:
    t = content.text
    with pdf.local_context(font_size_pt=9), data_table(pdf, (12, 12, 82)) as table:
        table.row([t(k) for k in ("col.time", "col.who", "col.text")])
        for line in content.transcript:
            colour = (37, 99, 235) if line.channel.value == "agent" else (15, 157, 138)
            row = table.row()
            row.cell(line.time)
            row.cell(line.who, style=FontFace(color=colour, size_pt=9))
            row.cell(nb(line.text))
