"""Load on the floor service: 500 agents ending calls and streaming live state at once.

    python3 bench/floor_load.py [--agents 500] [--minutes 10] [--procs 2] [--live-only]

Starts a real PostgreSQL server (initdb/pg_ctl in a temporary folder), the real service
(`assistant floor serve`, TLS, in its own process), enrols every agent and one supervisor,
and runs the agents (bench/floor_agents.py) as asyncio tasks in ``--procs`` processes: each
streams its live state over its own WebSocket and sends a real session document (a call
recorded by the pipeline) when each call ends. A supervisor's view subscribes to the floor.
``--live-only`` leaves out the database and the sessions: the live-state router alone.

Prints: sessions accepted per second (and the send time p95), live-state latency (an
agent's send → the supervisor's receive, same clock) p50/p95/p99/max, and the service's
and PostgreSQL's CPU (share of one core, mean and peak) and memory (peak RSS). Everything
runs on this one machine, so the agents' own CPU competes with the service's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import ssl
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import psutil
import websockets
from floor_agents import Plan, Tally, agents_process, ws_url

WARM_UP_S = 15.0
"""The agents connect (and their processes start) in about this time: reported apart."""


class Sampler(threading.Thread):
    """CPU (share of one core) and RSS of the service process and of PostgreSQL's, per second."""

    def __init__(self, service_pid: int, postgres_data: str | None):
        super().__init__(daemon=True)
        self.service = psutil.Process(service_pid)
        self.postgres = _postmaster(postgres_data) if postgres_data else None
        self.samples: dict[str, list[tuple[float, float]]] = {"service": [], "postgres": []}
        self.stop = threading.Event()

    def _group(self, name: str) -> list[psutil.Process]:
        if name == "service":
            return [self.service]
        return [self.postgres, *self.postgres.children(recursive=True)] if self.postgres else []

    def run(self) -> None:
        last: dict[int, float] = {}
        previous = time.monotonic()
        while not self.stop.wait(1.0):
            now = time.monotonic()
            for name in self.samples:
                cpu = rss = 0.0
                for proc in self._group(name):
                    try:
                        times = proc.cpu_times()
                        total = times.user + times.system
                        cpu += total - last.get(proc.pid, total)
                        last[proc.pid] = total
                        rss += proc.memory_info().rss
                    except psutil.Error:
                        continue
                self.samples[name].append((cpu / (now - previous), rss))
            previous = now


def _postmaster(data_dir: str) -> psutil.Process | None:
    """The PostgreSQL server running on ``data_dir`` (its backends are its children)."""
    for proc in psutil.process_iter(["name", "cmdline"]):
        cmdline = proc.info["cmdline"] or []
        if proc.info["name"] == "postgres" and data_dir in cmdline:
            return proc
    return None


