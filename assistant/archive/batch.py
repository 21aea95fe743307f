"""`assistant analyze DIR [--record]`: every recording in a folder, a table per agent × clause.

Each WAV/FLAC/OGG under ``DIR`` (sub-folders too) goes through the same pipeline as
``analyze FILE``, one call per process of a pool (``--jobs``, default: the CPU cores),
with a progress bar on stderr. A file that cannot be analysed is reported and skipped;
the others go on. With ``--record`` each call becomes a session (source ``file``).

Who the agent is, first match wins:

1. ``--agent-name`` / ``--agent-id`` on the command line (the same for every file);
2. a sidecar ``<stem>.toml`` next to the file: ``agent_name = "…"``, ``agent_id = "…"``,
   optionally ``call_time = 2026-11-25T09:05:00`` (a scenario file's ``[scenario]
   call_time`` counts too);
3. the sub-folder the file is in (``DIR/1024-wang/call.wav`` → agent ``1024-wang``);
4. otherwise "—" (unknown).

The call time is the sidecar's, else ``--call-time``, else the file's modification time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tomllib
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from assistant.archive.batch_words import (
    file_line,
    heads,
    no_recordings,
    progress_label,
    skipped_line,
    totals_line,
)
from assistant.audio.call_time import call_time_of
from assistant.ground.events import Status
from assistant.ground.safefile import read_bytes
from assistant.ground.summary import Summary

AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".oga", ".aiff", ".aif")


@dataclass(frozen=True)
class Job:
    path: Path
    agent_name: str
    agent_id: str
    call_time: datetime | None
    pack: Path | None
    lang: str | None
    model: Path | None
    recogniser: str
    agent_channel: str
    record: bool

    @property
    def agent(self) -> str:
        return " ".join(p for p in (self.agent_name, self.agent_id) if p) or "—"


@dataclass
class Result:
    path: Path
    agent: str
    duration_s: float = 0.0
    prompts: int = 0
    findings: list[tuple[str, str, str]] = field(default_factory=list)
    """(rule, clause, status) per rule."""
    session_id: str = ""
    error: str = ""
    notes: list[str] = field(default_factory=list)


def recordings(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.suffix.lower() in AUDIO_SUFFIXES
                  and not p.name.startswith("."))


def plan(folder: Path, args: argparse.Namespace) -> list[Job]:
    jobs = []
    for path in recordings(folder):
        side = _sidecar(path)
        name, agent_id = args.agent_name, args.agent_id
        if not (name or agent_id):
            name, agent_id = str(side.get("agent_name", "")), str(side.get("agent_id", ""))
        if not (name or agent_id) and path.parent != folder:
            name = path.parent.name
        call_time = call_time_of(path).when or args.call_time
        jobs.append(Job(path, name, agent_id, call_time, args.pack, args.lang, args.model,
                        args.recogniser, args.agent_channel, args.record))
    return jobs


def analyse_folder(folder: Path, args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from assistant.engine.packs import choose_pack
    from assistant.ground.errors import EXIT_BAD_INPUT, UserError

    jobs = plan(folder, args)
    if not jobs:
        raise UserError(no_recordings(folder, AUDIO_SUFFIXES))
    pack = choose_pack(args.pack, args.lang)
    if args.record:
        from assistant.sessions.recording.start import housekeeping_once

        housekeeping_once(pack, lambda line: print(f"assistant: {line}", file=sys.stderr))
    workers = max(1, min(args.jobs or os.cpu_count() or 1, len(jobs)))
    results: list[Result] = []
    said: set[str] = set()
    with tqdm(total=len(jobs), unit="call", file=sys.stderr, desc=progress_label()) as bar:
        for result in _run(jobs, workers):
            results.append(result)
            bar.update()
            for note in result.notes:
                if note not in said:
                    said.add(note)
                    bar.write(f"assistant: {note}", file=sys.stderr)
            if result.error:
                bar.write(f"assistant: {skipped_line(result.error)}", file=sys.stderr)
            elif not args.json:
                bar.write(_file_line(result, folder), file=sys.stdout)
    results.sort(key=lambda r: str(r.path))
    table = per_agent(results)
    if args.json:
        for r in results:
            print(json.dumps(_file_json(r), ensure_ascii=False))
        print(json.dumps(_table_json(table, results, workers), ensure_ascii=False))
    else:
        if table:
            print(format_table(table, _label(pack)))
        bad = [r for r in results if r.error]
        print(totals_line(len(results) - len(bad), len(results), len(bad)))
    return EXIT_BAD_INPUT if any(r.error for r in results) else 0


def _run(jobs: list[Job], workers: int):
    if workers == 1:
        for job in jobs:
            yield analyse_one(job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(analyse_one, job) for job in jobs]
        for future in as_completed(futures):
            yield future.result()


# --- one call, in a worker -------------------------------------------------------------


def analyse_one(job: Job) -> Result:
    """Never raises for a bad file: the error is in the result, the batch goes on."""
    from assistant.audio.file import AudioFileError, open_call_file
    from assistant.ground.errors import UserError

    result = Result(job.path, job.agent)
    try:
        pack = _pack(job.pack, job.lang)
        source = open_call_file(job.path, agent_channel=job.agent_channel)
    except (AudioFileError, UserError) as exc:
        result.error = str(exc)
        return result
    run = run_job(job, pack, source, job.call_time, record=job.record)
    result.error, result.notes, result.session_id = run.error, run.notes, run.session_id
    if run.summary is not None:
        result.duration_s = run.summary.duration_s
        result.prompts = len(run.summary.prompts)
        result.findings = [(f.rule, f.clause, f.status.value) for f in run.summary.findings]
    return result


@dataclass
class JobRun:
    """One opened recording run through a call: its summary, or why there is none."""

    summary: Summary | None = None
    error: str = ""
    notes: list[str] = field(default_factory=list)
    recognisers: dict = field(default_factory=dict)
    session_id: str = ""


def run_job(job: Job, pack, source, when: datetime | None, *,
            sinks: Sequence[Callable[[object], None]] = (), record: bool = False) -> JobRun:
    """The call of one opened recording, for the local pool and the cluster alike: the
    worker's recognisers, a session recorder with ``record`` (the local pool's; a
    cluster's records go to its result store), the sample check's notes.
    A recording that breaks part-way, or any fault in one call, is the run's ``error``."""
    from assistant.audio.file import AudioFileError
    from assistant.audio.samples import SampleCheck
    from assistant.conduct.rules.base import AgentProfile
    from assistant.engine.calls import Call
    from assistant.sessions.recording.stop_words import recording_stopped_note

    hearing = hearing_for(pack, job, source.has_caller)
    run = JobRun(notes=[str(n) for n in hearing.notes if str(n) not in _seen_notes],
                 recognisers=hearing.recognisers)
    _seen_notes.update(run.notes)
    recorder = _recorder(pack, job, hearing, source.has_caller) if record else None
    call = Call(pack, hearing, has_caller=source.has_caller, call_time=when,
                agent=AgentProfile(job.agent_name, job.agent_id), sinks=list(sinks),
                recorder=recorder)
    check = SampleCheck(source.sample_rate)
    try:
        summary = call.run(source.blocks(check))
    except AudioFileError as exc:
        run.error = str(exc)
        return run
    except Exception as exc:  # noqa: BLE001 - one file's fault must never end the batch
        call.finish_recording(None, remark=f"analysis failed: {type(exc).__name__}: {exc}")
        run.error = f"{job.path}: could not be analysed ({type(exc).__name__}: {exc})"
        return run
    run.notes += [f"{job.path}: {note}" for note in check.notes()]
    if recorder is not None:
        call.finish_recording(summary)
        if recorder.problem:
            run.notes.append(f"{job.path}: {recording_stopped_note(recorder.problem)}")
        run.session_id = recorder.session_id or ""
    run.summary = summary
    return run


