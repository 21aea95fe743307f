"""The live floor in the service: agents report their state, supervisors' views watch it.

    app.include_router(live.router)

* ``WS /live/agent`` (agent credential): the agent's app sends ``AgentReport`` JSON texts,
  on every change and as a heartbeat; a bad message is answered with an error and the
  connection stays. ``POST /live/state`` takes one report over plain HTTP, for a desktop
  whose network does not pass WebSockets.
* ``WS /live/floor`` (supervisor credential): first ``{"kind": "snapshot", "agents": [...]}``,
  then ``{"kind": "update", "agents": [...]}`` with each agent that changed, in its latest
  state (``AgentLive``), as soon as it changed.

Credentials are ``Authorization: Bearer TOKEN``; who a token belongs to is asked of the
app's ``state.live_auth`` (a :class:`LiveAuth`). The state is in this process's memory:
run the service as one worker process.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass
from typing import Protocol

from fastapi import APIRouter, HTTPException, Request, WebSocket, WebSocketDisconnect
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.requests import HTTPConnection

from assistant.floor.hub import LiveHub, Watcher
from assistant.floor.livestate import AgentReport

POLICY_VIOLATION = 1008
"""WebSocket close code for a refused credential."""


@dataclass(frozen=True)
class AgentCard:
    agent_id: str
    name: str = ""
    team: str = ""


@dataclass(frozen=True)
class SupervisorCard:
    name: str
    teams: frozenset[str] | None = None
    """The teams this supervisor may watch; ``None``: the whole floor."""


class LiveAuth(Protocol):
    def agent(self, token: str) -> AgentCard | None: ...

    def supervisor(self, token: str) -> SupervisorCard | None: ...


router = APIRouter(prefix="/live", tags=["live floor"])


def hub_of_app(app: Starlette) -> LiveHub:
    """The app's hub, made on first use."""
    if getattr(app.state, "live_hub", None) is None:
        app.state.live_hub = LiveHub()
    return app.state.live_hub


def hub_of(conn: HTTPConnection) -> LiveHub:
    return hub_of_app(conn.app)


def _token(conn: HTTPConnection) -> str:
    scheme, _, token = conn.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _auth(conn: HTTPConnection) -> LiveAuth:
    auth = getattr(conn.app.state, "live_auth", None)
    if auth is None:
        raise RuntimeError("the service has no credentials configured (state.live_auth)")
    return auth


def _report(hub: LiveHub, card: AgentCard, text: str | bytes) -> str | None:
    """Take one report; the error to answer with, or ``None``."""
    try:
        report = AgentReport.model_validate_json(text)
    except ValidationError as exc:
        return f"not a live state report: {exc.errors()[0]['msg']}"
    hub.report(card.agent_id, report, name=card.name, team=card.team)
    return None


@router.websocket("/agent")
async def agent_socket(websocket: WebSocket) -> None:
    card = _auth(websocket).agent(_token(websocket))
    if card is None:
        await websocket.close(POLICY_VIOLATION, "unknown agent credential")
        return
    hub = hub_of(websocket)
    hub.ensure_sweeper()
    await websocket.accept()
    try:
        while True:
            error = _report(hub, card, await websocket.receive_text())
            if error:
                await websocket.send_text(json.dumps({"error": error}))
    except WebSocketDisconnect:
        pass


@router.post("/state", status_code=204)
async def post_state(request: Request) -> None:
    card = _auth(request).agent(_token(request))
    if card is None:
        raise HTTPException(401, "unknown agent credential")
    hub = hub_of(request)
    hub.ensure_sweeper()
    error = _report(hub, card, await request.body())
    if error:
        raise HTTPException(422, error)


@router.websocket("/floor")
async def floor_socket(websocket: WebSocket) -> None:
    card = _auth(websocket).supervisor(_token(websocket))
    if card is None:
        await websocket.close(POLICY_VIOLATION, "unknown supervisor credential")
        return
    hub = hub_of(websocket)
    await websocket.accept()
    watcher = hub.watch(card.teams)
    sending = asyncio.create_task(_serve_view(websocket, hub, watcher))
    try:
        await _until_closed(websocket)  # a view only listens: a message from it is ignored
    finally:
        sending.cancel()
        hub.unwatch(watcher)
        with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect, RuntimeError):
            await sending


async def _serve_view(websocket: WebSocket, hub: LiveHub, watcher: Watcher) -> None:
    await _send(websocket, "snapshot", hub.snapshot(watcher))
    while True:
        changed = hub.states(await watcher.next_changes(), watcher)
        if changed:
            await _send(websocket, "update", changed)


async def _until_closed(websocket: WebSocket) -> None:
    while (await websocket.receive())["type"] != "websocket.disconnect":
        pass


async def _send(websocket: WebSocket, kind: str, agents: list) -> None:
    await websocket.send_text(json.dumps(
        {"kind": kind, "agents": [a.model_dump(mode="json") for a in agents]},
        ensure_ascii=False))


__all__ = ["AgentCard", "LiveAuth", "SupervisorCard", "Watcher", "hub_of", "hub_of_app", "router"]
