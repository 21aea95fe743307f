"""A manifest: the list of an archive's calls to analyse, one per line, as QA exports it.

A UTF-8 CSV file (``.csv``, ``.txt`` or ``.lst``); blank lines and lines starting with ``#``
are skipped; a first line ``path,agent_name,agent_id,call_time`` is a header and skipped::

    # week 48, team B
    /archive/2026-11-25/0912-1024.wav,王芳,1024,2026-11-25T09:12:00
    /archive/2026-11-25/0915-2048.flac,李,2048
    "/archive/with, comma/call.wav"
    relative/to/the/manifest.ogg

Columns after the path are optional: ``agent_name``, ``agent_id`` and ``call_time`` (local
ISO date-time). A relative path is taken from the manifest's folder. The paths must be
readable at the same place by every worker (the archive's shared folder); the machine that
runs ``analyze`` only reads the manifest. What a line leaves out is found as for a folder:
``--agent-name``/``--agent-id``, then the recording's sidecar ``<stem>.toml`` (read by the
worker), else unknown (—); the call time from the recording, its sidecar or its name (read by
the worker), else ``--call-time``.
"""

from __future__ import annotations

import argparse
import csv
import io
from datetime import datetime
from pathlib import Path

from assistant.archive.batch import Job
from assistant.ground.reader import say
from assistant.ground.safefile import MiB, UnsafeFile, read_bytes

SUFFIXES = (".csv", ".txt", ".lst")
COLUMNS = ("path", "agent_name", "agent_id", "call_time")
MAX_BYTES = 64 * MiB

MESSAGES = {
    "unreadable": {"en": "{path}: the manifest cannot be read: {why}",
                   "zh": "{path}：无法读取清单：{why}"},
    "not_text": {"en": "{path}: the manifest is not UTF-8 text",
                 "zh": "{path}：清单不是 UTF-8 文本"},
    "csv": {"en": "{path}:{line}: not a CSV line ({why})",
            "zh": "{path}:{line}：不是有效的 CSV 行（{why}）"},
    "columns": {"en": "{path}:{line}: {n} columns; a line is path[,agent_name[,agent_id"
                      "[,call_time]]]",
                "zh": "{path}:{line}：有 {n} 列；每行应为 path[,agent_name[,agent_id[,call_time]]]"},
    "empty_path": {"en": "{path}:{line}: the path is empty",
                   "zh": "{path}:{line}：路径为空"},
    "call_time": {"en": "{path}:{line}: call_time {value!r} is not a local ISO date-time "
                        "(2026-11-25T09:05:00)",
                  "zh": "{path}:{line}：call_time {value!r} 不是本地 ISO 时间"
                        "（如 2026-11-25T09:05:00）"},
    "no_calls": {"en": "{path}: the manifest lists no calls",
                 "zh": "{path}：清单中没有任何通话"},
}


class ManifestError(Exception):
    """The manifest cannot be used; the message names the file and line."""


def is_manifest(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def read_manifest(path: Path, args: argparse.Namespace) -> list[Job]:
    """One job per line, in the manifest's order; the first bad line stops it, named.

    A job's agent and call time are the line's (agent else the command line's); what is
    still missing the worker finds next to the recording."""
    try:
        raw = read_bytes(path, MAX_BYTES)
    except (UnsafeFile, OSError) as exc:
        raise ManifestError(say(MESSAGES, "unreadable", path=path, why=exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ManifestError(say(MESSAGES, "not_text", path=path)) from None
    jobs: list[Job] = []
    for number, cells in _rows(path, text):
        if number == 1 and [c.strip().lower() for c in cells[:1]] == ["path"]:
            continue
        jobs.append(_job(path, number, cells, args))
    if not jobs:
        raise ManifestError(say(MESSAGES, "no_calls", path=path))
    return jobs


def _rows(path: Path, text: str):
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, strict=True)
    while True:
        number = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ManifestError(say(MESSAGES, "csv", path=path, line=number, why=exc)) from None
        if not cells or not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        yield number, cells


def _job(manifest: Path, line: int, cells: list[str], args: argparse.Namespace) -> Job:
    if len(cells) > len(COLUMNS):
        raise ManifestError(say(MESSAGES, "columns", path=manifest, line=line, n=len(cells)))
    values = dict(zip(COLUMNS, (c.strip() for c in cells)))
    if not values["path"]:
        raise ManifestError(say(MESSAGES, "empty_path", path=manifest, line=line))
    call = Path(values["path"]).expanduser()
    if not call.is_absolute():
        call = manifest.parent / call
    when = None
    if text := values.get("call_time", ""):
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            raise ManifestError(say(MESSAGES, "call_time", path=manifest, line=line,
                                    value=text)) from None
    name, agent_id = values.get("agent_name", ""), values.get("agent_id", "")
    if not (name or agent_id):
        name, agent_id = args.agent_name, args.agent_id
    return Job(call, name, agent_id, when, args.pack, args.lang, args.model, args.recogniser,
               args.agent_channel, False)
