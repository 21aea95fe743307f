"""`assistant analyze DIR --record`: synthetic calls of two agents and one broken file."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest

from assistant.cli import main
from assistant.sessions.store.database import SessionStore
from tests.integration.scenario_run import synthesize_folder

pytestmark = pytest.mark.integration

CALLS = {
    "1024-wang/long_hold.wav": "zh_long_hold_no_updates",
    "1024-wang/updates.flac": "zh_hold_with_updates",
    "li.wav": "zh_overtalk",  # agent named by its sidecar li.toml
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    calls = root / "calls"
    synthesize_folder(CALLS, calls, root / "tts-cache")
    (calls / "li.toml").write_text('agent_name = "李"\nagent_id = "2048"\n'
                                   'call_time = 2026-11-25T09:05:00\n', encoding="utf-8")
    broken = calls / "1024-wang" / "cut.flac"
    broken.write_bytes((calls / "1024-wang" / "updates.flac").read_bytes()[:4000])
    shutil.rmtree(root / "tts-cache")
    return calls


def verdicts(findings) -> dict[str, str]:
    """The clause's verdict in one call: missed beats not checked beats met; a clause none
    of whose rules applied is "not needed"."""
    by_clause: dict[str, set[str]] = {}
    for f in findings:
        by_clause.setdefault(f["clause"], set()).add(f["status"])
    return {c: next(s for s in ("missed", "not_checked", "met", "not_applicable") if s in got)
            for c, got in by_clause.items()}


def test_a_folder_with_a_broken_file(folder, capsys, tmp_path):
    code = main(["analyze", str(folder), "--record", "--recogniser", "off", "--json",
                 "--jobs", "2"])
    captured = capsys.readouterr()
    assert code == 2  # something was skipped
    lines = [json.loads(x) for x in captured.out.splitlines()]
    files, (table,) = lines[:-1], lines[-1:]
    assert table["type"] == "batch" and table["files"] == 4 and table["analysed"] == 3
    assert [s["file"] for s in table["skipped"]] == [str(folder / "1024-wang" / "cut.flac")]
    assert "cut.flac" in captured.err and "truncated" in captured.err
    assert "analysing" in captured.err  # the progress bar, on stderr

    # the table equals the per-file findings of `analyze FILE`, counted per agent × clause
    expected: dict[str, Counter] = {}
    for name in CALLS:
        assert main(["analyze", str(folder / name), "--recogniser", "off", "--json"]) == 0
        summary = json.loads(capsys.readouterr().out.splitlines()[-1])
        agent = "1024-wang" if name.startswith("1024") else "李 2048"
        for clause, verdict in verdicts(summary["findings"]).items():
            expected.setdefault(agent, Counter())[(clause, verdict)] += 1
    got = {agent: Counter({(clause, status): n for clause, counts in clauses.items()
                           if clause != "calls" for status, n in counts.items()})
           for agent, clauses in table["agents"].items()}
    assert got == expected
    assert table["agents"]["1024-wang"]["calls"] == 2
    # no model, no softphone: nobody can tell who waited in the silences, so no hold is judged
    assert table["agents"]["1024-wang"]["kf-11.3"] == {"not_checked": 2}
    assert table["agents"]["李 2048"]["kf-12.2"] == {"missed": 1}  # talked over the caller

    with SessionStore() as store:
        infos = store.list()
    assert sorted(i.agent for i in infos) == ["1024-wang", "1024-wang", "李 2048"]
    li = next(i for i in infos if i.agent_id == "2048")
    assert li.call_time.isoformat() == "2026-11-25T09:05:00" and li.source == "file"
    assert {f["session"] for f in files if not f["error"]} == {i.id for i in infos}


def test_the_readable_table(folder, capsys):
    assert main(["analyze", str(folder), "--recogniser", "off", "--jobs", "1"]) == 2
    out = capsys.readouterr().out
    assert "AGENT" in out and "CLAUSE" in out and "第十一条(3)" in out
    assert "3 of 4 calls analysed, 1 skipped" in out
