"""The live floor's service, real, on a random loopback port; and its credentials."""

from __future__ import annotations

import pytest

from assistant.floor import live
from tests.floor.live_server import TokenBook, live_app, serve


@pytest.fixture
def book() -> TokenBook:
    return TokenBook(
        agents={"tok-1001": live.AgentCard("1001", "王芳", "一组 账务"),
                "tok-1002": live.AgentCard("1002", "李娜", "二组 投诉")},
        supervisors={"sup-all": live.SupervisorCard("值班主管"),
                     "sup-two": live.SupervisorCard("二组组长", frozenset({"二组 投诉"}))})


@pytest.fixture
def service(book):
    with serve(live_app(book)) as running:
        yield running
