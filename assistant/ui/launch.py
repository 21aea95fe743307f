"""`assistant` with no command: the tray app, its overlay and its devices, until logout.

What it says on the terminal (a device that cannot be opened, a second app, listening that
stopped) follows the reader's language (``--ui-lang``, then ``LANG``); the windows follow the
app's own setting.
"""

from __future__ import annotations

import argparse
import signal

from PySide6.QtCore import QTimer

import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)
from assistant.control.protocol import ControlError
from assistant.ground.reader import say
from assistant.ui.app import App, ensure_qapp
from assistant.ui.preferences import load_settings
from assistant.ui.tray import STOPPED

MESSAGES = {
    "no_control": {"en": "{why}; softphone hooks and `assistant call …` will not reach this "
                         "window",
                   "zh": "{why}；软电话挂钩和 `assistant call …` 无法通知这个窗口"},
    "no_device": {"en": "{why}\n(change the devices in the settings, or run `assistant demo`)",
                  "zh": "{why}\n（请在设置中更换设备，或运行 `assistant demo`）"},
    "stopped": {"en": "listening stopped: {why}", "zh": "聆听已停止：{why}"},
}


def run_app(args: argparse.Namespace) -> int:
    from assistant.audio.devices import DeviceError
    from assistant.ground.errors import UserError

    app = ensure_qapp()
    main = App(load_settings())
    try:
        main.start_control()
    except ControlError as exc:
        if "already running" in str(exc):
            main.shutdown()
            raise UserError(str(exc)) from None
        main.report(say(MESSAGES, "no_control", why=exc))
    try:
        main.start_listening()
    except DeviceError as exc:
        main.shutdown()
        raise UserError(say(MESSAGES, "no_device", why=exc)) from None
    main.show()
    main.watch_managed_pack()
    for sig in (signal.SIGINT, signal.SIGTERM):  # a logout or `kill` ends the call cleanly
        signal.signal(sig, lambda *_: main.quit())
    watcher = QTimer()
    watcher.timeout.connect(lambda: _watch(main))  # also lets Python see Ctrl+C
    watcher.start(250)
    code = app.exec()
    main.shutdown()
    return code


def _watch(main: App) -> None:
    live = main.live
    if live is not None and not live.running and live.error is not None:
        main.report(say(MESSAGES, "stopped", why=live.error))
        live.error = None
        main.tray.set_state(STOPPED)
