"""`assistant floor view --server URL`: the parser; the supervisors' live floor window
opens from :mod:`assistant.ui.floor.run`. The supervisor's credential is read from ``--token-file`` or the environment
variable ``ASSISTANT_FLOOR_TOKEN``; ``--ca`` names the certificate authority that signed
the service's TLS certificate when it is not one the system trusts.
"""

from __future__ import annotations

import argparse
import os
import ssl
from pathlib import Path

from assistant.ground.errors import UserError
from assistant.ground.reader import say

TOKEN_ENV = "ASSISTANT_FLOOR_TOKEN"

MESSAGES = {
    "no_token": {
        "en": "floor view: no supervisor credential: give --token-file FILE or set {env}",
        "zh": "floor view：没有主管凭证：请用 --token-file 文件 指定，或设置环境变量 {env}"},
    "token_unreadable": {
        "en": "floor view: cannot read the credential {path}: {why}",
        "zh": "floor view：无法读取凭证文件 {path}：{why}"},
    "token_empty": {
        "en": "floor view: the credential file {path} is empty",
        "zh": "floor view：凭证文件 {path} 是空的"},
    "bad_server": {
        "en": "floor view: {server!r} is not a floor service address: write it as "
              "https://HOST:PORT",
        "zh": "floor view：{server!r} 不是看板服务地址：请写成 https://主机:端口"},
    "bad_ca": {
        "en": "floor view: cannot use {path} as the service's certificate authority: {why}",
        "zh": "floor view：无法把 {path} 用作服务的证书颁发机构：{why}"},
}


def add_floor_view_parser(floor_sub: argparse._SubParsersAction) -> None:
    view = floor_sub.add_parser("view", help="the live floor window for supervisors")
    view.add_argument("--server", required=True, metavar="URL",
                      help="the floor service, e.g. https://floor.example:8443")
    view.add_argument("--token-file", type=Path, metavar="FILE",
                      help=f"the supervisor's credential (default: ${TOKEN_ENV})")
    view.add_argument("--ca", type=Path, metavar="FILE",
                      help="CA certificate of the service's TLS certificate (PEM)")
    view.add_argument("--ui-lang", choices=["zh", "en"], default="zh",
                      help="window language (default zh)")
    view.add_argument("--team", default=None, help="show this team first (the filter)")
    view.add_argument("--store", type=Path, default=None, metavar="DIR",
                      help="read replays and reports from this session store folder "
                           "(default: the central store of --server)")
    view.add_argument("--reports", type=Path, default=None, metavar="DIR",
                      help="where coaching reports are written (default: ~/coaching-reports)")
    view.add_argument("--screenshot", type=Path, metavar="FILE",
                      help="render the window to a PNG once the floor has arrived, and exit")
    view.set_defaults(handler=run_floor_view)


def read_token(path: Path | None) -> str:
    if path is None:
        token = os.environ.get(TOKEN_ENV, "").strip()
        if not token:
            raise UserError(say(MESSAGES, "no_token", env=TOKEN_ENV))
        return token
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(say(MESSAGES, "token_unreadable", path=path,
                            why=getattr(exc, "strerror", None) or exc)) from None
    if not token:
        raise UserError(say(MESSAGES, "token_empty", path=path))
    return token


def tls_context(ca: Path | None) -> ssl.SSLContext:
    try:
        return ssl.create_default_context(cafile=str(ca) if ca else None)
    except (OSError, ssl.SSLError) as exc:
        raise UserError(say(MESSAGES, "bad_ca", path=ca,
                            why=getattr(exc, "strerror", None) or exc)) from None


def run_floor_view(args: argparse.Namespace) -> int:
    from assistant.floor.link import socket_url

    try:
        socket_url(args.server, "")
    except ValueError:
        raise UserError(say(MESSAGES, "bad_server", server=args.server)) from None
    token = read_token(args.token_file)
    context = tls_context(args.ca)
    from assistant.ui.floor.run import run_window

    return run_window(args, token, context)
