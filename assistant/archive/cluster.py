"""`assistant analyze DIR|MANIFEST --cluster ADDRESS`: an archive's calls on a Dask cluster.

The calls are spread over the workers of a running Dask distributed scheduler (each worker
process analyses one call at a time with the same pipeline as ``analyze FILE``); this
process shows a progress bar, writes each call to the result store as it comes back, and
prints the same per-agent table as ``--jobs``.

* **Models load once per worker process**: :class:`ArchiveWorker` (a Dask worker plugin,
  registered by this command on every worker, those that join later or are restarted
  included) loads the recogniser's model before the first call and hands the worker the pack
  parsed here (workers need not see the pack file; ``--model`` and the installed models are
  looked up on each worker).
* **A worker killed mid-run loses nothing**: the scheduler gives its calls to the others;
  a call is known by its content id, so a call finished twice is written and counted once.
  A recording that kills its worker again and again (``distributed.scheduler.allowed-failures``,
  3 by default) is named and skipped, as a broken file is.
* **Bad files are named and skipped**; the others go on, and the exit code is 2.
* The recordings are read by the workers, at the path given: the archive must be mounted at
  the same place on every worker.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

from assistant.archive.batch_words import (
    file_line,
    no_recordings,
    progress_label,
    skipped_line,
    totals_line,
)
from assistant.archive.manifest import ManifestError, is_manifest, read_manifest
from assistant.archive.record import CallJob, CallRecord, analyse_call
from assistant.archive.sink import ResultSink, SinkError, open_sink
from assistant.ground.errors import UserError
from assistant.ground.reader import say

NO_DASK = {"en": "--cluster needs Dask distributed here and on every worker: pip install "
                 "'etiquette-assistant[cluster]'",
           "zh": "--cluster 需要在本机和每个工作节点上安装 Dask distributed：pip install "
                 "'etiquette-assistant[cluster]'"}
try:
    from distributed import Client, WorkerPlugin, as_completed
    from distributed.scheduler import KilledWorker
except ImportError:  # the single-machine install has no Dask
    raise UserError(say({"no_dask": NO_DASK}, "no_dask")) from None

PLUGIN = "etiquette-assistant-archive"
CONNECT_TIMEOUT_S = 20.0
NO_WORKER_GRACE_S = 60.0
"""How long the run waits for a worker when the cluster has none (at the start or after
every worker died) before it stops and says so."""

MESSAGES = {
    "unreachable": {"en": "cannot reach the Dask scheduler at {address} ({why}); start one "
                          "with `dask scheduler` and its workers with `dask worker {address} "
                          "--nthreads 1`",
                    "zh": "无法连接 {address} 上的 Dask 调度器（{why}）；先用 `dask scheduler` "
                          "启动调度器，再用 `dask worker {address} --nthreads 1` 启动工作进程"},
    "no_workers": {"en": "the Dask scheduler at {address} has had no worker for {seconds:.0f} s; "
                         "start some with `dask worker {address} --nthreads 1` ({done} of "
                         "{total} calls were done and are kept; run again for the rest)",
                   "zh": "{address} 上的 Dask 调度器已有 {seconds:.0f} 秒没有工作进程；请用 "
                         "`dask worker {address} --nthreads 1` 启动（已完成 {done}/{total} 个"
                         "通话并已保存；再次运行可处理其余通话）"},
    "lost": {"en": "lost the Dask scheduler at {address} ({why}); {done} of {total} calls were "
                   "done and are kept; run again: calls already stored are not written twice",
             "zh": "与 {address} 上的 Dask 调度器失去连接（{why}）；已完成 {done}/{total} 个通话"
                   "并已保存；再次运行即可，已保存的通话不会重复写入"},
    "store_down": {"en": "the result store {where} cannot take results ({why}); {done} of "
                         "{total} calls were written and are kept; run again for the rest",
                   "zh": "结果存储 {where} 无法写入（{why}）；已写入 {done}/{total} 个通话并已"
                         "保存；再次运行即可处理其余通话"},
    "workers_broken": {"en": "the workers at {address} cannot run the assistant ({why}); "
                             "install the same version as here ({version}) on every worker",
                       "zh": "{address} 上的工作进程无法运行本助手（{why}）；请在每个工作节点上"
                             "安装与此处相同的版本（{version}）"},
    "killed": {"en": "{path}: its worker died {times} times while analysing it (out of memory, "
                     "or a crash in a decoder); skipped",
               "zh": "{path}：分析该文件时其工作进程已 {times} 次异常退出（内存不足或解码器"
                     "崩溃）；已跳过"},
    "not_a_list": {"en": "{path}: --cluster takes a folder or a manifest ({suffixes})",
                   "zh": "{path}：--cluster 需要一个文件夹或清单文件（{suffixes}）"},
    "stored": {"en": "results: {written} calls written to {where}{already}",
               "zh": "结果：{written} 个通话已写入 {where}{already}"},
    "conflicts": {"en": "{n} calls were stored earlier with other results (another version or "
                        "pack?); the stored ones are kept: {ids}",
                  "zh": "{n} 个通话此前已以不同结果保存（版本或提示包不同？）；保留已保存的结果：{ids}"},
    "already": {"en": ", {n} already there from an earlier run",
                "zh": "，{n} 个在之前的运行中已写入"},
}


class ArchiveWorker(WorkerPlugin):
    """Set up once in every worker process: the pack parsed and the model loaded.

    Registered by ``analyze --cluster`` itself, so an administrator's ``dask worker`` needs
    no preload; a worker that joins (or is restarted by its nanny) runs it on arrival.
    """

    def __init__(self, args: argparse.Namespace, pack, pack_text: str):
        self.pack_path, self.lang, self.model, self.mode = (args.pack, args.lang, args.model,
                                                            args.recogniser)
        self.pack, self.pack_text = pack, pack_text

    def setup(self, worker) -> None:
        from assistant.archive.batch import Job, hearing_for
        from assistant.archive.record import prime

        prime(self.pack_path, self.lang, self.pack, self.pack_text)
        for name in ("profile", "profile-cycle"):  # sampling the analysing thread's stack
            callback = worker.periodic_callbacks.pop(name, None)  # every 10 ms costs ~20 %
            if callback is not None:
                callback.stop()
        hearing_for(self.pack, Job(Path(), "", "", None, self.pack_path, self.lang, self.model,
                                   self.mode, "left", False), has_caller=True)


def plan(target: Path, args: argparse.Namespace) -> tuple[list[CallJob], Path]:
    """The calls of a folder (as ``--jobs`` finds them) or of a manifest, and the folder that
    file names are shown relative to."""
    from assistant.archive.batch import AUDIO_SUFFIXES
    from assistant.archive.batch import plan as plan_folder

    if target.is_dir():
        jobs = plan_folder(target, args)
        if not jobs:
            raise UserError(no_recordings(target, AUDIO_SUFFIXES))
        return [CallJob(replace(j, path=j.path.resolve())) for j in jobs], target.resolve()
    if not is_manifest(target):
        from assistant.archive.manifest import SUFFIXES

        raise UserError(say(MESSAGES, "not_a_list", path=target, suffixes=", ".join(SUFFIXES)))
    try:
        jobs = read_manifest(target, args)
    except ManifestError as exc:
        raise UserError(str(exc)) from None
    return [CallJob(replace(j, path=j.path.resolve()), default_time=args.call_time,
                    find_missing=True) for j in jobs], target.resolve().parent


def connect(address: str) -> Client:
    """The scheduler at ``tcp://host:port``, or the one a ``--scheduler-file`` JSON names."""
    try:
        if address.endswith(".json") and Path(address).is_file():  # `--scheduler-file`
            return Client(scheduler_file=address, timeout=CONNECT_TIMEOUT_S,
                          set_as_default=False)
        return Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UserError(say(MESSAGES, "unreachable", address=address, why=exc)) from None


