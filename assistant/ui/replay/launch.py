"""`assistant replay [SESSION]`: the replay window for trainers.

Qt-free at import; the window is imported only when it runs. ``SESSION`` is a session id or a unique prefix of one, or an exported
session folder (imported into the local store first, then opened).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def run_replay(args: argparse.Namespace) -> int:
    from assistant.ground.errors import UserError

    offscreen = args.screenshot is not None
    app = _app(offscreen)
    window = open_window(args.store, lang=args.ui_lang, sound=not (args.no_sound or offscreen))
    if args.session:
        ok = _open(window, args.session)
        if not ok and offscreen:
            raise UserError(window.ui.banner.text())
    if args.at:
        window.seek(args.at)
    if offscreen:
        from assistant.ui.render import render_png

        window.resize(1500, 920)
        print(f"wrote {render_png(window, args.screenshot, backdrop=False)}")
        return 0
    window.resize(1500, 920)
    window.show()
    return app.exec()


def open_window(store_root: Path | None, *, lang: str = "zh", sound: bool = True):
    """The window on the store at ``store_root``; a store that cannot open is said in it."""
    from assistant.sessions.store.database import StoreError
    from assistant.ui.replay.sources import open_store
    from assistant.ui.replay.window import ReplayWindow

    try:
        store, error = open_store(store_root), ""
    except StoreError as exc:
        store, error = None, str(exc)
    return ReplayWindow(store, lang=lang, store_error=error, sound=sound)


def _open(window, ref: str) -> bool:
    from assistant.sessions.store.database import StoreError

    if Path(ref).exists():
        return window.open_path(Path(ref))
    if window.store is None:
        return False
    try:
        session_id = window.store.find(ref).id
    except StoreError as exc:
        window.say(window.texts("banner.session", why=exc), replace=True)
        return False
    window.refresh_sessions(select=session_id)
    return window.model is not None and window.model.session.info.id == session_id


def _app(offscreen: bool):
    from assistant.ui.qapp import application

    return application(offscreen=offscreen)
