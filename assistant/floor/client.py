"""The desktop's side of the wire: HTTPS to the central store's service with this agent's
credential. Every failure is a ``FloorError`` that says whether trying again can help
(``retry``): the network or the service is down, or the database behind it is (retry), or
the service refused what was sent (no retry until something changes)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import httpx

from assistant.floor.config import FloorConfig

TIMEOUT_S = 15.0


class FloorError(Exception):
    def __init__(self, message: str, *, retry: bool, status: int | None = None):
        super().__init__(message)
        self.retry = retry
        self.status = status


class FloorClient:
    def __init__(self, config: FloorConfig, *, timeout_s: float = TIMEOUT_S):
        self.config = config
        self._http = httpx.Client(base_url=config.url, verify=config.tls_context(), timeout=timeout_s,
                                  headers={"Authorization": f"Bearer {config.token}"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> FloorClient:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- sending ------------------------------------------------------------------------

    def send_session(self, document: dict[str, Any]) -> str:
        """Send one session document; ``"new"`` or ``"already"`` (it was stored before)."""
        return self._call("POST", "/v1/sessions", json=document)["stored"]

    def send_audio(self, session_id: str, flac: bytes) -> str:
        digest = hashlib.sha256(flac).hexdigest()
        return self._call("PUT", f"/v1/sessions/{session_id}/audio", content=flac,
                          headers={"X-Content-SHA256": digest,
                                   "Content-Type": "audio/flac"})["stored"]

    # --- reading ------------------------------------------------------------------------

    def list_sessions(self, *, agent: str | None = None, since: date | None = None,
                      until: date | None = None, limit: int | None = None
                      ) -> list[dict[str, Any]]:
        params = {k: str(v) for k, v in (("agent", agent), ("since", since), ("until", until),
                                         ("limit", limit)) if v is not None}
        return self._call("GET", "/v1/sessions", params=params)["sessions"]

    def session(self, session_id: str) -> dict[str, Any]:
        return self._call("GET", f"/v1/sessions/{session_id}")

    def audio(self, session_id: str) -> bytes:
        return self._request("GET", f"/v1/sessions/{session_id}/audio").content

    def add_note(self, session_id: str, t: float, text: str, author: str) -> dict[str, Any]:
        return self._call("POST", f"/v1/sessions/{session_id}/notes",
                          json={"t": t, "text": text, "author": author})

    def health(self) -> dict[str, Any]:
        return self._call("GET", "/v1/health")

    # --- inside ---------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        return self._request(method, path, **kwargs).json()

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.ConnectError as exc:
            if "CERTIFICATE_VERIFY_FAILED" in str(exc):
                raise FloorError(f"{self.config.url}: the server's certificate is not trusted "
                                 f"({_reason(exc)}); the administrator sets [floor] ca_file "
                                 f"in the site policy", retry=True) from None
            raise FloorError(f"{self.config.url}: cannot connect ({_reason(exc)})",
                             retry=True) from None
        except httpx.TransportError as exc:
            raise FloorError(f"{self.config.url}: the connection failed ({_reason(exc)})",
                             retry=True) from None
        if response.is_success:
            return response
        detail = _detail(response)
        retry = response.status_code >= 500 or response.status_code in (408, 425, 429)
        raise FloorError(f"the central store answered {response.status_code}: {detail}",
                         retry=retry, status=response.status_code)


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail", "")
    except ValueError:
        detail = response.text[:200]
    return detail if isinstance(detail, str) else str(detail)[:300]


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