def analyse_on_cluster(target: Path, args: argparse.Namespace,
                       sink: ResultSink | None = None) -> int:
    from assistant import __version__
    from assistant.engine.packs import choose_pack
    from assistant.ground.errors import EXIT_BAD_INPUT
    from assistant.sessions.recording.start import pack_text

    calls, root = plan(target, args)
    pack = choose_pack(args.pack, args.lang)  # a bad pack stops here, before the cluster
    address = args.cluster
    try:
        sink = sink or open_sink()
    except SinkError as exc:
        raise UserError(str(exc)) from None
    try:
        client = connect(address)
    except UserError:
        sink.close()
        raise
    try:
        try:
            client.register_plugin(ArchiveWorker(args, pack, pack_text(pack, args.pack)),
                                   name=PLUGIN)
        except Exception as exc:  # noqa: BLE001 - a worker without the product, or too old
            raise UserError(say(MESSAGES, "workers_broken", address=address, why=exc,
                                version=__version__)) from None
        run = _Run(client, sink, address, len(calls))
        records = run.collect(calls, root, json_out=args.json)
        workers = len(client.scheduler_info(n_workers=-1)["workers"]) \
            if client.status == "running" else 0
    finally:
        client.close()
        sink.close()
    _report(records, run, root, args, pack, workers)
    return EXIT_BAD_INPUT if any(r.error for r in records) or run.stopped else 0


