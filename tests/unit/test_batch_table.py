"""The batch table counts every verdict, "not needed" included, and words counts right."""

from __future__ import annotations

from pathlib import Path

from assistant.archive.batch import Result, _file_line, format_table, per_agent
from assistant.sessions.report.team import ClauseCount, ClauseRef, charted_clauses


def test_not_needed_has_its_own_column_and_one_prompt_is_singular():
    results = [
        Result(Path("/calls/a.wav"), "王", 60.0, 1, [("hold_update", "kf-11.3", "not_applicable"),
                                                     ("hold_callback", "kf-11.3", "not_applicable"),
                                                     ("overtalk", "kf-12.2", "met")]),
        Result(Path("/calls/b.wav"), "王", 60.0, 2, [("hold_update", "kf-11.3", "missed"),
                                                     ("overtalk", "kf-12.2", "not_checked")]),
    ]
    table = per_agent(results)
    assert dict(table["王"]["kf-11.3"]) == {"not_applicable": 1, "missed": 1}
    text = format_table(table, lambda clause: clause)
    header, *rows = [line.split() for line in text.strip().splitlines() if line.strip()]
    assert "NEEDED" in header
    row = next(r for r in rows if "kf-11.3" in r)
    assert row[-4:] == ["0", "1", "1", "0"]  # met, missed, not needed, not checked
    assert "1 prompt " in _file_line(results[0], Path("/calls"))
    assert "2 prompts " in _file_line(results[1], Path("/calls"))


def test_the_team_chart_leaves_out_clauses_never_checked():
    ref = lambda cid: ClauseRef(cid, cid, "", "")  # noqa: E731
    counts = [ClauseCount(ref("kf-12.2"), met=2), ClauseCount(ref("kf-11.2"), not_checked=3),
              ClauseCount(ref("kf-5"), missed=1)]
    assert [c.clause.id for c in charted_clauses(counts)] == ["kf-5", "kf-12.2"]


def test_a_folder_where_no_call_could_be_analysed_prints_no_empty_table(tmp_path, monkeypatch,
                                                                          capsys):
    from assistant.cli import main

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "calls").mkdir()
    (tmp_path / "calls" / "a.wav").write_text("not audio", encoding="utf-8")
    assert main(["--ui-lang", "en", "analyze", str(tmp_path / "calls"), "--jobs", "1"]) == 2
    out = capsys.readouterr().out
    assert "AGENT" not in out and "0 of 1 calls analysed" in out, out
    assert format_table(per_agent([]), str) == ""
