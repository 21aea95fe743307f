"""An agent's desktop for the floor's tests: a site folder whose policy names the test
service, the agent's credential in it, and the agent's own session store."""

from __future__ import annotations

from pathlib import Path

import psycopg

from assistant.floor.config import FloorConfig, load_floor_config
from assistant.floor.credentials import Role, enrol
from assistant.floor.sync import Backoff

FAST = Backoff(base_s=0.05, cap_s=0.5, poll_s=0.05)
"""Backoff for tests: the same doubling and jitter, in tens of milliseconds."""


def enrolled(db_url: str, agent_id: str, role: Role = "agent", name: str = "") -> str:
    with psycopg.connect(db_url) as conn:
        return enrol(conn, agent_id, name=name or agent_id, role=role).token


def desktop(site: Path, service_url: str, cert: Path, token: str, *,
            transcripts: bool = False, audio: bool = False) -> FloorConfig:
    """Write the site policy and token as an administrator would; the config the app reads."""
    site.mkdir(parents=True, exist_ok=True)
    (site / "floor.token").write_text(token + "\n", encoding="utf-8")
    (site / "policy.toml").write_text(
        f'[floor]\nurl = "{service_url}"\nca_file = "{cert}"\n'
        f"send_transcripts = {str(transcripts).lower()}\nsend_audio = {str(audio).lower()}\n",
        encoding="utf-8")
    config = load_floor_config()
    assert config is not None
    return config
