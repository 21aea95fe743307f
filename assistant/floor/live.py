"""The live floor in the service: agents report their state, supervisors' views watch it.

    app.include_router(live.router)

* ``WS /live/agent`` (agent credential): the agent's app sends ``AgentReport`` JSON texts,
  on every change and as a heartbeat; a bad message is answered with an error and the
  connection stays. ``POST /live/state`` takes one report over plain HTTP, for a desktop
  whose network does not pass WebSockets.
* ``WS /live/floor`` (supervisor credential): first ``{"kind": "snapshot", "agents": [...]}``,
  then ``{"kind": "update", "agents": [...]}`` with each agent that changed, in its latest
  state (``AgentLive``), as soon as it changed; ``at`` is the service's clock (for
  measuring only).

Credentials are ``Authorization: Bearer TOKEN``, the ones the central store enrols: an
``agent`` reports, a ``supervisor`` (or ``trainer``) watches, its team only when it was
enrolled with one. (``state.live_lookup`` replaces the store's lookup where there is none.)
The state is in this process's memory: run the service as one worker process.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from typing import Protocol, cast

import psycopg
from fastapi import APIRouter, HTTPException, Request, WebSocket, WebSocketDisconnect
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.responses import PlainTextResponse

from assistant.floor.auth import identity
from assistant.floor.hub import LiveHub, Watcher
from assistant.floor.livestate import AgentLive, AgentReport

POLICY_VIOLATION = 1008
"""WebSocket close code for a refused credential."""
TRY_AGAIN_LATER = 1013
"""… and for a lookup that cannot be made now (where the server cannot answer HTTP 503)."""


WATCHING_ROLES = ("supervisor", "trainer")


class Holder(Protocol):
    """Who holds a credential (``assistant.floor.credentials.Identity`` is one)."""

    @property
    def agent_id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def team(self) -> str: ...

    @property
    def role(self) -> str: ...


Lookup = Callable[[HTTPConnection, str], "Holder | None"]
"""``(connection, token) → holder``; may block (it runs on a worker thread)."""


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


class StoreBusy(Exception):
    """The credential could not be looked up now (the central database is down or busy)."""


async def _holder(conn: HTTPConnection) -> Holder | None:
    token = _token(conn)
    if not token:
        return None
    lookup: Lookup = getattr(conn.app.state, "live_lookup", None) or _enrolled
    try:
        return await run_in_threadpool(lookup, conn, token)
    except psycopg.OperationalError as exc:  # a pool timeout is one too
        raise StoreBusy(str(exc)) from None


async def _admit(websocket: WebSocket, roles: tuple[str, ...], refusal: str) -> Holder | None:
    """The holder if its role is one of ``roles``; else ``None``, the socket closed: refused,
    or "try again later" while the store cannot be asked (the app retries, backing off)."""
    try:
        card = await _holder(websocket)
    except StoreBusy:
        if "websocket.http.response" in websocket.scope.get("extensions", {}):
            await websocket.send_denial_response(
                PlainTextResponse("the central store is busy; try again", 503,
                                  headers={"Retry-After": "5"}))
        else:
            await websocket.close(TRY_AGAIN_LATER, "the central store is busy; try again")
        return None
    if card is None or card.role not in roles:
        await websocket.close(POLICY_VIOLATION, refusal)
        return None
    return card


def _enrolled(conn: HTTPConnection, token: str) -> Holder | None:
    """The central store's enrolled holder of ``token`` (its credential cache first); the
    lookup reads only the connection's app state, so a WebSocket serves as well as a request."""
    try:
        return identity(cast(Request, conn),
                        HTTPAuthorizationCredentials(scheme="Bearer", credentials=token))
    except HTTPException:
        return None


def _watched_teams(holder: Holder) -> frozenset[str] | None:
    """A supervisor enrolled with a team watches that team; without one, the whole floor."""
    return frozenset({holder.team}) if holder.team else None


def _report(hub: LiveHub, card: Holder, text: str | bytes) -> str | None:
    """Take one report; the error to answer with, or ``None``."""
    try:
        report = AgentReport.model_validate_json(text)
    except ValidationError as exc:
        return f"not a live state report: {exc.errors()[0]['msg']}"
    hub.report(card.agent_id, report, name=card.name, team=card.team)
    return None


@router.websocket("/agent")
async def agent_socket(websocket: WebSocket) -> None:
    card = await _admit(websocket, ("agent",), "not an agent's credential")
    if card is None:
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
    try:
        card = await _holder(request)
    except StoreBusy:
        raise HTTPException(503, "the central store is busy; send it again",
                            headers={"Retry-After": "5"}) from None
    if card is None:
        raise HTTPException(401, "no valid credential: send `Authorization: Bearer <token>`")
    if card.role != "agent":
        raise HTTPException(403, f"{card.agent_id} is enrolled as a {card.role}, not an agent")
    hub = hub_of(request)
    hub.ensure_sweeper()
    error = _report(hub, card, await request.body())
    if error:
        raise HTTPException(422, error)


@router.websocket("/floor")
async def floor_socket(websocket: WebSocket) -> None:
    card = await _admit(websocket, WATCHING_ROLES, "not a supervisor's credential")
    if card is None:
        return
    hub = hub_of(websocket)
    await websocket.accept()
    watcher = hub.watch(_watched_teams(card))
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


async def _send(websocket: WebSocket, kind: str, agents: list[AgentLive]) -> None:
    await websocket.send_text(json.dumps(
        {"kind": kind, "at": time.time(), "agents": [a.model_dump(mode="json") for a in agents]},
        ensure_ascii=False))


__all__ = ["Holder", "Lookup", "Watcher", "hub_of", "hub_of_app", "router"]
