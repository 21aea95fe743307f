"""Running the ingestion service: uvicorn, TLS terminated here, the schema brought up to date
first. The database URL is taken from ``ASSISTANT_FLOOR_DB`` when not given, so a password
need not appear in the process list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.ground.reader import say

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


MESSAGES = {
    "both": {"en": "give both --tls-cert and --tls-key", "zh": "请同时给出 --tls-cert 和 --tls-key"},
    "tls": {"en": "the central store serves over TLS: give --tls-cert and --tls-key (or "
                  "--plain-http behind a TLS-terminating proxy)",
            "zh": "中央存储只通过 TLS 提供服务：请给出 --tls-cert 和 --tls-key"
                  "（或在负责 TLS 的反向代理后面用 --plain-http）"},
    "missing": {"en": "{path}: no such file", "zh": "{path}：文件不存在"},
    "applied": {"en": "assistant floor: applied {name}", "zh": "assistant floor：已应用 {name}"},
}


def check_tls(options: ServeOptions, allow_plain: bool) -> None:
    if (options.tls_cert is None) != (options.tls_key is None):
        raise ServeError(say(MESSAGES, "both"))
    if options.tls_cert is None:
        if not allow_plain:
            raise ServeError(say(MESSAGES, "tls"))
        return
    for path in (options.tls_cert, options.tls_key):
        assert path is not None
        if not path.is_file():
            raise ServeError(say(MESSAGES, "missing", path=path))


def serve(options: ServeOptions, *, allow_plain: bool = False) -> None:
    import uvicorn

    from assistant.floor.app import create_app
    from assistant.floor.migrate import migrate

    check_tls(options, allow_plain)
    for name in migrate(options.db_url):
        print(say(MESSAGES, "applied", name=name), flush=True)
    app = create_app(options.db_url, pool_size=options.pool_size)
    uvicorn.run(app, host=options.host, port=options.port,
                ssl_certfile=str(options.tls_cert) if options.tls_cert else None,
                ssl_keyfile=str(options.tls_key) if options.tls_key else None,
                log_level=options.workers_log, timeout_graceful_shutdown=5)
