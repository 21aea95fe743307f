"""Windows call hotkeys with the OS faked at ``user32``/``kernel32`` (``ctypes.windll``):
the keys registered, a press posting its command, a taken key reported, all released."""

from __future__ import annotations

import ctypes
import queue
import threading
from types import SimpleNamespace

import pytest

from assistant.control.protocol import Command
from assistant.ground.events import CallAction
from assistant.ui.global_hotkeys import (
    MOD_ALT,
    MOD_CONTROL,
    MOD_NOREPEAT,
    MOD_SHIFT,
    WM_HOTKEY,
    WM_QUIT,
    HotkeyError,
    WindowsHotkeys,
    WindowsKey,
    parse_key,
)


class FakeUser32:
    """RegisterHotKey/GetMessageW/PostThreadMessageW as Windows behaves for a thread
    without a window: WM_HOTKEY messages are queued to the registering thread."""

    def __init__(self, taken: set[tuple[int, int]] = frozenset()):
        self.taken = taken
        self.registered: dict[int, tuple[int, int]] = {}
        self.unregistered: list[int] = []
        self.messages: queue.Queue = queue.Queue()
        self.thread_ids: list[int] = []
        self.queue_created = False

    def RegisterHotKey(self, hwnd, hotkey_id, modifiers, vk):
        assert hwnd is None
        if (modifiers & ~MOD_NOREPEAT, vk) in self.taken:
            return 0
        self.registered[hotkey_id] = (modifiers, vk)
        return 1

    def UnregisterHotKey(self, hwnd, hotkey_id):
        self.unregistered.append(hotkey_id)
        return 1

    def PeekMessageW(self, msg_ref, hwnd, low, high, remove):
        self.queue_created = True
        return 0

    def GetMessageW(self, msg_ref, hwnd, low, high):
        assert self.queue_created, "PostThreadMessageW needs the thread's queue first"
        message, wparam = self.messages.get(timeout=5)
        msg = msg_ref._obj
        msg.message, msg.wParam = message, wparam
        return 0 if message == WM_QUIT else 1

    def PostThreadMessageW(self, thread_id, message, wparam, lparam):
        self.thread_ids.append(thread_id)
        self.messages.put((message, wparam))
        return 1

    def press(self, modifiers: int, vk: int) -> None:
        hotkey_id = next(i for i, key in self.registered.items()
                         if key == (modifiers | MOD_NOREPEAT, vk))
        self.messages.put((WM_HOTKEY, hotkey_id))


KERNEL32 = SimpleNamespace(GetCurrentThreadId=lambda: 4242)


def test_keys_in_the_settings_syntax_become_windows_keys():
    assert parse_key("<Ctrl><Alt>h") == WindowsKey(MOD_CONTROL | MOD_ALT | MOD_NOREPEAT, ord("H"))
    assert parse_key("<Shift><Control>F9") == WindowsKey(MOD_SHIFT | MOD_CONTROL | MOD_NOREPEAT,
                                                         0x78)
    assert parse_key("F12").vk == 0x7B
    for bad, why in (("<Hyper>h", "unknown modifier"), ("<Ctrl>", "one key"),
                     ("<Ctrl><Alt>Home", "letters, digits"), ("h", "needs Ctrl, Alt or Win")):
        with pytest.raises(HotkeyError, match=why):
            parse_key(bad)


def test_a_press_posts_its_call_command_and_stop_releases_every_key():
    user32 = FakeUser32()
    got: list[Command] = []
    pressed = threading.Event()
    keys = WindowsHotkeys(lambda c: (got.append(c), pressed.set()), user32=user32,
                          kernel32=KERNEL32).start()
    try:
        assert sorted(a for a in keys.registered.values()) == ["end", "hold", "resume", "start"]
        assert keys.problems == []
        user32.press(MOD_CONTROL | MOD_ALT, ord("H"))
        assert pressed.wait(2)
    finally:
        keys.stop()
    assert got == [Command(CallAction.HOLD)]
    assert user32.thread_ids == [4242], "WM_QUIT goes to the thread that registered"
    assert sorted(user32.unregistered) == sorted(user32.registered)


def test_a_key_another_program_holds_is_reported_and_the_others_work():
    user32 = FakeUser32(taken={(MOD_CONTROL | MOD_ALT, ord("E"))})
    got: list[Command] = []
    pressed = threading.Event()
    keys = WindowsHotkeys(lambda c: (got.append(c), pressed.set()), {"start": "<Ctrl><Alt>x"},
                          user32=user32, kernel32=KERNEL32).start()
    try:
        assert "end" not in keys.registered.values()
        assert keys.problems == ["Ctrl+Alt+E (call end) is taken by another program; choose "
                                 "another key in the settings"]
        user32.press(MOD_CONTROL | MOD_ALT, ord("X"))
        assert pressed.wait(2)
    finally:
        keys.stop()
    assert got == [Command(CallAction.START)]


def test_on_windows_the_system_libraries_are_used(monkeypatch):
    user32 = FakeUser32()
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(user32=user32, kernel32=KERNEL32),
                        raising=False)
    keys = WindowsHotkeys(lambda c: None).start()
    keys.stop()
    assert len(user32.registered) == 4


from tests.ui.test_app import make_app  # noqa: F401  (the app with a fake audio source)


def test_a_hotkey_drives_the_running_app_on_windows(qtbot, make_app, monkeypatch):  # noqa: F811
    from assistant.ground.events import Phase

    user32 = FakeUser32()
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(user32=user32, kernel32=KERNEL32),
                        raising=False)
    app, sources = make_app()
    app.start_hotkeys("win32")
    user32.press(MOD_CONTROL | MOD_ALT, ord("A"))  # call start

    def started() -> bool:  # the key's thread posts the command when it gets to it: keep audio
        sources[0].steps.put(1)  # flowing until a block carries it
        return app.state.phase is Phase.GREETING

    qtbot.waitUntil(started, timeout=5000)
    app.stop_hotkeys()
    assert sorted(user32.unregistered) == sorted(user32.registered)
    app.start_hotkeys("linux")
    assert app.hotkeys is None, "on Linux the desktop binds the keys"
