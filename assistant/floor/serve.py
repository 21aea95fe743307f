"""Running the ingestion service: uvicorn, TLS terminated here, the schema brought up to date
first. The database URL is taken from ``ASSISTANT_FLOOR_DB`` when not given, so a password
need not appear in the process list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DB_ENV = "ASSISTANT_FLOOR_DB"


class ServeError(Exception):
    """The service cannot start as asked; nothing was started."""


@dataclass(frozen=True)
class ServeOptions:
    db_url: str
    host: str = "0.0.0.0"
    port: int = 8443
    tls_cert: Path | None = None
    tls_key: Path | None = None
    pool_size: int = 10
    workers_log: str = "info"


def check_tls(options: ServeOptions, allow_plain: bool) -> None:
    if (options.tls_cert is None) != (options.tls_key is None):
        raise ServeError("give both --tls-cert and --tls-key")
    if options.tls_cert is None:
        if not allow_plain:
            raise ServeError("the central store serves over TLS: give --tls-cert and "
                             "--tls-key (or --plain-http behind a TLS-terminating proxy)")
        return
    for path in (options.tls_cert, options.tls_key):
        assert path is not None
        if not path.is_file():
            raise ServeError(f"{path}: no such file")


def serve(options: ServeOptions, *, allow_plain: bool = False) -> None:
    import uvicorn

    from assistant.floor.app import create_app
    from assistant.floor.migrate import migrate

    check_tls(options, allow_plain)
    for name in migrate(options.db_url):
        print(f"assistant floor: applied {name}", flush=True)
    app = create_app(options.db_url, pool_size=options.pool_size)
    uvicorn.run(app, host=options.host, port=options.port,
                ssl_certfile=str(options.tls_cert) if options.tls_cert else None,
                ssl_keyfile=str(options.tls_key) if options.tls_key else None,
                log_level=options.workers_log, timeout_graceful_shutdown=5)
