"""The administrator's policy: where the managed packs are and which settings agents may not
change. It lives in the site folder (administrators only, see :mod:`assistant.rollout.site`)::

    [packs]
    folder = "/mnt/callcentre/packs"   # the managed folder (a read-only company share)
    pack_id = "acme-zh"                # optional: only packs with this [pack] id

    [locked]                           # settings agents see greyed, with these values
    recogniser = "grammar"
    lang = "zh"

    [floor]                            # optional: the central store (assistant.floor)
    url = "https://floor.example:8443"
    ca_file = "floor-ca.pem"           # relative to the site folder; else the system's CAs
    token_file = "floor.token"         # this agent's (or machine's) credential
    send_transcripts = false           # masked transcripts leave the desktop only if true
    send_audio = false                 # the call's audio likewise

A managed folder locks the pack choice by itself. No policy file: nothing is managed or
locked (a stand-alone install). A *broken* policy fails closed: every setting is locked
at its current value and the last good managed pack stays in use, while the settings
window names the file, line and field to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol, Self, TypeVar

from pydantic import Field

from assistant.ground.datafile import DataFileError, read_text, validate
from assistant.ground.strict import Strict

LOCKABLE = ("lang", "recogniser", "agent_device", "caller_device", "agent_name", "agent_id",
            "pack_path")
"""Names of the agent's settings a policy can lock (every front end's settings have them)."""


class LockableSettings(Protocol):
    """What a policy needs of the agent's settings (the app's ``AppSettings`` is one): a
    copy with some of the :data:`LOCKABLE` fields changed."""

    def with_(self, **changes: str) -> Self: ...


Settings = TypeVar("Settings", bound=LockableSettings)


class PolicyError(DataFileError):
    what = "policy"


class _Packs(Strict):
    folder: str = Field(min_length=1)
    pack_id: str | None = None


class _Locked(Strict):
    lang: Literal["zh", "en"] | None = None
    recogniser: Literal["grammar", "free", "whisper", "off"] | None = None
    agent_device: str | None = None
    caller_device: str | None = None
    agent_name: str | None = None
    agent_id: str | None = None


class FloorPolicy(Strict):
    """Where finished sessions go and what of them may leave the desktop."""

    url: str = Field(pattern=r"^https?://[^\s/]+(/[^\s]*)?$")
    ca_file: str | None = None
    token_file: str = "floor.token"
    send_transcripts: bool = False
    send_audio: bool = False


class _PolicyFile(Strict):
    packs: _Packs | None = None
    locked: _Locked = _Locked()
    floor: FloorPolicy | None = None


@dataclass(frozen=True)
class Policy:
    managed_folder: Path | None = None
    pack_id: str | None = None
    forced: dict[str, str] = field(default_factory=dict)
    """Locked settings and the values they are held at."""
    lock_all: bool = False
    problem: str = ""
    """Why the policy could not be read (then everything is locked), else ``""``."""
    path: Path | None = None
    floor: FloorPolicy | None = None
    """The central store to send sessions to (``None``: sessions stay on this machine)."""

    @property
    def managed(self) -> bool:
        return self.managed_folder is not None or self.lock_all

    def is_locked(self, name: str) -> bool:
        if name == "pack_path":
            return self.managed
        return self.lock_all or name in self.forced

    def changes(self) -> dict[str, str]:
        """The settings this policy forces, by :data:`LOCKABLE` name: locked values, and an
        empty pack path when the managed folder chooses the pack."""
        changes = dict(self.forced)
        if self.managed:
            changes["pack_path"] = ""
        return changes

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with :meth:`changes` made (the same object when there are none)."""
        changes = self.changes()
        return settings.with_(**changes) if changes else settings


def load_policy(path: Path | None = None) -> Policy:
    from assistant.rollout.site import policy_path

    path = path or policy_path()
    if not path.exists():
        return Policy(path=path)
    try:
        data, _ = validate(read_text(path, PolicyError), path, _PolicyFile, PolicyError)
    except PolicyError as exc:
        return Policy(lock_all=True, path=path,
                      problem=f"the administrator's policy has problems, so every setting is "
                              f"locked until it is fixed:\n{exc}")
    forced = {k: v for k, v in data.locked.model_dump().items() if v is not None}
    folder = Path(data.packs.folder).expanduser() if data.packs else None
    return Policy(folder, data.packs.pack_id if data.packs else None, forced, path=path,
                  floor=data.floor)
