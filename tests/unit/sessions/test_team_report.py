"""Team coaching reports over stored sessions of two agents, recorded by the real pipeline."""

from __future__ import annotations

import html
import io
import re
import shutil
from collections import Counter
from dataclasses import replace
from datetime import date, datetime

import pytest

from assistant.cli import main
from assistant.conduct.clauses import ClauseCatalogue
from assistant.ground.events import Status
from assistant.sessions.report.team import TeamFilter, build_team_content, select_sessions
from assistant.sessions.report.write import write_team_report
from assistant.sessions.session import SessionState
from assistant.sessions.store.database import SessionStore
from tests.fixtures.sessions import SCENARIOS, record_scenario

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                reason="espeak-ng is not installed (the calls' turn times)")

CATALOGUE = ClauseCatalogue.load()
LI, WANG = ("小李", "5678"), ("王芳", "1024")
CALLS = [  # scenario, agent, call time
    ("zh_polite_call", LI, datetime(2026, 11, 20, 9, 5)),
    ("zh_long_hold_no_updates", LI, datetime(2026, 11, 25, 14, 30)),
    ("zh_closing_no_recap_agent_hangs_up", LI, datetime(2026, 12, 2, 10, 0)),
    ("zh_forbidden_phrase", WANG, datetime(2026, 10, 30, 16, 45)),
    ("zh_missing_intro", WANG, datetime(2026, 11, 28, 11, 20)),
]


@pytest.fixture(scope="module")
def store_root(tmp_path_factory):
    work = tmp_path_factory.mktemp("team")
    with SessionStore(work / "store") as store:
        for name, agent, when in CALLS:
            record_scenario(store, SCENARIOS / f"{name}.toml", work, audio=False, agent=agent,
                            call_time=when)
    return work / "store"


@pytest.fixture(scope="module")
def everyone(store_root):
    with SessionStore(store_root) as store:
        sessions, busy = select_sessions(store, TeamFilter())
    assert len(sessions) == len(CALLS) and not busy
    return sessions


def _squash(text: str) -> str:
    return re.sub(r"[\s\u00a0]+", "", text)


def _expected(sessions) -> dict[str, dict[str, Counter]]:
    """Per agent and clause, from each call's findings: missed if any rule under the clause
    was missed, else not checked if any was, else met; not needed when none of its rules
    applied."""
    out: dict[str, dict[str, Counter]] = {}
    for s in sessions:
        by_clause: dict[str, set[Status]] = {}
        for f in s.summary.findings:
            by_clause.setdefault(f.clause, set()).add(f.status)
        for clause, statuses in by_clause.items():
            verdict = next(v for v in (Status.MISSED, Status.NOT_CHECKED, Status.MET,
                                       Status.NOT_APPLICABLE) if v in statuses)
            out.setdefault(s.info.agent, {}).setdefault(clause, Counter())[verdict.value] += 1
    return out


def test_counts_per_agent_and_clause_are_the_sum_of_the_calls_findings(everyone):
    content = build_team_content(everyone, TeamFilter(), "en")
    expected = _expected(everyone)
    assert {a.agent for a in content.agents} == {"小李 5678", "王芳 1024"}
    for block in content.agents:
        got = {c: Counter({k: v for k, v in (("met", n.met), ("missed", n.missed),
                                            ("not_checked", n.not_checked),
                                            ("not_applicable", n.not_applicable)) if v})
               for c, n in block.clauses.items()}
        assert got == expected[block.agent]
        assert any(n.not_applicable for n in block.clauses.values())  # e.g. no hold asked
        assert block.calls == sum(s.info.agent == block.agent for s in everyone)
    assert any(n.missed for b in content.agents for n in b.clauses.values())
    top = content.top[0]
    assert top.missed == max(c.missed for c in content.top)
    assert top.miss_rate == top.missed / (top.met + top.missed)
    assert [c.id for c in content.calls] == [s.info.id for s in
                                             sorted(everyone, key=lambda s: s.info.call_time)]


def test_agent_and_dates_filter_the_sessions(store_root):
    with SessionStore(store_root) as store:
        by_id, _ = select_sessions(store, TeamFilter("1024"))
        by_name, _ = select_sessions(store, TeamFilter("小李"))
        november, _ = select_sessions(store, TeamFilter(None, date(2026, 11, 1),
                                                        date(2026, 11, 30)))
        since, _ = select_sessions(store, TeamFilter("小李", since=date(2026, 11, 21)))
    assert {s.info.agent_id for s in by_id} == {"1024"} and len(by_id) == 2
    assert {s.info.agent_name for s in by_name} == {"小李"} and len(by_name) == 3
    assert sorted(s.info.call_time.day for s in november) == [20, 25, 28]
    assert sorted(s.info.call_time.date() for s in since) == [date(2026, 11, 25),
                                                             date(2026, 12, 2)]


