"""What an agent's app says about itself, live: the wire form of the floor's live state.

One message kind travels from an agent's app to the service (``AgentReport``) and one from
the service to every supervisor's view (``AgentLive``). Durations travel as "seconds so far,
as of sending", never as clock readings, so the agents' clocks, the service's and the
supervisors' need not agree: each side anchors what it receives to its own clock.
"""

from __future__ import annotations

import enum

from pydantic import BaseModel, ConfigDict, Field

HEARTBEAT_S = 5.0
"""An agent's app repeats its latest state this often when nothing changes."""
MISSED_HEARTBEATS = 3
"""The service shows an agent offline after this many heartbeats did not come."""


class Activity(str, enum.Enum):
    IDLE = "idle"
    CALL = "call"
    HOLD = "hold"
    OFFLINE = "offline"
    """Set by the service when heartbeats stop, or by the app when it quits."""


class LivePrompt(BaseModel):
    """The prompt up on the agent's overlay, with the clause it enforces."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    rule: str = Field(max_length=64)
    clause: str = Field(max_length=64)
    text: str = Field(default="", max_length=400)


class AgentReport(BaseModel):
    """Agent → service: the agent's state now; a heartbeat repeats the latest one."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    activity: Activity
    call_s: float | None = Field(default=None, ge=0)
    """Seconds since the call began (on a call or on hold)."""
    hold_s: float | None = Field(default=None, ge=0)
    """Seconds the caller has waited so far (on hold)."""
    idle_s: float | None = Field(default=None, ge=0)
    """Seconds since the last call ended (idle, once a call has ended)."""
    prompt: LivePrompt | None = None
    last_session: str | None = Field(default=None, max_length=128)
    """The agent's last finished call, for its replay and report."""
    seq: int = Field(default=0, ge=0)
    """Grows with every change; a report older than the one held is dropped."""
    sent_at: float | None = None
    """The sender's wall clock, for latency measurement only (never used for state)."""
    name: str = Field(default="", max_length=128)
    team: str = Field(default="", max_length=128)


class AgentLive(BaseModel):
    """Service → supervisor: one agent's state as the service holds it."""

    model_config = ConfigDict(frozen=True)

    agent_id: str
    name: str = ""
    team: str = ""
    activity: Activity
    call_s: float | None = None
    hold_s: float | None = None
    idle_s: float | None = None
    prompt: LivePrompt | None = None
    last_session: str | None = None
    seen_s: float = 0.0
    """Seconds since the service last heard from the agent."""
    sent_at: float | None = None