class _Run:
    """One pass over the calls: submit, wait, write each record once."""

    def __init__(self, client: Client, sink: ResultSink, address: str, total: int):
        self.client, self.sink, self.address, self.total = client, sink, address, total
        self.written = self.already = 0
        self.stopped = ""
        self.seen: set[str] = set()

    def collect(self, calls: list[CallJob], root: Path, *, json_out: bool) -> list[CallRecord]:
        from tqdm import tqdm

        run = uuid.uuid4().hex[:8]  # keys name the file, for the scheduler's dashboard
        futures = {self.client.submit(analyse_call, call, pure=False,
                                      key=f"analyse-{call.job.path.name}-{n}-{run}"): call
                   for n, call in enumerate(calls)}
        records: list[CallRecord] = []
        said: set[str] = set()
        pending = as_completed(futures, loop=self.client.loop)
        with tqdm(total=len(calls), unit="call", file=sys.stderr, desc=progress_label()) as bar:
            while not pending.is_empty() and not self.stopped:
                for future in self._next(pending, len(records)):
                    try:
                        record = self._record(future, futures[future])
                    except SinkError as exc:
                        self.stopped = say(MESSAGES, "store_down", where=self.sink.where,
                                           why=exc, done=len(records), total=self.total)
                        break
                    future.release()
                    if record is None:
                        continue
                    record.events, record.session = [], {}  # stored: 30,000 calls fit here
                    records.append(record)
                    bar.update()
                    self._say(bar, record, root, said, json_out)
            if self.stopped:
                bar.write(f"assistant: {self.stopped}", file=sys.stderr)
        for future in futures:
            future.cancel()
        return records

    def _next(self, pending, done: int):
        """The futures finished since the last look; none when the run must stop."""
        idle_since: float | None = None
        looked = time.monotonic()
        while True:
            if pending.has_ready():
                return pending.next_batch(block=False)
            if self.client.status != "running":
                self.stopped = say(MESSAGES, "lost", address=self.address, why="closed",
                                   done=done, total=self.total)
                return []
            time.sleep(0.1)
            if time.monotonic() - looked < 2.0:
                continue
            looked = time.monotonic()
            if self.client.scheduler_info(n_workers=-1)["workers"]:
                idle_since = None
                continue
            idle_since = idle_since or looked
            if looked - idle_since > NO_WORKER_GRACE_S:
                self.stopped = say(MESSAGES, "no_workers", address=self.address,
                                   seconds=NO_WORKER_GRACE_S, done=done, total=self.total)
                return []

    def _record(self, future, call: CallJob) -> CallRecord | None:
        try:
            record = future.result()
        except KilledWorker:
            from dask import config

            times = config.get("distributed.scheduler.allowed-failures")
            return CallRecord(str(call.job.path), agent_name=call.job.agent_name,
                              agent_id=call.job.agent_id,
                              error=say(MESSAGES, "killed", path=call.job.path, times=times + 1))
        except Exception as exc:  # noqa: BLE001 - an unexpected fault in one call only
            return CallRecord(str(call.job.path), error=f"{call.job.path}: could not be "
                              f"analysed ({type(exc).__name__}: {exc})")
        if not record.error:
            if record.call_id in self.seen:
                return None  # the same recording twice in this run (a copy): one call
            self.seen.add(record.call_id)
            if self.sink.put(record):
                self.written += 1
            else:
                self.already += 1
        return record

    def _say(self, bar, record: CallRecord, root: Path, said: set[str], json_out: bool) -> None:
        for note in record.notes:
            if str(note) not in said:
                said.add(str(note))
                bar.write(f"assistant: {note}", file=sys.stderr)
        if record.error:
            bar.write(f"assistant: {skipped_line(record.error)}", file=sys.stderr)
        elif not json_out:
            bar.write(_file_line(record, root), file=sys.stdout)


def _file_line(record: CallRecord, root: Path) -> str:
    from assistant.archive.batch import missed_rules

    result = record.result()
    path = Path(record.path)
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    return file_line(shown, result.agent, result.duration_s, result.prompts,
                     missed_rules(result), call=record.call_id[:12])


def _report(records: list[CallRecord], run: _Run, root: Path, args: argparse.Namespace,
            pack, workers: int) -> None:
    from assistant.archive.batch import _file_json, _label, _table_json, format_table, per_agent

    records = sorted(records, key=lambda r: r.path)
    results = [r.result() for r in records]
    table = per_agent(results)
    already = say(MESSAGES, "already", n=run.already) if run.already else ""
    stored = say(MESSAGES, "stored", written=run.written, where=run.sink.where, already=already)
    conflicts = list(getattr(run.sink, "conflicts", ()))
    if conflicts:
        print(f"assistant: {say(MESSAGES, 'conflicts', n=len(conflicts), ids=', '.join(conflicts))}",
              file=sys.stderr)
    if args.json:
        for record, result in zip(records, results):
            print(json.dumps(_file_json(result) | {"call_id": record.call_id or None,
                                                  "worker": record.worker or None},
                             ensure_ascii=False))
        summary = _table_json(table, results, workers)
        summary |= {"cluster": args.cluster, "workers": workers, "store": run.sink.where,
                    "written": run.written, "already_stored": run.already,
                    "conflicts": conflicts,
                    "stopped": run.stopped or None}
        print(json.dumps(summary, ensure_ascii=False))
        return
    if table:
        print(format_table(table, _label(pack)))
    bad = [r for r in results if r.error]
    print(totals_line(len(results) - len(bad), run.total, len(bad), workers))
    print(stored)
