"""The floor window, running: the watch on its thread, the window on Qt's."""

from __future__ import annotations

import argparse
import ssl
import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from assistant.conduct.pack import default_pack_path, load_pack
from assistant.floor.board import FloorBoard
from assistant.floor.watch import FloorWatch
from assistant.sessions.store.database import SessionStore
from assistant.sessions.store.reading import SessionReader
from assistant.ui.floor.window import FloorWindow
from assistant.ui.qapp import application

SCREENSHOT_WAIT_S = 10.0


def long_hold_s(lang: str) -> float:
    """The default pack's point where a lookup should become a callback (hold_callback)."""
    settings = load_pack(default_pack_path(lang)).rule("hold_callback")
    return float(settings.after_s)  # type: ignore[attr-defined]  # the rule's own settings


def sessions_of(args: argparse.Namespace, token: str) -> Callable[[], SessionReader]:
    """Where replays and reports read calls: the central store this floor is served from
    (the supervisor's credential reads every agent's), or ``--store DIR``."""
    if args.store is not None:
        return lambda: SessionStore(args.store, repair=False)
    from assistant.floor.config import FloorConfig
    from assistant.floor.reader import CentralStore

    config = FloorConfig(args.server.rstrip("/"), token, args.ca)
    return lambda: CentralStore(config)


def run_window(args: argparse.Namespace, token: str, context: ssl.SSLContext) -> int:
    offscreen = args.screenshot is not None
    app = application(offscreen=offscreen)
    board = FloorBoard(long_hold_s=long_hold_s(args.ui_lang))
    window = FloorWindow(board, server=args.server, lang=args.ui_lang,
                         sessions=sessions_of(args, token), reports_dir=args.reports)
    watch = FloorWatch(args.server, token, window.on_agents, on_status=window.on_status,
                       ssl_context=context).start()
    if args.team:
        window.set_team(args.team)
    window.resize(1360, 980)
    try:
        if offscreen:
            return _screenshot(app, window, args)
        window.show()
        return app.exec()
    finally:
        watch.stop()


def _screenshot(app: QApplication, window: FloorWindow, args: argparse.Namespace) -> int:
    from assistant.ground.errors import UserError
    from assistant.ui.render import render_png

    deadline = time.monotonic() + SCREENSHOT_WAIT_S
    while window.board.changes == 0 and window.board.problem != "refused" \
            and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    if window.board.changes == 0:
        raise UserError(window.status.text())
    if args.team:
        window.set_team(args.team)
    window.refresh()
    print(f"wrote {render_png(window, args.screenshot, backdrop=False)}")
    return 0
