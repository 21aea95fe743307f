"""The words the agent's settings window shows for roll-out: which settings the supervisor
locked, and which managed pack is in use (from the share, or the last verified copy)."""

from __future__ import annotations

from pathlib import Path

from assistant.rollout.agent import AgentPack
from assistant.ui.i18n import Texts
from assistant.ui.supervisor_texts import SupervisorTexts

LOCKED_STYLE = "color: #6b5b2e;"
LOCK_CAPTIONS = {"lang": "settings.lang", "agent_name": "settings.agent_name",
                 "agent_id": "settings.agent_id", "recogniser": "locks.recogniser",
                 "agent_device": "settings.agent_device", "caller_device": "settings.caller_device",
                 "pack_path": "settings.pack"}
"""Locked setting → the caption it has in the dialog (``locks.*`` are the roll-out words)."""


def locks_note(locked: list[str], lang: str, app_texts: Texts) -> str:
    """``Locked by your supervisor: language, speech recogniser``, or ``""``."""
    rollout = SupervisorTexts(lang)
    names = [rollout(key) if key.startswith("locks.") else app_texts(key)
             for name, key in LOCK_CAPTIONS.items() if name in locked]
    return rollout("locks.note", names=rollout("locks.separator").join(names)) if names else ""


def managed_pack_text(managed: AgentPack, folder: Path | None, lang: str) -> str:
    rollout = SupervisorTexts(lang)
    chosen = managed.load.chosen
    head = rollout("locks.managed", folder=str(folder or "—"))
    if chosen is None:
        return head + "\n" + rollout("locks.no_pack")
    info = chosen.pack.pack
    if chosen.from_cache:
        detail = rollout("locks.cached_pack", id=info.id, version=info.version,
                         lang=info.language, path=chosen.source or str(chosen.path),
                         kid=chosen.key_id)
    else:
        detail = rollout("locks.managed_pack", id=info.id, version=info.version,
                         lang=info.language, path=str(chosen.path), kid=chosen.key_id)
    return head + "\n" + detail
