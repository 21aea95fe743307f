"""Enrolled agents and their credentials.

A credential is ``<token id>.<secret>``: the id finds the row, the secret proves it. Only
``sha256(secret)`` is kept server-side and the secret is printed once, at enrolment, for the
administrator to put in the agent's site folder. The secret is 32 random bytes, so a fast
hash is enough (a slow password hash protects guessable secrets, and these are not); the
comparison is constant-time. A role says what the holder may do: ``agent`` writes and reads
its own sessions only; ``trainer`` and ``supervisor`` read every session; ``batch`` (QA's
archive analysis) writes sessions for any agent and reads every session.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Literal

import psycopg

Role = Literal["agent", "trainer", "supervisor", "batch"]
ROLES: tuple[Role, ...] = ("agent", "trainer", "supervisor", "batch")
AGENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
"""What an enrolled id may be: the agent's 工号 or login, no spaces or controls."""


class CredentialError(Exception):
    """Enrolment was refused; nothing was changed."""


@dataclass(frozen=True)
class Identity:
    """Who a request comes from, as the credential says."""

    agent_id: str
    name: str
    role: Role
    team: str = ""

    @property
    def reads_all(self) -> bool:
        return self.role in ("trainer", "supervisor", "batch")

    @property
    def writes_any(self) -> bool:
        """May store sessions of any agent (archive analysis)."""
        return self.role == "batch"

    @property
    def watches_floor(self) -> bool:
        """May look at every agent's calls and the live floor: trainers and supervisors."""
        return self.role in ("trainer", "supervisor")


@dataclass(frozen=True)
class Enrolled:
    identity: Identity
    token: str
    """The credential to give the agent (shown once; the store keeps only its hash)."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def enrol(conn: psycopg.Connection, agent_id: str, *, name: str = "", team: str = "",
          role: Role = "agent") -> Enrolled:
    """Add (or update) ``agent_id`` and issue a new credential for it; older ones stay valid
    until revoked (so a machine can be moved over without a gap)."""
    if not AGENT_ID.match(agent_id):
        raise CredentialError(f"{agent_id!r} is not an agent id: letters, digits and . _ @ - "
                              f"only, at most 64")
    if role not in ROLES:
        raise CredentialError(f"{role!r} is not a role ({', '.join(ROLES)})")
    token_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    with conn.transaction():
        conn.execute("INSERT INTO agents (agent_id, name, team, role) VALUES (%s, %s, %s, %s) "
                     "ON CONFLICT (agent_id) DO UPDATE SET name = EXCLUDED.name, "
                     "team = EXCLUDED.team, role = EXCLUDED.role",
                     (agent_id, name, team, role))
        conn.execute("INSERT INTO credentials (token_id, agent_id, secret_hash) "
                     "VALUES (%s, %s, %s)", (token_id, agent_id, _hash(secret)))
    return Enrolled(Identity(agent_id, name, role, team), f"{token_id}.{secret}")


def revoke(conn: psycopg.Connection, agent_id: str) -> int:
    """Revoke every credential of ``agent_id``; returns how many were live."""
    with conn.transaction():
        cur = conn.execute("UPDATE credentials SET revoked_at = now() "
                           "WHERE agent_id = %s AND revoked_at IS NULL", (agent_id,))
    return cur.rowcount


def identify(conn: psycopg.Connection, token: str) -> Identity | None:
    """The holder of ``token``, or ``None`` (unknown, malformed or revoked)."""
    token_id, dot, secret = token.partition(".")
    if not dot or not token_id or not secret or len(token) > 256:
        return None
    row = conn.execute(
        "SELECT c.secret_hash, a.agent_id, a.name, a.role, a.team FROM credentials c "
        "JOIN agents a USING (agent_id) WHERE c.token_id = %s AND c.revoked_at IS NULL",
        (token_id,)).fetchone()
    if row is None or not hmac.compare_digest(row[0], _hash(secret)):
        return None
    return Identity(row[1], row[2], row[3], row[4])
