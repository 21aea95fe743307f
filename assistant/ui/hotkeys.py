"""Hotkeys for call start / hold / resume / end: bound by the desktop, not by the overlay.

The overlay never takes keyboard focus (the agent types in the softphone), so in-window
shortcuts would never fire, and Qt has no global hotkeys. What works everywhere is the
desktop's own keyboard-shortcut settings running the control-channel command, for
example ``assistant call hold``: GNOME (Settings → Keyboard → Custom Shortcuts), KDE
(System Settings → Shortcuts → Custom Shortcuts), Xfce (Keyboard → Application
Shortcuts). The settings dialog shows each command with the suggested key, and can copy
a GNOME ``gsettings`` script that binds them all. On Windows, which has no such setting
for a command, the app registers the same keys with the OS itself
(``assistant.ui.global_hotkeys``).

Qt-free: the settings store and the dialog use it, and it is tested headless.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from dataclasses import dataclass

ACTIONS = ("start", "hold", "resume", "end")

DEFAULT_KEYS: dict[str, str] = {
    "start": "<Ctrl><Alt>a",
    "hold": "<Ctrl><Alt>h",
    "resume": "<Ctrl><Alt>r",
    "end": "<Ctrl><Alt>e",
}
"""GNOME accelerator syntax; Ctrl+Alt+letter rarely clashes with softphones and CRMs."""


@dataclass(frozen=True)
class Hotkey:
    action: str
    key: str
    command: str


def assistant_command() -> str:
    """How the desktop should run `assistant`: the installed script, else this Python."""
    found = shutil.which("assistant")
    if found:
        return shlex.quote(found)
    return f"{shlex.quote(sys.executable)} -m assistant"


def hotkeys(keys: dict[str, str] | None = None, program: str | None = None) -> list[Hotkey]:
    keys = {**DEFAULT_KEYS, **(keys or {})}
    program = program or assistant_command()
    return [Hotkey(action, keys[action], f"{program} call {action}") for action in ACTIONS]


def readable_key(key: str) -> str:
    """``<Ctrl><Alt>h`` → ``Ctrl+Alt+H``, as people write it."""
    parts = key.replace(">", "> ").split()
    mods = [p.strip("<>") for p in parts if p.startswith("<")]
    rest = [p for p in parts if not p.startswith("<")]
    return "+".join([*mods, *(r.upper() if len(r) == 1 else r for r in rest)])


def gnome_script(bindings: list[Hotkey]) -> str:
    """A shell script binding every hotkey as a GNOME custom shortcut."""
    base = "/org/gnome/settings-daemon/plugins/media-keys/custom-keybindings"
    schema = "org.gnome.settings-daemon.plugins.media-keys.custom-keybinding"
    paths = [f"{base}/etiquette-{b.action}/" for b in bindings]
    lines = ["#!/bin/sh", "# Bind the etiquette assistant's call hotkeys (GNOME).",
             "# Note: this replaces the list of custom shortcuts; merge by hand if you have others.",
             "gsettings set org.gnome.settings-daemon.plugins.media-keys custom-keybindings "
             + '"[' + ", ".join(f"'{p}'" for p in paths) + ']"']
    for b, path in zip(bindings, paths, strict=True):
        for key, value in (("name", f"Etiquette assistant: call {b.action}"),
                           ("command", b.command), ("binding", b.key)):
            lines.append(f"gsettings set {schema}:{path} {key} {shlex.quote(value)}")
    return "\n".join(lines) + "\n"
