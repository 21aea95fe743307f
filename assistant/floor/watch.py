"""``FloorWatch``: a supervisor's subscription to the live floor, on its own thread.

One WebSocket to ``/live/floor`` under the supervisor's credential; every message (the
snapshot on connecting, then each change) is handed to ``on_agents`` as ``AgentLive``
values, and the connection's state to ``on_status``. A dropped connection is retried,
and the snapshot sent on reconnecting brings the view up to date.
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from collections.abc import Callable

from pydantic import ValidationError
from websockets.exceptions import InvalidStatus, WebSocketException
from websockets.sync.client import ClientConnection

from assistant.floor.link import FLOOR_PATH, open_socket, socket_url
from assistant.floor.livestate import AgentLive

AgentsCallback = Callable[[list[AgentLive], bool, float], None]
"""``(agents, is_snapshot, received)``: ``received`` is ``time.monotonic()`` on arrival."""


class FloorWatch:
    def __init__(self, server: str, token: str, on_agents: AgentsCallback, *,
                 on_status: Callable[[str], None] = lambda problem: None,
                 ssl_context: ssl.SSLContext | None = None, max_backoff_s: float = 5.0):
        self.url = socket_url(server, FLOOR_PATH)
        self.token = token
        self.on_agents = on_agents
        self.on_status = on_status
        self.ssl_context = ssl_context
        self.max_backoff_s = max_backoff_s
        self._stop = threading.Event()
        self._socket: ClientConnection | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> FloorWatch:
        self._thread = threading.Thread(target=self._run, name="floor-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 2.0) -> None:
        self._stop.set()
        socket = self._socket
        if socket is not None:
            socket.close()
        if self._thread is not None:
            self._thread.join(timeout_s)

    def _run(self) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            problem = "disconnected"
            try:
                with open_socket(self.url, self.token, self.ssl_context) as ws:
                    self._socket, backoff = ws, 0.5
                    self.on_status("")
                    for text in ws:
                        self._deliver(text)
            except InvalidStatus as exc:
                code = exc.response.status_code
                problem = "refused" if code in (401, 403) else f"HTTP {code}"
            except (OSError, WebSocketException, TimeoutError) as exc:
                problem = str(exc) or type(exc).__name__
            finally:
                self._socket = None
            if self._stop.is_set():
                return
            self.on_status(problem)
            self._stop.wait(backoff)
            backoff = min(backoff * 2, self.max_backoff_s)

    def _deliver(self, text: str | bytes) -> None:
        received = time.monotonic()
        try:
            message = json.loads(text)
            agents = [AgentLive.model_validate(a) for a in message["agents"]]
        except (ValueError, KeyError, TypeError, ValidationError):
            return  # not a floor message: nothing to show
        self.on_agents(agents, message.get("kind") == "snapshot", received)
