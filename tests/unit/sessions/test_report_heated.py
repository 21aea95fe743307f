"""The report and scorecard show 第七、八、九条 and 第十三条(2)(3) with their verdicts and the
words heard, from a recorded session of the badly handled heated call (phrase hits on both
channels from the scripted recogniser, which, like vosk grammar, hears phrases only)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from assistant.ground.events import Status
from assistant.sessions.report.write import write_report
from assistant.sessions.scorecard import scorecard
from assistant.sessions.store.database import SessionStore
from tests.fixtures.sessions import record_scenario

IGNORED = Path(__file__).resolve().parents[2] / "scenarios" / "heated" / "zh_heated_ignored.toml"
NEW = {"restate_need": "第七条", "show_understanding": "第八条", "calm_tone": "第九条",
       "jargon": "第十三条(2)", "escalation": "第十三条(3)"}


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    work = tmp_path_factory.mktemp("heated-report")
    with SessionStore(work / "store") as store:
        info, _ = record_scenario(store, IGNORED, work)
        return store.load(info.id)


def test_the_scorecard_has_the_five_clauses_missed_in_the_codes_order(session):
    rows = scorecard(session.summary.findings, "zh")
    by_rule = {r.rule: r for r in rows}
    for rule, label in NEW.items():
        assert by_rule[rule].clause_label == label, rule
        assert by_rule[rule].status is Status.MISSED, (rule, by_rule[rule].detail)
    order = [r.rule for r in rows]
    assert order.index("positive_wording") < order.index("restate_need") \
        < order.index("show_understanding") < order.index("calm_tone") \
        < order.index("no_denial") < order.index("backchannel") < order.index("jargon") \
        < order.index("escalation")
    assert by_rule["restate_need"].detail.startswith("未复述客户的需求：“我想”")
    assert by_rule["escalation"].detail.startswith("客户仍不满意，未告知上报管理人员：")


def test_the_report_shows_the_verdicts_and_the_words_heard(session, tmp_path):
    page = html.unescape(write_report(session, tmp_path / "r.html").read_text("utf-8"))
    for text in ("第七条", "第八条", "第九条", "第十三条", "复述客户需求", "表示理解",
                 "耐心平稳沟通", "少用行业术语", "不满意时上报", "未达标", "“工单”",
                 "“你别激动”", "未先表示理解：客户声音提高"):
        assert text in page, text
    english = html.unescape(write_report(session, tmp_path / "r-en.html", lang="en")
                            .read_text("utf-8"))
    for text in ("restate the caller's need", "calm with a raised voice", "little jargon",
                 "not restated:", "no supervisor offered after:", "louder by"):
        assert text in english, text
