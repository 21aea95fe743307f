"""One archived call analysed on a worker, as a plain record any result store can take.

The record holds only JSON types (the events encoded and masked as the session store keeps
them), so it crosses processes and machines unchanged and goes as it is to the central store
or into the local session store.

A call is known by the SHA-256 of its recording's bytes (``call_id``): the same recording
analysed twice — a worker killed half-way and its calls redone, a manifest run again, a
copy of a file under another name — is one call, written once.
"""

from __future__ import annotations

import hashlib
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.archive.batch import Job, Result, _sidecar, run_job

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class CallJob:
    """A batch job plus what a manifest leaves for the worker to find out."""

    job: Job
    default_time: datetime | None = None
    """``--call-time``: used when neither the job nor the recording tells."""
    find_missing: bool = False
    """Read the agent and call time next to the recording when the job has none."""


@dataclass
class CallRecord:
    path: str
    call_id: str = ""
    """SHA-256 of the recording's bytes (empty when the file could not be read)."""
    agent_name: str = ""
    agent_id: str = ""
    call_time: str | None = None
    """Local ISO date-time of the call, else the file's modification time."""
    error: str = ""
    notes: list[str] = field(default_factory=list)
    session: dict[str, Any] = field(default_factory=dict)
    """What a session carries: language, pack, model, recogniser, has_caller, versions."""
    summary: dict[str, Any] | None = None
    events: list[tuple[str, float, str | None, dict[str, Any]]] = field(default_factory=list)
    worker: str = ""
    """``host:pid`` of the process that analysed it."""

    @property
    def agent(self) -> str:
        return " ".join(p for p in (self.agent_name, self.agent_id) if p) or "—"

    def result(self) -> Result:
        """The batch's view of it, for the per-agent table and the per-file lines."""
        out = Result(Path(self.path), self.agent, error=self.error, notes=list(self.notes))
        if self.summary:
            out.duration_s = self.summary["duration_s"]
            out.prompts = len(self.summary.get("prompts", ()))
            out.findings = [(f["rule"], f["clause"], f["status"])
                            for f in self.summary["findings"]]
        return out


def content_id(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def analyse_call(call: CallJob) -> CallRecord:
    """Never raises for a bad file: the error is in the record and the batch goes on."""
    from assistant.audio.call_time import call_time_of
    from assistant.audio.file import AudioFileError, open_call_file
    from assistant.ground.errors import UserError

    job = _resolved(call)
    record = CallRecord(str(job.path), agent_name=job.agent_name, agent_id=job.agent_id,
                        worker=f"{socket.gethostname()}:{os.getpid()}")
    try:
        pack = _pack(job.pack, job.lang)
        source = open_call_file(job.path, agent_channel=job.agent_channel)
        record.call_id = content_id(job.path)
        when = job.call_time or call_time_of(job.path).when or call.default_time or \
            datetime.fromtimestamp(job.path.stat().st_mtime)
        record.call_time = when.isoformat(timespec="seconds")
    except (AudioFileError, UserError) as exc:
        record.error = str(exc)
        return record
    except Exception as exc:  # noqa: BLE001 - unreadable files are named, not fatal
        record.error = f"{job.path}: {_why(exc)}"
        return record
    events: list = []
    run = run_job(job, pack, source, when, sinks=[events.append])
    record.error, record.notes = run.error, run.notes
    if run.summary is not None:
        _fill(record, pack, job, run.summary, events, run.recognisers, source.has_caller)
    return record


def _resolved(call: CallJob) -> Job:
    job = call.job
    if not call.find_missing or (job.agent_name or job.agent_id):
        return job
    side = _sidecar(job.path)
    return Job(job.path, str(side.get("agent_name", "")), str(side.get("agent_id", "")),
               job.call_time, job.pack, job.lang, job.model, job.recogniser, job.agent_channel,
               job.record)


def _why(exc: Exception) -> str:
    return str(exc) if not isinstance(exc, OSError) else (exc.strerror or str(exc))


_packs: dict[tuple, tuple[Any, str]] = {}
"""(pack path, language) → (the pack, its text), once per process."""


def prime(pack_path: Path | None, lang: str | None, pack, text: str) -> None:
    """Use this pack (parsed where the run was submitted) for the jobs that name it: the
    workers need not see the pack file, and every worker stores the same pack text."""
    _packs[(pack_path, lang)] = (pack, text)


def _pack(pack_path: Path | None, lang: str | None):
    return _pack_and_text(pack_path, lang)[0]


def _pack_and_text(pack_path: Path | None, lang: str | None) -> tuple[Any, str]:
    from assistant.engine.packs import choose_pack
    from assistant.sessions.recording.start import pack_text

    key = (pack_path, lang)
    if key not in _packs:
        pack = choose_pack(pack_path, lang)
        _packs[key] = (pack, pack_text(pack, pack_path))
    return _packs[key]


def _fill(record: CallRecord, pack, job: Job, summary, events: list, recognisers: dict,
          has_caller: bool) -> None:
    from assistant import __version__
    from assistant.sessions.recording.start import model_name, recognition
    from assistant.sessions.store.codec import encode, is_stored, summary_to_dict
    from assistant.sessions.store.privacy import mask_event

    record.summary = summary_to_dict(summary)
    record.events = [encode(mask_event(e)) for e in events if is_stored(e)]
    record.session = {
        "language": pack.language, "pack_id": pack.pack.id, "pack_version": pack.pack.version,
        "pack_text": _pack_and_text(job.pack, job.lang)[1], "has_caller": has_caller,
        "model": model_name(pack, job.model, recognisers),
        "recogniser": recognition(job.recogniser, recognisers), "app_version": __version__,
        "retention_days": pack.recording.retention_days,
    }
