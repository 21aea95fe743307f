"""The report and scorecard show 第四、六、十条 and outbound calls with their four verdicts and
the words heard, from a recorded session of a blunt call (phrase hits from the scripted
recogniser, which, like vosk grammar, hears phrases and not free text)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from assistant.ground.events import Status
from assistant.sessions.report.write import write_report
from assistant.sessions.scorecard import scorecard
from assistant.sessions.store.database import SessionStore
from tests.fixtures.sessions import record_scenario

BLUNT = Path(__file__).resolve().parents[2] / "scenarios" / "courtesy" / "zh_blunt_call.toml"


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    work = tmp_path_factory.mktemp("courtesy-report")
    with SessionStore(work / "store") as store:
        info, _ = record_scenario(store, BLUNT, work)
        return store.load(info.id)


def test_the_scorecard_has_the_new_clauses_in_the_codes_order(session):
    rows = {r.rule: r for r in scorecard(session.summary.findings, "zh")}
    assert rows["polite_address"].clause_label == "第四条"
    assert rows["polite_address"].status is Status.NOT_CHECKED
    assert rows["polite_address"].detail == "语音识别只听提示包中的短语，无法判断称呼"
    assert rows["positive_wording"].clause_label == "第六条"
    assert rows["positive_wording"].status is Status.MISSED
    assert rows["no_denial"].clause_label == "第十条"
    assert rows["no_denial"].status is Status.MISSED
    assert rows["outbound_rings"].status is Status.NOT_APPLICABLE
    order = [r.rule for r in scorecard(session.summary.findings, "zh")]
    assert order.index("polite_address") < order.index("pace_drift") \
        < order.index("positive_wording") < order.index("no_denial") < order.index("greeting")


def test_the_report_shows_the_verdicts_and_the_words_heard(session, tmp_path):
    page = html.unescape(write_report(session, tmp_path / "r.html").read_text("utf-8"))
    for text in ("第四条", "第六条", "第十条", "积极用语", "不否认问题", "礼貌称呼“您”",
                 "未检查", "未达标", "不涉及", "“不行”", "“我们可以试试这样”",
                 "之后没有给出解决办法或下一步"):
        assert text in page, text
    english = html.unescape(write_report(session, tmp_path / "r-en.html", lang="en")
                            .read_text("utf-8"))
    for text in ("positive wording", "no denying the problem", "not checked", "not needed",
                 "no next step after"):
        assert text in english, text
