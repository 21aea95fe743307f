"""Global call hotkeys on Windows, registered with the OS itself (``RegisterHotKey``).

On Linux desktops the keyboard settings bind a key to `assistant call hold`
(``assistant.ui.hotkeys``); Windows has no such setting for an arbitrary command, so the
app registers the keys. ``RegisterHotKey`` is the system's own registration: no keyboard
hook, so nothing sees the agent's other keystrokes, and a key another program holds is
refused up front (reported, the others still work). The keys are registered on a thread
of their own that runs a message loop; each press posts the call command to the same
handler the control channel uses.

``user32``/``kernel32`` are the boundary: ``WindowsHotkeys`` takes them as arguments, the
tests give fakes; on Windows they are ``ctypes.windll``'s.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from ctypes import wintypes
from dataclasses import dataclass
from typing import Any

from assistant.control.protocol import Command
from assistant.ground.events import CallAction
from assistant.ui.hotkeys import ACTIONS, DEFAULT_KEYS, readable_key

MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
WM_HOTKEY, WM_QUIT, WM_USER, PM_NOREMOVE = 0x0312, 0x0012, 0x0400, 0x0000
MODIFIERS = {"ctrl": MOD_CONTROL, "control": MOD_CONTROL, "primary": MOD_CONTROL,
             "alt": MOD_ALT, "shift": MOD_SHIFT, "super": MOD_WIN, "win": MOD_WIN}


class HotkeyError(ValueError):
    """A key that cannot be registered; the message names it."""


@dataclass(frozen=True)
class WindowsKey:
    modifiers: int
    vk: int


def parse_key(key: str) -> WindowsKey:
    """``<Ctrl><Alt>h`` (the settings' GNOME syntax) → modifiers and a virtual-key code:
    letters, digits and F1–F24."""
    parts = key.replace(">", "> ").split()
    modifiers = 0
    rest = []
    for part in parts:
        if part.startswith("<"):
            name = part.strip("<>").casefold()
            if name not in MODIFIERS:
                raise HotkeyError(f"unknown modifier <{part.strip('<>')}> in {key!r}")
            modifiers |= MODIFIERS[name]
        else:
            rest.append(part)
    if len(rest) != 1:
        raise HotkeyError(f"{key!r} must name one key after its modifiers")
    name = rest[0].upper()
    if len(name) == 1 and (name.isascii() and name.isalnum()):
        vk = ord(name)
    elif name.startswith("F") and name[1:].isdigit() and 1 <= int(name[1:]) <= 24:
        vk = 0x6F + int(name[1:])  # VK_F1 = 0x70
    else:
        raise HotkeyError(f"{key!r}: only letters, digits and F1–F24 can be hotkeys")
    if not modifiers & (MOD_CONTROL | MOD_ALT | MOD_WIN) and vk < 0x70:
        raise HotkeyError(f"{readable_key(key)} needs Ctrl, Alt or Win: the agent types it")
    return WindowsKey(modifiers | MOD_NOREPEAT, vk)


class WindowsHotkeys:
    """Registers the call hotkeys until ``stop()``; ``problems`` lists the refused ones."""

    def __init__(self, on_command: Callable[[Command], object],
                 keys: dict[str, str] | None = None, *, user32: Any = None,
                 kernel32: Any = None):
        self.on_command = on_command
        self.keys = {**DEFAULT_KEYS, **(keys or {})}
        self._user32 = user32 if user32 is not None else ctypes.windll.user32  # type: ignore[attr-defined]
        self._kernel32 = kernel32 if kernel32 is not None else ctypes.windll.kernel32  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None
        self._thread_id = 0
        self._ready = threading.Event()
        self.registered: dict[int, str] = {}
        self.problems: list[str] = []

    def start(self) -> WindowsHotkeys:
        self._thread = threading.Thread(target=self._run, name="hotkeys", daemon=True)
        self._thread.start()
        self._ready.wait(2.0)
        return self

    def stop(self) -> None:
        if self._thread is None:
            return
        self._user32.PostThreadMessageW(self._thread_id, WM_QUIT, 0, 0)
        self._thread.join(2.0)
        self._thread = None

    def _run(self) -> None:
        # RegisterHotKey with no window posts WM_HOTKEY to the registering thread: register,
        # listen and unregister all here.
        self._thread_id = self._kernel32.GetCurrentThreadId()
        msg = wintypes.MSG()
        # the thread's message queue must exist before stop() can post WM_QUIT to it
        self._user32.PeekMessageW(ctypes.byref(msg), None, WM_USER, WM_USER, PM_NOREMOVE)
        self._register_all()
        self._ready.set()
        try:
            while self._user32.GetMessageW(ctypes.byref(msg), None, 0, 0) > 0:
                if msg.message == WM_HOTKEY and msg.wParam in self.registered:
                    self._press(self.registered[msg.wParam])
        finally:
            for hotkey_id in self.registered:
                self._user32.UnregisterHotKey(None, hotkey_id)

    def _register_all(self) -> None:
        for hotkey_id, action in enumerate(ACTIONS, start=1):
            key = self.keys[action]
            try:
                parsed = parse_key(key)
            except HotkeyError as exc:
                self.problems.append(str(exc))
                continue
            if self._user32.RegisterHotKey(None, hotkey_id, parsed.modifiers, parsed.vk):
                self.registered[hotkey_id] = action
            else:
                self.problems.append(f"{readable_key(key)} (call {action}) is taken by another "
                                     "program; choose another key in the settings")

    def _press(self, action: str) -> None:
        try:
            self.on_command(Command(CallAction(action)))
        except ValueError:
            pass  # not listening: the tray shows why
