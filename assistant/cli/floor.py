"""`assistant floor …`: the central store for a whole floor.

Administrators (on the server): ``init-db``, ``serve``, ``enrol``, ``revoke``.
Agents' desktops: ``status`` (what is waiting to be sent, and why) and ``sync`` (send now).
Parsers only here; handlers import what they need when they run.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from assistant.cli.floor_view import add_floor_view_parser
from assistant.ground.reader import say

MESSAGES = {
    "no_db": {"en": "give the central database as --db URL or in ASSISTANT_FLOOR_DB "
                    "(postgresql://user@host/db)",
              "zh": "请用 --db URL 或环境变量 ASSISTANT_FLOOR_DB 指定中央数据库"
                    "（postgresql://user@host/db）"},
    "db_down": {"en": "the central database cannot be reached: {why}",
                "zh": "无法连接中央数据库：{why}"},
    "not_configured": {"en": "no central store is configured on this machine (the site policy "
                             "has no [floor] table): sessions stay here",
                       "zh": "本机未配置中央存储（站点策略中没有 [floor] 表）：会话只保存在本机"},
    "enrolled": {"en": "enrolled {agent} as {role}; give this credential to its machine "
                       "(site folder, file {file}); it is shown only once:",
                 "zh": "已登记 {agent}（{role}）；请把下面的凭据放到该机器的站点目录"
                       "（文件 {file}）；它只显示这一次："},
    "token_written": {"en": "enrolled {agent} as {role}; credential written to {path} (0600)",
                      "zh": "已登记 {agent}（{role}）；凭据已写入 {path}（0600）"},
    "revoked": {"en": "revoked {n} credential(s) of {agent}",
                "zh": "已吊销 {agent} 的 {n} 个凭据"},
    "queued": {"en": "{n} session(s) waiting to be sent to {url}",
               "zh": "{n} 个会话等待发送到 {url}"},
    "no_server_part": {"en": "the central store's service is not installed here ({missing} is "
                             "missing): pip install 'etiquette-assistant[floor]'",
                       "zh": "本机未安装中央存储服务（缺少 {missing}）："
                             "pip install 'etiquette-assistant[floor]'"},
    "bad_agent": {"en": "{agent!r} is not an agent id: letters, digits and . _ @ - only, at "
                        "most 64 (the 工号 or login the agent's settings carry)",
                  "zh": "{agent!r} 不是有效的坐席编号：只能用字母、数字和 . _ @ -，最多 64 个字符"
                        "（即坐席设置中的工号或登录名）"},
    "applied": {"en": "applied {name}", "zh": "已应用 {name}"},
    "up_to_date": {"en": "the schema is up to date", "zh": "数据库结构已是最新"},
    "sent": {"en": "sent {sent}, already there {already}, still waiting {left}",
             "zh": "已发送 {sent} 个，已在中央存储 {already} 个，仍在等待 {left} 个"},
}


def add_floor_parser(sub: argparse._SubParsersAction) -> None:
    floor = sub.add_parser("floor", help="the central store: serve it, enrol agents, send "
                                         "sessions; the live floor view")
    actions = floor.add_subparsers(metavar="ACTION", required=True)

    def db_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", metavar="URL", help="PostgreSQL URL (default: "
                                                   "$ASSISTANT_FLOOR_DB)")

    init = actions.add_parser("init-db", help="create or update the central store's schema")
    db_option(init)
    init.set_defaults(handler=_init_db)

    serve = actions.add_parser("serve", help="run the service agents send sessions to")
    db_option(serve)
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--tls-cert", type=Path, metavar="PEM")
    serve.add_argument("--tls-key", type=Path, metavar="PEM")
    serve.add_argument("--plain-http", action="store_true",
                       help="no TLS (only behind a proxy that terminates TLS)")
    serve.add_argument("--pool-size", type=int, default=10,
                       help="database connections the service keeps (default 10)")
    serve.set_defaults(handler=_serve)

    enrol = actions.add_parser("enrol", help="issue a credential for an agent (or a trainer)")
    db_option(enrol)
    enrol.add_argument("agent", help="the agent's id (工号) as its app's settings carry it")
    enrol.add_argument("--name", default="")
    enrol.add_argument("--team", default="")
    enrol.add_argument("--role", choices=["agent", "trainer", "supervisor", "batch"],
                       default="agent", help="agent: its own calls; trainer, supervisor: "
                       "read every call; batch: archive analysis, writes any agent's calls")
    enrol.add_argument("--token-file", type=Path, metavar="FILE",
                       help="write the credential here (0600) instead of printing it")
    enrol.set_defaults(handler=_enrol)

    revoke = actions.add_parser("revoke", help="revoke every credential of an agent")
    db_option(revoke)
    revoke.add_argument("agent")
    revoke.set_defaults(handler=_revoke)

    status = actions.add_parser("status", help="sessions waiting to be sent from this machine")
    status.set_defaults(handler=_status)

    sync = actions.add_parser("sync", help="send waiting sessions now")
    sync.set_defaults(handler=_sync)

    add_floor_view_parser(actions)


def _server_part() -> None:
    """The service's own libraries come with the ``floor`` extra; say so, not a traceback."""
    import importlib.util

    from assistant.ground.errors import UserError

    for module in ("psycopg", "psycopg_pool", "fastapi", "uvicorn"):
        if importlib.util.find_spec(module) is None:
            raise UserError(say(MESSAGES, "no_server_part", missing=module))


