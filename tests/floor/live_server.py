"""A real service on a random loopback port with the live floor's router, for tests and
the load benchmark while no full service is configured."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
import uvicorn
from fastapi import FastAPI

from assistant.floor import live
from assistant.floor.hub import LiveHub


@dataclass(frozen=True)
class Card:
    agent_id: str
    name: str = ""
    team: str = ""
    role: str = "agent"


@dataclass
class TokenBook:
    """``token → card``: the credentials a test hands out, without a central store."""

    cards: dict[str, Card] = field(default_factory=dict)

    def __call__(self, conn: object, token: str) -> Card | None:
        return self.cards.get(token)


def live_app(book: TokenBook, hub: LiveHub | None = None) -> FastAPI:
    app = FastAPI()
    app.include_router(live.router)
    app.state.live_lookup = book
    app.state.live_hub = hub
    return app


@dataclass
class Running:
    url: str
    app: FastAPI
    server: uvicorn.Server
    port: int

    @property
    def hub(self) -> LiveHub:
        return live.hub_of_app(self.app)


@contextmanager
def serve(app: FastAPI, port: int = 0) -> Iterator[Running]:
    """Serve ``app`` on 127.0.0.1 (a free port unless given) until the block ends."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test service did not start")
        time.sleep(0.02)
    try:
        yield Running(f"http://127.0.0.1:{port}", app, server, port)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture
def book() -> TokenBook:
    return TokenBook({
        "tok-1001": Card("1001", "王芳", "一组 账务"),
        "tok-1002": Card("1002", "李娜", "二组 投诉"),
        "sup-all": Card("s01", "值班主管", "", "supervisor"),
        "sup-two": Card("s02", "二组组长", "二组 投诉", "supervisor")})


@pytest.fixture
def service(book):
    with serve(live_app(book)) as running:
        yield running