@cache
def _pack(pack_path: Path | None, lang: str | None):
    from assistant.engine.packs import choose_pack

    return choose_pack(pack_path, lang)


_seen_notes: set[str] = set()


def hearing_for(pack, job: Job, has_caller: bool):
    """A worker analyses many calls with one model: it loads it (1–2 s) once per process
    (the processes end with the batch, or serve a cluster's calls)."""
    from assistant.engine.calls import hear

    return hear(pack, mode=job.recogniser, has_caller=has_caller,  # type: ignore[arg-type]
                model_path=job.model, keep_models=True)


def _recorder(pack, job: Job, hearing, has_caller: bool):
    from assistant.conduct.rules.base import AgentProfile
    from assistant.sessions.recording.start import start_recorder
    from assistant.sessions.session import Source

    return start_recorder(
        pack, source=Source.FILE, has_caller=has_caller, pack_path=job.pack,
        agent=AgentProfile(job.agent_name, job.agent_id), mode=job.recogniser,
        recognisers=hearing.recognisers, model_path=job.model,
        source_path=str(job.path.resolve()), call_time=job.call_time, housekeeping=False)


# --- the sidecar and the table ---------------------------------------------------------


def _sidecar(path: Path) -> dict:
    """The agent named in ``<recording>.toml`` (its call time is read by ``call_time_of``)."""
    side = path.with_suffix(".toml")
    if not side.is_file():
        return {}
    try:
        data = tomllib.loads(read_bytes(side, 64 * 1024).decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return {}
    out = {k: data[k] for k in ("agent_name", "agent_id") if k in data}
    when = data.get("call_time") or data.get("scenario", {}).get("call_time")
    if isinstance(when, datetime):
        out["call_time"] = when
    elif isinstance(when, str):
        try:
            out["call_time"] = datetime.fromisoformat(when)
        except ValueError:
            pass
    return out


Table = dict[str, dict[str, dict[str, int]]]
"""agent → clause → status → calls."""


def per_agent(results: list[Result]) -> Table:
    """Met / missed / not checked per agent and clause; a clause is met in a call only if
    every rule under it that applied was met."""
    from assistant.sessions.scorecard import clause_verdicts

    table: Table = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for r in results:
        if r.error:
            continue
        verdicts = clause_verdicts((clause, Status(status)) for _, clause, status in r.findings)
        for clause, verdict in verdicts.items():
            table[r.agent][clause][verdict.value] += 1
        for clause in {clause for _, clause, _ in r.findings} - verdicts.keys():
            table[r.agent][clause][Status.NOT_APPLICABLE.value] += 1
        table[r.agent]["calls"]["n"] += 1
    return table


def format_table(table: Table, label) -> str:
    """The per-agent table; empty when no call was analysed (a header over nothing says
    nothing the totals line does not)."""
    from assistant.ground.terminal import table as render

    if not table:
        return ""
    rows = [heads()]
    for agent in sorted(table):
        shown, calls = agent, str(table[agent]["calls"]["n"])
        for clause in sorted((c for c in table[agent] if c != "calls"), key=_clause_order):
            counts = table[agent][clause]
            rows.append((shown, calls, label(clause), str(counts["met"]),
                         str(counts["missed"]), str(counts["not_applicable"]),
                         str(counts["not_checked"])))
            shown = calls = ""
    return "\n" + render(rows)


def _clause_order(clause: str) -> tuple:
    """``kf-5`` before ``kf-11.2`` before ``kf-11.10``."""
    return tuple(int(n) for n in re.findall(r"\d+", clause)), clause


def _label(pack):
    from assistant.conduct.clauses import ClauseCatalogue

    catalogue = ClauseCatalogue.load()
    lang = "zh" if pack.language == "zh" else "en"
    return lambda clause: catalogue.label(clause, lang)


def _file_line(r: Result, folder: Path) -> str:
    return file_line(r.path.relative_to(folder), r.agent, r.duration_s, r.prompts,
                     missed_rules(r), session=r.session_id)


def missed_rules(r: Result) -> list[str]:
    return sorted({rule for rule, _, s in r.findings if s == Status.MISSED.value})


def _file_json(r: Result) -> dict:
    return {"type": "file", "file": str(r.path), "agent": r.agent, "error": r.error or None,
            "duration_s": r.duration_s, "prompts": r.prompts, "session": r.session_id or None,
            "findings": [{"rule": a, "clause": b, "status": c} for a, b, c in r.findings]}


def _table_json(table: Table, results: list[Result], workers: int) -> dict:
    return {"type": "batch", "files": len(results), "jobs": workers,
            "analysed": sum(1 for r in results if not r.error),
            "skipped": [{"file": str(r.path), "error": r.error} for r in results if r.error],
            "agents": {agent: {clause: dict(counts) for clause, counts in clauses.items()
                               if clause != "calls"} | {"calls": clauses["calls"]["n"]}
                       for agent, clauses in table.items()}}
