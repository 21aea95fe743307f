"""Where this desktop sends its sessions: the site policy's ``[floor]`` table and the
credential the administrator put in the site folder. No ``[floor]`` table: no central
store, and nothing of the floor runs (the single-machine product).
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.rollout.policy import FloorPolicy, Policy, load_policy
from assistant.rollout.site import site_dir


class FloorConfigError(Exception):
    """The central store is configured but cannot be used as configured; says what to fix."""


@dataclass(frozen=True)
class FloorConfig:
    url: str
    token: str
    ca_file: Path | None = None
    send_transcripts: bool = False
    send_audio: bool = False

    def tls_context(self) -> ssl.SSLContext:
        """What the HTTP client checks the server's certificate against: the site's CA file,
        else the system's trusted CAs."""
        return ssl.create_default_context(cafile=str(self.ca_file) if self.ca_file else None)


def _site_path(name: str) -> Path:
    path = Path(name).expanduser()
    return path if path.is_absolute() else site_dir() / path


def from_policy(floor: FloorPolicy, policy_file: Path | None = None) -> FloorConfig:
    token_path = _site_path(floor.token_file)
    where = f" ({policy_file}, [floor])" if policy_file else ""
    try:
        token = token_path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise FloorConfigError(f"{token_path}: no credential for the central store{where}; "
                               f"the administrator enrols this agent with `assistant floor "
                               f"enrol` and puts the token there") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FloorConfigError(f"{token_path}: the credential cannot be read ({exc})") from None
    if not token or "." not in token or any(c.isspace() for c in token):
        raise FloorConfigError(f"{token_path}: does not hold a credential (one line, as "
                               f"`assistant floor enrol` printed it)")
    ca = _site_path(floor.ca_file) if floor.ca_file else None
    if ca is not None and not ca.is_file():
        raise FloorConfigError(f"{ca}: the central store's CA certificate is missing{where}")
    if floor.url.startswith("http://") and not _loopback(floor.url):
        raise FloorConfigError(f"{floor.url}: the central store must be reached over https "
                               f"(plain http only to this machine){where}")
    return FloorConfig(floor.url.rstrip("/"), token, ca, floor.send_transcripts,
                       floor.send_audio)


def load_floor_config(policy: Policy | None = None) -> FloorConfig | None:
    """This desktop's central store, ``None`` if none is configured; raises
    ``FloorConfigError`` when one is configured but unusable."""
    policy = policy or load_policy()
    if policy.floor is None:
        return None
    return from_policy(policy.floor, policy.path)


def usable_floor_config(report: Callable[[str], None] | None, consequence: str
                        ) -> FloorConfig | None:
    """:func:`load_floor_config` for a desktop part that starts with the app: a configured
    but unusable store is told to ``report`` (after ``consequence``) instead of raised."""
    try:
        return load_floor_config()
    except FloorConfigError as exc:
        if report is not None:
            report(f"{consequence}: {exc}")
        return None


def _loopback(url: str) -> bool:
    host = url.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[0].strip("[]")
    return host in ("localhost", "127.0.0.1", "::1")