def _db(args: argparse.Namespace) -> str:
    from assistant.floor.serve import DB_ENV
    from assistant.ground.errors import UserError

    url = args.db or os.environ.get(DB_ENV)
    if not url:
        raise UserError(say(MESSAGES, "no_db"))
    return url


def _connect(url: str):
    import psycopg

    from assistant.ground.errors import UserError

    try:
        return psycopg.connect(url, connect_timeout=10)
    except psycopg.Error as exc:
        raise UserError(say(MESSAGES, "db_down", why=str(exc).strip().splitlines()[0])) \
            from None


def _init_db(args: argparse.Namespace) -> int:
    _server_part()
    from assistant.floor.migrate import MigrationError, migrate
    from assistant.ground.errors import UserError

    try:
        applied = migrate(_db(args))
    except MigrationError as exc:
        raise UserError(str(exc)) from None
    print("\n".join(say(MESSAGES, "applied", name=name) for name in applied)
          or say(MESSAGES, "up_to_date"))
    return 0


def _serve(args: argparse.Namespace) -> int:
    _server_part()
    from assistant.floor.migrate import MigrationError
    from assistant.floor.serve import ServeError, ServeOptions, serve
    from assistant.ground.errors import UserError

    options = ServeOptions(_db(args), args.host, args.port, args.tls_cert, args.tls_key,
                           args.pool_size)
    try:
        serve(options, allow_plain=args.plain_http)
    except (ServeError, MigrationError) as exc:
        raise UserError(str(exc)) from None
    return 0


def _enrol(args: argparse.Namespace) -> int:
    _server_part()
    from assistant.floor.credentials import AGENT_ID, CredentialError, enrol
    from assistant.ground.errors import UserError

    if not AGENT_ID.match(args.agent):
        raise UserError(say(MESSAGES, "bad_agent", agent=args.agent))
    with _connect(_db(args)) as conn:
        try:
            done = enrol(conn, args.agent, name=args.name, team=args.team, role=args.role)
        except CredentialError as exc:
            raise UserError(str(exc)) from None
    if args.token_file:
        fd = os.open(args.token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(done.token + "\n")
        print(say(MESSAGES, "token_written", agent=args.agent, role=args.role,
                  path=args.token_file))
    else:
        print(say(MESSAGES, "enrolled", agent=args.agent, role=args.role, file="floor.token"),
              file=sys.stderr)
        print(done.token)
    return 0


def _revoke(args: argparse.Namespace) -> int:
    _server_part()
    from assistant.floor.credentials import revoke

    with _connect(_db(args)) as conn:
        n = revoke(conn, args.agent)
    print(say(MESSAGES, "revoked", n=n, agent=args.agent))
    return 0


def _config():
    from assistant.floor.config import FloorConfigError, load_floor_config
    from assistant.ground.errors import UserError

    try:
        config = load_floor_config()
    except FloorConfigError as exc:
        raise UserError(str(exc)) from None
    if config is None:
        raise UserError(say(MESSAGES, "not_configured"))
    return config


def _status(args: argparse.Namespace) -> int:
    from assistant.sessions.store.database import SessionStore
    from assistant.sessions.store.outbox import Outbox

    config = _config()
    with SessionStore() as store:
        outbox = Outbox(store.db_path)
        entries = outbox.entries()
        outbox.close()
    print(say(MESSAGES, "queued", n=len(entries), url=config.url))
    for entry in entries:
        why = f"  ({entry.attempts}×: {entry.last_error})" if entry.last_error else ""
        print(f"  {entry.session_id}  {entry.queued_at}{why}")
    return 0


def _sync(args: argparse.Namespace) -> int:
    from assistant.floor.client import FloorClient
    from assistant.floor.sync import send_due
    from assistant.sessions.store.database import SessionStore
    from assistant.sessions.store.outbox import Outbox

    config = _config()
    with SessionStore() as store, FloorClient(config) as client:
        outbox = Outbox(store.db_path)
        try:
            result = send_due(store, outbox, client)
            left = len(outbox.entries())
        finally:
            outbox.close()
    for sid, why in result.failed.items():
        print(f"assistant: {sid}: {why}", file=sys.stderr)
    print(say(MESSAGES, "sent", sent=len(result.sent), already=len(result.already), left=left))
    return 1 if result.failed else 0
