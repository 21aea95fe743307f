"""The agent's settings: what `assistant` listens to, who the agent is, which pack.

Kept in ``QSettings`` (organisation ``etiquette-assistant``, INI format, the user's
scope) beside the overlay's placement, under the ``app/`` group. ``AppSettings`` is a
plain dataclass so the app and the dialog pass it around without touching Qt storage.
Settings an administrator's policy locks are forced to its values on loading.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from PySide6.QtCore import QSettings

from assistant.conduct.rules.base import AgentProfile
from assistant.ui.hotkeys import DEFAULT_KEYS

ORGANISATION = "etiquette-assistant"
APPLICATION = "assistant"
GROUP = "app"
LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class AppSettings:
    lang: str = "zh"
    """The overlay's language, and the default pack's."""
    agent_device: str = ""
    """Agent microphone: a device name (``""`` = the system's default input)."""
    caller_device: str = ""
    """Caller audio (softphone loopback / monitor); ``""`` = none, agent only."""
    agent_name: str = ""
    agent_id: str = ""
    pack_path: str = ""
    """A prompt pack TOML; ``""`` = the default pack for ``lang``."""
    recogniser: str = "grammar"
    hotkeys: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_KEYS))
    """Call action → the key combination the desktop should bind to `assistant call …`."""

    @property
    def agent(self) -> AgentProfile:
        return AgentProfile(self.agent_name, self.agent_id)

    @property
    def pack(self) -> Path | None:
        return Path(self.pack_path) if self.pack_path else None

    def with_(self, **changes: object) -> AppSettings:
        return replace(self, **changes)


def user_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     ORGANISATION, APPLICATION)


def load_settings(store: QSettings | None = None) -> AppSettings:
    store = store or user_settings()
    defaults = AppSettings()
    values: dict[str, object] = {}
    store.beginGroup(GROUP)
    try:
        for f in fields(AppSettings):
            if f.name == "hotkeys":
                continue
            raw = store.value(f.name, getattr(defaults, f.name))
            values[f.name] = str(raw) if raw is not None else ""
        keys = dict(defaults.hotkeys)
        store.beginGroup("hotkeys")
        for action in keys:
            keys[action] = str(store.value(action, keys[action]))
        store.endGroup()
        values["hotkeys"] = keys
    finally:
        store.endGroup()
    if values["lang"] not in LANGUAGES:
        values["lang"] = defaults.lang
    if values["recogniser"] not in ("grammar", "free", "whisper", "off"):
        values["recogniser"] = defaults.recogniser
    from assistant.rollout.policy import load_policy

    return load_policy().apply(AppSettings(**values))  # type: ignore[arg-type]


def save_settings(settings: AppSettings, store: QSettings | None = None) -> None:
    store = store or user_settings()
    store.beginGroup(GROUP)
    for f in fields(AppSettings):
        if f.name != "hotkeys":
            store.setValue(f.name, getattr(settings, f.name))
    store.beginGroup("hotkeys")
    for action, key in settings.hotkeys.items():
        store.setValue(action, key)
    store.endGroup()
    store.endGroup()
    store.sync()
