"""``LiveLink``: the agent's live state sent to the service, on its own thread.

One WebSocket to ``/live/agent`` under the agent's credential. The thread sends the
reporter's ``current()`` state when woken by a change, and again every heartbeat when
nothing changed. Nothing queues up: while the service is down or unreachable the link
retries (backing off to ``max_backoff_s``) and, once it is back, sends the state as it is
then, so the latest state wins and no stale one is replayed.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from websockets.exceptions import InvalidStatus, WebSocketException
from websockets.sync.client import ClientConnection, connect

from assistant.floor.livestate import HEARTBEAT_S, Activity, AgentReport

AGENT_PATH = "/live/agent"
FLOOR_PATH = "/live/floor"


def socket_url(server: str, path: str) -> str:
    """``https://floor:8443`` → ``wss://floor:8443/live/agent`` (http → ws)."""
    parts = urlsplit(server if "://" in server else f"https://{server}")
    scheme = {"http": "ws", "https": "wss", "ws": "ws", "wss": "wss"}.get(parts.scheme)
    if scheme is None or not parts.netloc:
        raise ValueError(f"{server!r} is not a floor service address (https://HOST:PORT)")
    return urlunsplit((scheme, parts.netloc, parts.path.rstrip("/") + path, "", ""))


def open_socket(url: str, token: str, ssl_context: ssl.SSLContext | None,
                timeout_s: float = 5.0) -> ClientConnection:
    return connect(url, additional_headers={"Authorization": f"Bearer {token}"},
                   ssl=ssl_context if url.startswith("wss:") else None,
                   open_timeout=timeout_s, close_timeout=1.0,
                   ping_interval=HEARTBEAT_S, ping_timeout=HEARTBEAT_S * 2)


class LiveLink:
    def __init__(self, server: str, token: str, current: Callable[[], AgentReport], *,
                 ssl_context: ssl.SSLContext | None = None, heartbeat_s: float = HEARTBEAT_S,
                 max_backoff_s: float = 10.0):
        self.url = socket_url(server, AGENT_PATH)
        self.token = token
        self.current = current
        self.ssl_context = ssl_context
        self.heartbeat_s = heartbeat_s
        self.max_backoff_s = max_backoff_s
        self.problem = ""
        """Why the link is down now (``""`` while connected)."""
        self.sent = 0
        self.refused = False
        """The service refused the credential: retrying goes on, slowly."""
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def changed(self) -> None:
        """The state changed: send it now (any thread; never waits)."""
        self._wake.set()

    def start(self) -> LiveLink:
        self._thread = threading.Thread(target=self._run, name="live-link", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 2.0) -> None:
        """Send the last state (the reporter says offline when the app quits), then stop."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    def _run(self) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            try:
                with open_socket(self.url, self.token, self.ssl_context) as ws:
                    self.problem, self.refused, backoff = "", False, 0.5
                    self._serve(ws)
                    return
            except InvalidStatus as exc:
                self.refused = exc.response.status_code in (401, 403)
                self.problem = f"the floor service refused the connection " \
                               f"(HTTP {exc.response.status_code})"
            except (OSError, WebSocketException, TimeoutError) as exc:
                self.problem = f"the floor service cannot be reached: {exc}"
            self._stop.wait(self.max_backoff_s if self.refused else backoff)
            backoff = min(backoff * 2, self.max_backoff_s)

    def _serve(self, ws: ClientConnection) -> None:
        """Send now, then on every change and heartbeat, until stopped."""
        self._wake.clear()
        while True:
            report = self.current()
            ws.send(report.model_dump_json(exclude_none=True))
            self.sent += 1
            if self._stop.is_set() or report.activity is Activity.OFFLINE:
                return
            self._wake.wait(self.heartbeat_s)
            self._wake.clear()
