"""A desktop catching up with the central store, and what a call costs the database.

    python3 bench/central_sync.py [--calls 200] [--transcripts]

Starts a real PostgreSQL server (initdb/pg_ctl in a temporary folder) and the real service
(`assistant floor serve`, TLS, its own process), records one polite call through the real
pipeline, queues ``--calls`` copies of it in an agent's local store (as if the desktop had
been offline), and lets the real sender drain the outbox. Prints: the drain rate (calls per
second from one desktop, each acknowledged before the next), the round trip per call
(p50/p95), and the database's size per stored call (the sessions and their events, TOAST
and indexes included), which scales to a floor: 500 agents × 60 calls a day.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg

from assistant.floor.client import FloorClient
from assistant.floor.config import FloorConfig
from assistant.floor.credentials import enrol
from assistant.floor.migrate import migrate
from assistant.floor.sync import document_for
from assistant.sessions.store.database import SessionStore
from assistant.sessions.store.outbox import Outbox
from tests.fixtures.floor_service import FloorService, make_self_signed
from tests.fixtures.postgres import PostgresServer, find_pg_bin
from tests.floor.recorded import finish_copy, record_one

FLOOR_CALLS_PER_DAY = 500 * 60


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--transcripts", action="store_true",
                        help="the policy sends masked transcripts too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="central-sync-") as tmp:
        work = Path(tmp)
        server = PostgresServer(find_pg_bin(), Path(tempfile.mkdtemp(prefix="assistant-pg-")))
        server.init()
        try:
            url = server.url("floor")
            migrate(url)
            with psycopg.connect(url, autocommit=True) as conn:
                token = enrol(conn, "B100").token
            tls = make_self_signed(work / "tls")
            service = FloorService(url, tls, work / "service.log")
            service.start()
            try:
                figures = _run(args, work, service, tls.cert, token, url)
            finally:
                service.stop()
        finally:
            server.destroy()
    for line in figures:
        print(line)
    return 0


def _run(args, work: Path, service: FloorService, cert: Path, token: str, url: str
         ) -> list[str]:
    recorded = record_one(work / "call", audio=False)
    config = FloorConfig(service.url, token, cert, send_transcripts=args.transcripts)
    events = len(document_for(recorded.session, config)["events"])
    with SessionStore(work / "desk") as store:
        for i in range(args.calls):
            finish_copy(store, recorded, "B100", minutes=i)
        outbox = Outbox(store.db_path)
        trips: list[float] = []
        started = time.perf_counter()
        with FloorClient(config) as client:
            while entries := outbox.due(limit=50):
                for entry in entries:
                    t0 = time.perf_counter()
                    doc = document_for(store.load(entry.session_id), config)
                    client.send_session(doc)
                    outbox.done(entry.session_id)
                    trips.append(time.perf_counter() - t0)
        drained = time.perf_counter() - started
        outbox.close()
    with psycopg.connect(url) as conn:
        conn.execute("SET app.role = 'trainer'")
        (stored,) = conn.execute("SELECT count(*) FROM sessions").fetchone()
        (size,) = conn.execute(
            "SELECT pg_total_relation_size('sessions') + pg_total_relation_size("
            "'session_events')").fetchone()
    per_call = size / max(stored, 1)
    trips.sort()
    return [
        (f"calls: {args.calls} queued, {stored} stored; {events} events each "
        f"({recorded.session.info.duration_s:.0f} s call, transcripts "
        f"{'sent' if args.transcripts else 'kept on the desktop'})"),
        f"drain: {drained:.1f} s = {args.calls / drained:.1f} calls/s from one desktop",
        (f"round trip per call (load, document, HTTPS POST, stored): "
        f"p50 {statistics.median(trips) * 1000:.0f} ms, "
        f"p95 {trips[int(0.95 * (len(trips) - 1))] * 1000:.0f} ms"),
        (f"database per call: {per_call / 1024:.1f} KiB -> a floor's day "
        f"({FLOOR_CALLS_PER_DAY} calls): {per_call * FLOOR_CALLS_PER_DAY / 1024**3:.2f} GiB"),
    ]


if __name__ == "__main__":
    raise SystemExit(main())
