"""Coaching reports from a real session of the demo call: content, pictures, PDF, CLI."""

from __future__ import annotations

import base64
import html
import io
import re
import shutil
import sqlite3
import warnings
from dataclasses import replace

import pytest
from PIL import Image

from assistant.cli import main
from assistant.conduct.clauses import ClauseCatalogue
from assistant.ground.events import Status
from assistant.ground.resources import resources_dir
from assistant.ground.terminal import clock
from assistant.sessions.replay.timeline import ReplayModel
from assistant.sessions.report.content import build_content
from assistant.sessions.report.plots import pace_png, timeline_png
from assistant.sessions.report.text import ReportText
from assistant.sessions.report.write import ReportError, load_session, write_report
from assistant.sessions.session import SessionState
from assistant.sessions.store.database import SessionStore
from tests.fixtures.sessions import record_scenario

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                reason="espeak-ng is not installed (the demo's turn times)")

CATALOGUE = ClauseCatalogue.load()
DEMO = resources_dir() / "demo" / "demo_call.toml"
NOTES = [(30.5, "先征得了同意，很好 — asked before the lookup"),
         (44.0, "等待超过 15 秒没有通报进展"),
         (64.0, "结束前应复述：用电量高是空调所致")]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """(store root, session) of the demo call with a trainer's notes, recorded once."""
    work = tmp_path_factory.mktemp("report")
    with SessionStore(work / "store") as store:
        info, _ = record_scenario(store, DEMO, work)
        for t, note in NOTES:
            store.add_note(info.id, t, note, author="培训师 李")
        return work / "store", store.load(info.id)


@pytest.fixture(scope="module")
def html_zh(demo, tmp_path_factory):
    return write_report(demo[1], tmp_path_factory.mktemp("zh") / "r.html").read_text("utf-8")


