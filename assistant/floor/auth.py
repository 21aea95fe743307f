"""Who is asking: the bearer credential of each request, checked against the store.

Routers of the service (sessions here, the live floor view beside it) take a parameter
``who: Caller`` for any enrolled holder, or ``who: Reader`` where only trainers and
supervisors may look. A looked-up credential is remembered for ``CACHE_S`` seconds, so
500 agents streaming live state do not cost one credential query per message; a revoked
credential stops working within that time.
"""

from __future__ import annotations

import threading
import time
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.floor.credentials import Identity, identify

CACHE_S = 30.0

_bearer = HTTPBearer(auto_error=False)


class IdentityCache:
    def __init__(self, ttl_s: float = CACHE_S):
        self.ttl_s = ttl_s
        self._lock = threading.Lock()
        self._known: dict[str, tuple[float, Identity]] = {}

    def get(self, token: str) -> Identity | None:
        with self._lock:
            hit = self._known.get(token)
            if hit and time.monotonic() - hit[0] < self.ttl_s:
                return hit[1]
        return None

    def put(self, token: str, who: Identity) -> None:
        with self._lock:
            if len(self._known) > 10_000:
                self._known.clear()
            self._known[token] = (time.monotonic(), who)


def identity(request: Request,
             creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
             ) -> Identity:
    """The enrolled holder of the request's credential; 401 without a valid one."""
    if creds is None or creds.scheme.lower() != "bearer":
        raise HTTPException(status.HTTP_401_UNAUTHORIZED,
                            "no credential: send `Authorization: Bearer <token>` "
                            "(`assistant floor enrol` issues one)",
                            headers={"WWW-Authenticate": "Bearer"})
    state = request.app.state.floor
    who = state.identities.get(creds.credentials)
    if who is None:
        with state.pool.connection() as conn:
            who = identify(conn, creds.credentials)
        if who is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED,
                                "the credential is unknown or revoked; ask the administrator "
                                "to enrol this agent again",
                                headers={"WWW-Authenticate": "Bearer"})
        state.identities.put(creds.credentials, who)
    return who


def reader(who: Annotated[Identity, Depends(identity)]) -> Identity:
    """Trainers and supervisors only (they read every agent's sessions)."""
    if not who.watches_floor:
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            f"{who.agent_id} is enrolled as an agent; reading other agents' "
                            f"sessions needs a trainer's or supervisor's credential")
    return who


Caller = Annotated[Identity, Depends(identity)]
"""A route parameter: the enrolled holder of the request's credential."""
Reader = Annotated[Identity, Depends(reader)]
"""A route parameter: a trainer or supervisor."""
