"""An agent's coaching report from the live floor: the team report over that agent's
stored calls (``assistant report --agent``), written where the supervisor keeps reports.
The calls come from the session reader the floor view was given: the central store it
watches, or a store folder."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from assistant.sessions.report.write import ReportError, write_team_report
from assistant.sessions.store.reading import SessionReader


def write_agent_report(agent: str, out_dir: Path, reader: SessionReader, *,
                       lang: str | None = None, when: datetime | None = None) -> Path:
    """``out_dir/coaching-AGENT-YYYYMMDD-HHMM.html`` over the agent's stored calls.

    ``agent`` is the agent's id or name as the sessions carry it. A :class:`ReportError`
    says why there is nothing to write (no calls, a store that cannot be read).
    """
    from assistant.sessions.report.team import TeamFilter, select_sessions
    from assistant.sessions.store.database import StoreError

    selection = TeamFilter(agent)
    try:
        sessions, _busy = select_sessions(reader, selection)
    except StoreError as exc:
        raise ReportError(str(exc)) from None
    if not sessions:
        raise ReportError(f"no stored sessions of {agent!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M")
    safe = re.sub(r"[^\w.-]+", "_", agent).strip("_") or "agent"
    return write_team_report(sessions, selection, out_dir / f"coaching-{safe}-{stamp}.html",
                             lang=lang)
