"""The service under load for ``bench/floor_load.py``, in its own process.

``live_only_service``: the live floor's router alone on plain HTTP (no database).
``central_service``: PostgreSQL, the schema, every agent enrolled, `assistant floor serve`
with TLS, and a session document recorded by the real pipeline as the calls' template.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_listening(port: int, proc: subprocess.Popen, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the service exited while starting")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("the service did not start listening")


@contextmanager
def live_only_service(agents: int, work: Path) -> Iterator[tuple]:
    tokens = {f"tok-{n}": [f"{1000 + n}", f"agent {n}", f"team {n % 10}"]
              for n in range(agents)}
    book = work / "tokens.json"
    book.write_text(json.dumps(tokens))
    port = _free_port()
    proc = subprocess.Popen([sys.executable, __file__, "serve-live", str(port), str(book)],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        _wait_listening(port, proc)
        yield (f"http://127.0.0.1:{port}", [(v[0], k) for k, v in tokens.items()],
               "sup-bench", proc.pid)
    finally:
        proc.terminate()
        proc.wait(15)


def _serve_live(port: int, book_path: Path) -> None:
    import uvicorn

    from tests.floor.live_server import Card, TokenBook, live_app

    tokens = json.loads(book_path.read_text())
    book = TokenBook({t: Card(*card) for t, card in tokens.items()})
    book.cards["sup-bench"] = Card("sup-bench", "bench", "", "supervisor")
    uvicorn.run(live_app(book), host="127.0.0.1", port=port, log_level="warning")


@contextmanager
def central_service(agents: int, work: Path, pool_size: int = 10) -> Iterator[tuple]:
    import psycopg

    from assistant.floor.credentials import enrol
    from assistant.floor.migrate import migrate
    from tests.fixtures.floor_service import FloorService, make_self_signed
    from tests.fixtures.postgres import PostgresServer, find_pg_bin

    server = PostgresServer(find_pg_bin(), Path(tempfile.mkdtemp(prefix="floor-load-pg-")))
    server.init()
    try:
        url = server.url("floor")
        migrate(url)
        with psycopg.connect(url, autocommit=True) as conn:
            crowd = [(f"{1000 + n}", enrol(conn, f"{1000 + n}", name=f"agent {n}",
                                           team=f"team {n % 10}").token)
                     for n in range(agents)]
            supervisor = enrol(conn, "sup-bench", name="bench", role="supervisor").token
        tls = make_self_signed(work / "tls")
        service = FloorService(url, tls, work / "service.log")
        service.pool_size = pool_size
        service.start()
        try:
            yield (service.url, str(tls.cert), crowd, supervisor, _template(work),
                   service.process.pid, str(server.data))
        finally:
            service.stop()
    finally:
        server.destroy()


def _template(work: Path) -> dict:
    """A polite call recorded by the real pipeline, as the document an agent's app sends."""
    from assistant.sessions.store.database import SessionStore
    from assistant.sessions.store.transfer import session_document
    from tests.fixtures.sessions import SCENARIOS, record_scenario

    with SessionStore(work / "store") as store:
        info, _ = record_scenario(store, SCENARIOS / "zh_polite_call.toml", work, audio=False)
        return json.loads(json.dumps(session_document(store.load(info.id))))


if __name__ == "__main__" and sys.argv[1:2] == ["serve-live"]:
    _serve_live(int(sys.argv[2]), Path(sys.argv[3]))