def test_html_holds_agents_clause_labels_and_call_ids(everyone, tmp_path):
    page = html.unescape(write_team_report(everyone, TeamFilter(), tmp_path / "t.html",
                                           lang="zh").read_text("utf-8"))
    content = build_team_content(everyone, TeamFilter(), "zh")
    assert "小李 5678" in page and "王芳 1024" in page
    for block in content.agents:
        for clause in block.clauses:
            assert CATALOGUE.label(clause, "zh") in page
    for top in content.top:
        assert CATALOGUE[top.clause.id].zh in page and CATALOGUE[top.clause.id].en in page
    for s in everyone:
        assert s.info.id in page
    assert "<th class=n>不涉及</th><th class=n>未检查</th>" in page  # four verdicts, each a column
    assert page.count("data:image/png;base64,") == 1
    assert "http://" not in page and "https://" not in page


def test_pdf_text_holds_agents_clause_labels_and_call_ids(everyone, tmp_path):
    from pypdf import PdfReader

    out = write_team_report(everyone, TeamFilter(), tmp_path / "t.pdf", lang="zh")
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = _squash("\n".join(page.extract_text() for page in reader.pages))
    assert "小李5678" in text and "王芳1024" in text
    for clause in {f.clause for s in everyone for f in s.summary.findings
                   if f.status is not Status.NOT_APPLICABLE}:
        assert _squash(CATALOGUE.label(clause, "zh")) in text
    for s in everyone:
        assert s.info.id in text
    assert "团队辅导报告" in text


def test_zh_and_en_headings_differ(everyone):
    zh = build_team_content(everyone, TeamFilter(), "zh")
    en = build_team_content(everyone, TeamFilter(), "en")
    assert zh.title == "团队辅导报告" and en.title == "Team coaching report"
    assert zh.text("section.team_top") != en.text("section.team_top")
    assert build_team_content(everyone, TeamFilter()).lang == "zh"  # the calls' language


def test_a_recovered_session_is_scored_from_its_observations(everyone):
    whole = next(s for s in everyone if s.info.call_time.day == 25)
    cut = replace(whole, info=replace(whole.info, state=SessionState.RECOVERED),
                  summary=None)
    a = build_team_content([whole], TeamFilter(), "en")
    b = build_team_content([cut], TeamFilter(), "en")
    assert b.warnings and "recovered" in b.warnings[0] and not a.warnings
    assert b.calls[0].recovered and b.calls[0].prompts == a.calls[0].prompts
    assert "kf-11.3" in b.agents[0].clauses and b.agents[0].clauses["kf-11.3"].missed == 1


def test_cli_writes_a_team_report_and_filters(store_root, tmp_path, capsys):
    out = tmp_path / "team.html"
    assert main(["report", "--agent", "王芳", "--since", "2026-11-01", "--out", str(out),
                 "--lang", "en", "--store", str(store_root)]) == 0
    page = out.read_text("utf-8")
    assert f"wrote {out}" in capsys.readouterr().out
    assert "王芳 1024" in page and "小李 5678" not in page
    assert "Team coaching report" in page and "Clauses missed most" in page
    with SessionStore(store_root) as store:
        ids = {i.id: i for i in store.list()}
    for sid, info in ids.items():
        assert (sid in page) == (info.agent_name == "王芳" and info.call_time.month == 11)
    assert out.stat().st_mode & 0o077 == 0
    pdf = tmp_path / "all.pdf"
    assert main(["report", "--all", "--out", str(pdf), "--store", str(store_root)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_no_match_exits_2_with_a_message(store_root, tmp_path, capsys):
    out = tmp_path / "t.html"
    assert main(["report", "--agent", "nobody", "--out", str(out),
                 "--store", str(store_root)]) == 2
    err = capsys.readouterr().err
    assert "no stored sessions match agent 'nobody'" in err and "Traceback" not in err
    assert main(["report", "--all", "--since", "2027-01-01", "--out", str(out),
                 "--store", str(store_root)]) == 2
    assert "since 2027-01-01" in capsys.readouterr().err
    assert not out.exists()


def test_bad_dates_and_mixed_arguments_are_refused(store_root, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--all", "--since", "2026-13-01", "--out", str(tmp_path / "t.html")])
    assert exit_.value.code == 2
    assert "not a day" in capsys.readouterr().err
    assert main(["report", "abc", "--all", "--out", str(tmp_path / "t.html"),
                 "--store", str(store_root)]) == 2
    assert "--agent NAME_OR_ID, or --all" in capsys.readouterr().err
    assert main(["report", "--out", str(tmp_path / "t.html"), "--store", str(store_root)]) == 2


def test_a_demo_run_is_never_counted_in_team_figures(everyone):
    info = everyone[0].info
    assert TeamFilter().matches(info)
    demo = replace(info, source="demo")
    assert not TeamFilter().matches(demo)
    assert not TeamFilter(agent=info.agent_name).matches(demo)
