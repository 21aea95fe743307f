"""Simulated agents for ``bench/floor_load.py``: one process runs many agents as asyncio
tasks, each with its own WebSocket to ``/live/agent`` and, when sessions are sent, its own
turn at ``POST /v1/sessions`` as each call ends.

Each agent works a shift in fast motion: idle a few seconds, a call (``--call-s`` long),
sometimes a hold and a prompt, the call ends (its session is sent), and so on; its live
state goes out on every change and every heartbeat, stamped with the wall clock so the
supervisor side can measure the latency.
"""

from __future__ import annotations

import asyncio
import copy
import json
import random
import ssl
import time
from dataclasses import dataclass, field

import httpx
import websockets

from assistant.floor.livestate import HEARTBEAT_S

PROMPTS = [{"rule": "hold_update", "clause": "kf-11.3", "text": "客户已等待 15 秒：请通报查询进展"},
           {"rule": "closing_recap", "clause": "kf-11.4", "text": "结束前请复述关键细节和达成的共识"},
           {"rule": "overtalk", "clause": "kf-12.2", "text": "请勿打断客户：先听完客户的话"}]


@dataclass
class Tally:
    states_sent: int = 0
    sessions_accepted: int = 0
    sessions_refused: int = 0
    session_errors: int = 0
    reconnects: int = 0
    session_s: list[float] = field(default_factory=list)

    def merge(self, other: Tally) -> None:
        for name in ("states_sent", "sessions_accepted", "sessions_refused", "session_errors",
                     "reconnects"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.session_s.extend(other.session_s)


@dataclass(frozen=True)
class Plan:
    url: str
    cafile: str | None
    seconds: float
    call_s: tuple[float, float] = (60.0, 240.0)
    idle_s: tuple[float, float] = (2.0, 8.0)
    template: dict | None = None
    """A session document; each ended call sends a copy with its own id and agent."""


def ws_url(url: str) -> str:
    return url.replace("https://", "wss://").replace("http://", "ws://")


class Agent:
    def __init__(self, n: int, agent_id: str, token: str, plan: Plan, ctx, http, tally):
        self.n, self.agent_id, self.token, self.plan = n, agent_id, token, plan
        self.ctx, self.http, self.tally = ctx, http, tally
        self.rng = random.Random(n)
        self.state: dict = {"activity": "idle", "seq": 1}
        self.t_call = self.t_hold = 0.0
        self.t_idle: float | None = None
        self.changed = asyncio.Event()
        self.calls = 0

    def set(self, activity: str, *, prompt: dict | None = None,
            last_session: str | None = None) -> None:
        now = time.monotonic()
        if activity == "call" and self.state["activity"] == "idle":
            self.t_call = now
        if activity == "hold" and self.state["activity"] != "hold":
            self.t_hold = now
        if activity == "idle":
            self.t_idle = now
        self.state = {"activity": activity, "prompt": prompt,
                      "last_session": last_session or self.state.get("last_session"),
                      "seq": self.state["seq"] + 1}
        self.changed.set()

    def report(self) -> str:
        """The state now, its seconds counted to this moment (as the app's reporter does)."""
        now, state = time.monotonic(), dict(self.state)
        if state["activity"] in ("call", "hold"):
            state["call_s"] = now - self.t_call
        if state["activity"] == "hold":
            state["hold_s"] = now - self.t_hold
        if state["activity"] == "idle" and self.t_idle is not None:
            state["idle_s"] = now - self.t_idle
        state["sent_at"] = time.time()
        return json.dumps({k: v for k, v in state.items() if v is not None})

    async def stream(self, deadline: float) -> None:
        """Send on change and heartbeat; reconnect when the connection drops."""
        headers = {"Authorization": f"Bearer {self.token}"}
        backoff = 0.5
        while time.monotonic() < deadline:
            try:
                async with websockets.connect(ws_url(self.plan.url) + "/live/agent",
                                              additional_headers=headers,
                                              ssl=self.ctx, open_timeout=30) as ws:
                    backoff = 0.5
                    while time.monotonic() < deadline:
                        await ws.send(self.report())
                        self.tally.states_sent += 1
                        try:
                            await asyncio.wait_for(self.changed.wait(), HEARTBEAT_S)
                        except TimeoutError:
                            pass
                        self.changed.clear()
            except (TimeoutError, OSError, websockets.WebSocketException):
                self.tally.reconnects += 1  # back off as the app's link does, with jitter
                await asyncio.sleep(backoff * self.rng.uniform(0.5, 1.5))
                backoff = min(backoff * 2, 10.0)

    async def work(self, deadline: float) -> None:
        rng = self.rng
        await asyncio.sleep(rng.uniform(0, 5))
        while time.monotonic() < deadline:
            await asyncio.sleep(rng.uniform(*self.plan.idle_s))
            if time.monotonic() >= deadline:
                return
            length, started = rng.uniform(*self.plan.call_s), time.monotonic()
            self.set("call")
            if rng.random() < 0.4:
                await asyncio.sleep(length * 0.3)
                self.set("hold")
                await asyncio.sleep(length * 0.4)
                if rng.random() < 0.5:
                    self.set("hold", prompt=PROMPTS[0])
                    await asyncio.sleep(1.0)
                self.set("call")
            elif rng.random() < 0.3:
                await asyncio.sleep(length * 0.5)
                self.set("call", prompt=rng.choice(PROMPTS[1:]))
            await asyncio.sleep(max(0.0, min(started + length, deadline) - time.monotonic()))
            if time.monotonic() >= deadline:
                return  # the shift is over mid-call: nothing more is sent
            self.calls += 1
            self.set("idle", last_session=await self.send_session())

    async def send_session(self) -> str | None:
        template = self.plan.template
        if template is None:
            return f"{self.agent_id}-{self.calls}"
        doc = copy.deepcopy(template)
        unique = (self.n % 4096) * 4096 + self.calls % 4096  # one id per agent and call
        doc["info"]["id"] = f"{time.strftime('%Y%m%d-%H%M%S')}-{unique:06x}"
        doc["info"]["agent_id"], doc["info"]["agent_name"] = self.agent_id, self.agent_id
        started = time.monotonic()
        try:
            reply = await self.http.post("/v1/sessions", json=doc,
                                         headers={"Authorization": f"Bearer {self.token}"})
        except httpx.HTTPError:
            self.tally.session_errors += 1
            return None
        if reply.status_code in (200, 201):
            self.tally.sessions_accepted += 1
            self.tally.session_s.append(time.monotonic() - started)
            return doc["info"]["id"]
        self.tally.sessions_refused += 1
        return None


async def run_agents(plan: Plan, agents: list[tuple[str, str]], first: int) -> Tally:
    ctx = ssl.create_default_context(cafile=plan.cafile) if plan.url.startswith("https") \
        else None
    tally = Tally()
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    async with httpx.AsyncClient(base_url=plan.url, verify=ctx or False, timeout=60,
                                 limits=limits) as http:
        deadline = time.monotonic() + plan.seconds
        crowd = [Agent(first + i, agent_id, token, plan, ctx, http, tally)
                 for i, (agent_id, token) in enumerate(agents)]
        await asyncio.gather(*(a.stream(deadline) for a in crowd),
                             *(a.work(deadline) for a in crowd))
    return tally


def agents_process(plan: Plan, agents: list[tuple[str, str]], first: int, out) -> None:
    """A worker process's entry: run its agents, put the tally on ``out``."""
    out.put(asyncio.run(run_agents(plan, agents, first)))