@pytest.fixture(scope="module")
def html_en(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("en") / "r.html"
    return write_report(demo[1], out, lang="en").read_text("utf-8")


@pytest.fixture(scope="module")
def pdf_text(demo, tmp_path_factory):
    from pypdf import PdfReader

    out = write_report(demo[1], tmp_path_factory.mktemp("pdf") / "r.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[\s\u00a0]+", "", text)


def _squash(text: str) -> str:
    return re.sub(r"[\s\u00a0]+", "", text)


def test_the_demo_session_has_what_a_report_must_show(demo):
    _, session = demo
    statuses = {f.rule: f.status for f in session.summary.findings}
    assert statuses["hold_update"] is Status.MISSED
    assert statuses["closing_recap"] is Status.MISSED
    assert statuses["greeting"] is Status.MET
    assert len(session.notes) == len(NOTES)


def test_html_shows_every_finding_with_its_clause_label_and_both_texts(demo, html_zh):
    _, session = demo
    html_zh = html.unescape(html_zh)
    for finding in session.summary.findings:
        clause = CATALOGUE[finding.clause]
        assert clause.label_zh in html_zh
        assert clause.zh in html_zh and clause.en in html_zh
        assert ReportText("zh").rule(finding.rule) in html_zh


def test_html_lists_prompts_with_times_and_notes(demo, html_zh):
    _, session = demo
    prompts = session.summary.prompts
    assert [p.prompt.rule for p in prompts] == ["hold_update", "closing_recap"]
    for record in prompts:
        assert record.prompt.text in html_zh
        assert clock(record.prompt.t) in html_zh
    for t, text in NOTES:
        assert text in html_zh and clock(t) in html_zh


def test_html_is_self_contained_with_plausible_png_plots(html_zh):
    images = re.findall(r'src="([^"]+)"', html_zh)
    assert len(images) == 2
    for src in images:
        assert src.startswith("data:image/png;base64,")
        png = base64.b64decode(src.split(",", 1)[1])
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        with Image.open(io.BytesIO(png)) as image:
            width, height = image.size
            assert width >= 1000 and 200 <= height <= width
            assert len(image.getcolors(1 << 20) or ()) > 8  # drawn, not blank
    assert "http://" not in html_zh and "https://" not in html_zh


def test_report_language_follows_the_pack_unless_asked(demo, html_zh, html_en):
    html_zh, html_en = html.unescape(html_zh), html.unescape(html_en)
    assert "条款评分卡" in html_zh and "Scorecard by clause" not in html_zh
    assert "Scorecard by clause" in html_en and "条款评分卡" not in html_en
    assert '<html lang="zh-CN">' in html_zh and '<html lang="en">' in html_en
    # the clause texts are shown in both languages either way
    assert CATALOGUE["kf-11.3"].zh in html_en and CATALOGUE["kf-11.3"].en in html_en
    assert "Article 11(3)" in html_en and "第十一条(3)" in html_zh
    assert "本报告在本机生成" in html_zh and "on this computer" in html_en


def test_masked_digits_stay_masked(html_zh, html_en, pdf_text):
    for text in (html_zh, html_en, pdf_text):
        assert "户号是########" in _squash(text)
        assert "三三零一二五六七" not in _squash(text) and "一二三四" not in _squash(text)


def test_pdf_text_holds_clause_labels_prompts_and_notes(demo, pdf_text):
    _, session = demo
    for finding in session.summary.findings:
        assert _squash(CATALOGUE[finding.clause].label_zh) in pdf_text
    assert _squash(CATALOGUE["kf-11.3"].zh) in pdf_text
    for record in session.summary.prompts:
        assert _squash(record.prompt.text) in pdf_text
    for _, text in NOTES:
        assert _squash(text) in pdf_text
    assert "本报告在本机生成" in pdf_text


def test_plots_draw_chinese_with_a_real_font_not_boxes(demo):
    _, session = demo
    model = ReplayModel.build(session, lang="zh")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        timeline_png(model, ReportText("zh"), [10.0])
        pace_png(model, ReportText("zh"))
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing


def test_a_recovered_session_still_reports_prompts_and_a_scorecard(demo, tmp_path):
    _, whole = demo
    cut = max(e.t for e in whole.events if e.t < 50.0)  # the writer died at 0:50
    session = replace(whole, info=replace(whole.info, state=SessionState.RECOVERED,
                                          duration_s=cut),
                      events=[e for e in whole.events if e.t <= cut], summary=None)
    content = build_content(session, "en")
    assert "recovered" in content.warnings[0] and "recomputed" in content.warnings[1]
    assert [p.rule_name for p in content.prompts] == ["15-second hold updates"]
    assert {r.rule: r.status for r in content.scorecard}["hold_update"] is Status.MISSED
    page = write_report(session, tmp_path / "r.html").read_text("utf-8")
    assert "中断后恢复" in page


def test_other_suffixes_and_languages_are_refused_with_a_clear_message(demo, tmp_path):
    with pytest.raises(ReportError, match=r"\.docx.*name the file \.html or \.pdf"):
        write_report(demo[1], tmp_path / "r.docx")
    with pytest.raises(ReportError, match="does not exist"):
        write_report(demo[1], tmp_path / "nowhere" / "r.html")
    with pytest.raises(ReportError, match="use zh or en"):
        write_report(demo[1], tmp_path / "r.html", lang="ko")
    assert not list(tmp_path.iterdir())


def test_cli_writes_a_report_by_id_prefix(demo, tmp_path, capsys):
    root, session = demo
    out = tmp_path / "report.pdf"
    assert main(["report", session.info.id[:12], "--out", str(out), "--lang", "en",
                 "--store", str(root)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert out.stat().st_mode & 0o077 == 0
    assert f"wrote {out}" in capsys.readouterr().out


def test_cli_bad_id_bad_suffix_and_damaged_session_exit_2(demo, tmp_path, capsys):
    root, session = demo
    assert main(["report", "nope", "--out", str(tmp_path / "r.html"),
                 "--store", str(root)]) == 2
    err = capsys.readouterr().err
    assert "no session matching 'nope'" in err and "assistant sessions list" in err

    assert main(["report", session.info.id, "--out", str(tmp_path / "r.txt"),
                 "--store", str(root)]) == 2
    assert ".html or .pdf" in capsys.readouterr().err

    damaged = tmp_path / "damaged"
    shutil.copytree(root, damaged)
    with sqlite3.connect(damaged / "sessions.db") as db:
        db.execute("UPDATE events SET data = '{broken' WHERE seq = 3")
    assert main(["report", session.info.id, "--out", str(tmp_path / "r.html"),
                 "--store", str(damaged)]) == 2
    err = capsys.readouterr().err
    assert "event 3 is damaged" in err and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()


def test_an_exported_session_folder_reports_without_importing(demo, tmp_path):
    transfer = pytest.importorskip("assistant.sessions.store.transfer")
    root, session = demo
    with SessionStore(root) as store:
        folder = transfer.export_session(store, session.info.id, tmp_path / "export")
        before = len(store.list())
    loaded = load_session(str(folder))
    assert loaded.info.id == session.info.id and len(loaded.notes) == len(NOTES)
    page = write_report(loaded, tmp_path / "r.html").read_text("utf-8")
    assert html.escape(NOTES[0][1]) in page
    with SessionStore(root) as store:
        assert len(store.list()) == before


def test_every_rule_has_a_name_in_both_report_languages():
    from assistant.conduct.pack import RULE_IDS
    from assistant.sessions.report.text import RULE_NAMES

    for lang in ("zh", "en"):
        assert set(RULE_NAMES[lang]) == set(RULE_IDS)
    assert ReportText("zh").rule("hold_update") == "每15秒通报"