async def supervise(url: str, token: str, ctx, seconds: float,
                    latencies: list[tuple[float, float]],
                    counts: dict) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            async with websockets.connect(ws_url(url) + "/live/floor", ssl=ctx,
                                          additional_headers=headers, max_size=None) as ws:
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return
                    try:
                        text = await asyncio.wait_for(ws.recv(), left)
                    except TimeoutError:
                        return
                    now, message = time.time(), json.loads(text)
                    counts[message["kind"]] = counts.get(message["kind"], 0) + 1
                    if message["kind"] == "update":
                        counts.setdefault("split", []).extend(
                            (message["at"] - a["seen_s"] - a["sent_at"], a["seen_s"],
                             now - message["at"])
                            for a in message["agents"]
                            if a.get("sent_at") and a["activity"] != "offline")
                        latencies.extend((now, now - a["sent_at"]) for a in message["agents"]
                                         if a.get("sent_at") and a["activity"] != "offline")
        except (OSError, websockets.WebSocketException):
            counts["reconnects"] = counts.get("reconnects", 0) + 1
            await asyncio.sleep(1)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_load(url: str, cafile: str | None, agents: list[tuple[str, str]], supervisor: str,
             args, template: dict | None, service_pid: int, postgres_data: str | None) -> None:
    seconds = args.minutes * 60
    plan = Plan(url, cafile, seconds, (args.call_min, args.call_max), template=template)
    ctx = ssl.create_default_context(cafile=cafile) if url.startswith("https") else None
    sampler = Sampler(service_pid, postgres_data)
    sampler.start()
    out = mp.get_context("spawn").Queue()
    share = -(-len(agents) // args.procs)
    procs = [mp.get_context("spawn").Process(
        target=agents_process, args=(plan, agents[i:i + share], i, out))
        for i in range(0, len(agents), share)]
    started = time.monotonic()
    for p in procs:
        p.start()
    latencies: list[tuple[float, float]] = []
    counts: dict = {}
    asyncio.run(supervise(url, supervisor, ctx, seconds + 5, latencies, counts))
    tally = Tally()
    for _ in procs:
        tally.merge(out.get(timeout=180))
    for p in procs:
        p.join(30)
    elapsed = min(time.monotonic() - started, seconds)  # the agents' own shift
    sampler.stop.set()
    sampler.join(3)
    report(args, tally, latencies, counts, sampler, elapsed, template is not None)


def report(args, tally: Tally, latencies, counts, sampler: Sampler, elapsed: float,
           with_sessions: bool) -> None:
    print(f"\nfloor load: {args.agents} agents in {args.procs} processes, "
          f"{args.minutes:g} min, calls {args.call_min:g}-{args.call_max:g} s, "
          f"{os.cpu_count()} CPU cores on this machine (shared with the agents)")
    print(f"  live states sent        {tally.states_sent}  "
          f"({tally.states_sent / elapsed:.0f}/s), agent reconnects {tally.reconnects}")
    print(f"  changes the supervisor received  {len(latencies)}  "
          f"(view reconnects {counts.get('reconnects', 0)})")
    if latencies:
        t0 = latencies[0][0]
        for label, chosen in (("all", latencies),
                              (f"after the first {WARM_UP_S:.0f} s",
                               [x for x in latencies if x[0] - t0 >= WARM_UP_S])):
            ms = [x * 1000 for _, x in chosen]
            if not ms:
                continue
            print(f"  live-state latency ms, {label}: p50 {percentile(ms, .5):.0f}  "
                  f"p95 {percentile(ms, .95):.0f}  p99 {percentile(ms, .99):.0f}  "
                  f"max {max(ms):.0f}  (within 2 s: "
                  f"{100 * sum(x <= 2000 for x in ms) / len(ms):.2f}% of {len(ms)})")
    if latencies:
        t0, windows = latencies[0][0], {}
        for t, late in latencies:
            windows.setdefault(int((t - t0) // 60), []).append(late * 1000)
        split = counts.get("split", [])
        if split:
            print("  where it goes, p95 ms: agent → service "
                  f"{percentile([s[0] * 1000 for s in split], .95):.0f}, in the service "
                  f"{percentile([s[1] * 1000 for s in split], .95):.0f}, service → view "
                  f"{percentile([s[2] * 1000 for s in split], .95):.0f}")
        print("  latency p95 per minute (ms): " + " ".join(
            f"{percentile(v, .95):.0f}" for _, v in sorted(windows.items())))
    if with_sessions:
        offered = tally.sessions_accepted + tally.sessions_refused + tally.session_errors
        print(f"  sessions offered        {offered}  ({offered / elapsed:.2f}/s; a floor of "
              f"500 agents x 60 calls a day is ~1/s over 8 hours)")
        print(f"  sessions accepted       {tally.sessions_accepted}  "
              f"({tally.sessions_accepted / elapsed:.2f}/s), refused "
              f"{tally.sessions_refused}, failed {tally.session_errors}, send time p95 "
              f"{percentile(tally.session_s, .95) * 1000:.0f} ms")
    for name, samples in sampler.samples.items():
        if not samples or (name == "postgres" and sampler.postgres is None):
            continue
        cpu = [c for c, _ in samples]
        print(f"  {name:<9} CPU mean {100 * statistics.mean(cpu):.0f}% peak "
              f"{100 * max(cpu):.0f}% of one core; RSS peak "
              f"{max(r for _, r in samples) / 2**20:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--procs", type=int, default=2, help="agent processes")
    parser.add_argument("--call-min", type=float, default=60.0, help="shortest call, s")
    parser.add_argument("--call-max", type=float, default=240.0, help="longest call, s")
    parser.add_argument("--pool-size", type=int, default=10,
                        help="the service's database connections (serve's default: 10)")
    parser.add_argument("--live-only", action="store_true",
                        help="the live-state router alone: no database, no sessions")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="floor-load-"))
    if args.live_only:
        from floor_setup import live_only_service

        with live_only_service(args.agents, work) as (url, agents, supervisor, pid):
            run_load(url, None, agents, supervisor, args, None, pid, None)
    else:
        from floor_setup import central_service

        with central_service(args.agents, work, args.pool_size) as (url, cafile, agents, supervisor, template,
                                                    pid, pg_pid):
            run_load(url, cafile, agents, supervisor, args, template, pid, pg_pid)


if __name__ == "__main__":
    main()
