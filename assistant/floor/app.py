"""The ingestion service: agents' desktops send finished sessions here, trainers read them.

Why a service in front of PostgreSQL rather than hundreds of desktops connecting directly:
the database sees one small pool of connections instead of one (or more) per desktop;
desktops hold a revocable per-agent credential, never a database password; "each agent
writes only its own sessions" is decided in one place (and backed by row-level security);
TLS is terminated here with one certificate; and the wire format is the versioned session
document, so the schema can change without touching every desktop.

    POST /v1/sessions               a session document (agent's own)  201 new / 200 already
    PUT  /v1/sessions/{id}/audio    its FLAC, ``X-Content-SHA256``    201 / 200
    GET  /v1/sessions               list (trainers, supervisors; an agent sees its own)
    GET  /v1/sessions/{id}          the document;  GET …/audio  the FLAC
    POST /v1/sessions/{id}/notes    a trainer's note
    GET  /v1/health                 the database answers

``create_app(db_url)`` builds it, with the live floor's router (``assistant.floor.live``:
agents' live state in, supervisors' views out); ``routers=`` adds more.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

import psycopg
from fastapi import (
    APIRouter,
    Body,
    Depends,
    FastAPI,
    HTTPException,
    Query,
    Request,
    Response,
    status,
)
from fastapi.responses import JSONResponse
from psycopg_pool import ConnectionPool, PoolTimeout
from pydantic import BaseModel, Field

from assistant.floor import live, repository
from assistant.floor.auth import Caller, IdentityCache
from assistant.floor.repository import NotYours, Stored
from assistant.sessions.session import Note, is_session_id
from assistant.sessions.store.transfer import TransferError

MAX_AUDIO = 512 * 1024**2
MAX_DOCUMENT = 256 * 1024**2
"""A session document's limit: an 8-hour call's events are tens of MB."""
POOL_TIMEOUT_S = 5.0


@dataclass
class FloorState:
    """What every request handler shares (``request.app.state.floor``)."""

    pool: ConnectionPool
    identities: IdentityCache


class NoteIn(BaseModel):
    t: float = Field(ge=0, allow_inf_nan=False)
    text: str = Field(min_length=1, max_length=10_000)
    author: str = Field(default="", max_length=200)


def create_app(db_url: str, *, pool_size: int = 10,
               routers: Iterable[APIRouter] = ()) -> FastAPI:
    pool = ConnectionPool(db_url, min_size=1, max_size=pool_size, open=False,
                          timeout=POOL_TIMEOUT_S, check=ConnectionPool.check_connection,
                          kwargs={"application_name": "assistant-floor"})

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool.open(wait=False)
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(title="Etiquette assistant: central store", lifespan=lifespan)
    app.state.floor = FloorState(pool, IdentityCache())
    app.add_exception_handler(psycopg.OperationalError, _database_down)
    app.add_exception_handler(PoolTimeout, _database_down)
    app.middleware("http")(_size_limit)
    app.include_router(_sessions_router())
    app.include_router(live.router)
    for router in routers:
        app.include_router(router)
    return app


async def _database_down(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": "the central database is not reachable; the session is "
                                   "kept by the sender and sent again"},
                        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
                        headers={"Retry-After": "5"})


async def _size_limit(request: Request, call_next):
    """Refuse an oversized body by its declared length, before any of it is read."""
    limit = MAX_AUDIO if request.url.path.endswith("/audio") else MAX_DOCUMENT
    if int(request.headers.get("content-length") or 0) > limit:
        return JSONResponse({"detail": f"the request is larger than {limit / 1024**2:g} MB"},
                            status_code=status.HTTP_413_CONTENT_TOO_LARGE)
    return await call_next(request)


def _conn(request: Request) -> Iterator[psycopg.Connection]:
    with request.app.state.floor.pool.connection() as conn:
        yield conn


Conn = Annotated[psycopg.Connection, Depends(_conn)]


def _checked_id(session_id: str) -> str:
    if not is_session_id(session_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"{session_id!r} is not a session id")
    return session_id


def _sessions_router() -> APIRouter:
    router = APIRouter(prefix="/v1")

    @router.get("/health")
    def health(conn: Conn) -> dict[str, Any]:
        from assistant.floor.migrate import current_version

        return {"ok": True, "schema": current_version(conn)}

    @router.post("/sessions")
    def post_session(response: Response, doc: Annotated[dict[str, Any], Body()],
                     who: Caller,
                     conn: Conn) -> dict[str, Any]:
        try:
            session_id, stored = repository.store_session(conn, who, doc)
        except TransferError as exc:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
        except NotYours as exc:
            raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from None
        except psycopg.errors.InsufficientPrivilege:
            raise HTTPException(status.HTTP_403_FORBIDDEN,
                                "the central store refused this agent's row") from None
        if stored is Stored.CONFLICT:
            raise HTTPException(status.HTTP_409_CONFLICT,
                                f"another call is stored under the id {session_id}")
        response.status_code = (status.HTTP_201_CREATED if stored is Stored.NEW
                                else status.HTTP_200_OK)
        return {"id": session_id, "stored": stored.value}

    @router.put("/sessions/{session_id}/audio")
    async def put_audio(session_id: str, request: Request, response: Response,
                        who: Caller) -> dict[str, Any]:
        _checked_id(session_id)
        declared = request.headers.get("x-content-sha256", "").lower()
        body = await request.body()
        if hashlib.sha256(body).hexdigest() != declared:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                                "the audio does not match its X-Content-SHA256 (damaged in "
                                "transit); send it again")
        from starlette.concurrency import run_in_threadpool

        def store() -> Stored:
            with request.app.state.floor.pool.connection() as conn:
                return repository.store_audio(conn, who, session_id, body, declared)

        try:
            stored = await run_in_threadpool(store)
        except LookupError:
            raise HTTPException(status.HTTP_404_NOT_FOUND,
                                f"no session {session_id} of {who.agent_id}'s is stored; "
                                f"send the session first") from None
        if stored is Stored.CONFLICT:
            raise HTTPException(status.HTTP_409_CONFLICT,
                                f"other audio is stored for {session_id}")
        response.status_code = 201 if stored is Stored.NEW else 200
        return {"id": session_id, "stored": stored.value}

    @router.get("/sessions")
    def get_sessions(who: Caller, conn: Conn, agent: str | None = None,
                     since: date | None = None, until: date | None = None,
                     limit: Annotated[int | None, Query(ge=1)] = None) -> dict[str, Any]:
        return {"sessions": repository.list_sessions(conn, who, agent=agent, since=since,
                                                     until=until, limit=limit)}

    @router.get("/sessions/{session_id}")
    def get_session(session_id: str, who: Caller,
                    conn: Conn) -> dict[str, Any]:
        doc = repository.load_document(conn, who, _checked_id(session_id))
        if doc is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no session {session_id} here")
        return doc

    @router.get("/sessions/{session_id}/audio")
    def get_audio(session_id: str, who: Caller,
                  conn: Conn) -> Response:
        flac = repository.load_audio(conn, who, _checked_id(session_id))
        if flac is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no audio of {session_id} here")
        return Response(flac, media_type="audio/flac")

    @router.post("/sessions/{session_id}/notes", status_code=201)
    def post_note(session_id: str, note: NoteIn, who: Caller,
                  conn: Conn) -> dict[str, Any]:
        created = datetime.now().isoformat(timespec="seconds")
        ok = repository.add_note(conn, who, _checked_id(session_id),
                                 Note(0, session_id, note.t, note.text, note.author, created))
        if not ok:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no session {session_id} here")
        return {"id": session_id, "created_at": created}

    return router
