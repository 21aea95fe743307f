"""`assistant supervise [PACK]`: open the editor on a pack (or a copy of a default pack)."""

from __future__ import annotations

import argparse
import sys


def run_supervisor(args: argparse.Namespace) -> int:
    from assistant.conduct.pack import PackError, default_pack_path
    from assistant.ground.errors import UserError
    from assistant.rollout.editing import PackDraft
    from assistant.ui.qapp import application
    from assistant.ui.supervisor.window import SupervisorWindow

    try:
        draft = PackDraft.open(args.pack or default_pack_path(args.lang))
    except PackError as exc:
        raise UserError(f"the pack cannot be opened:\n{exc}") from None
    if args.pack is None:
        draft.path = None  # a copy: Save asks where, the shipped pack stays as it is
    app = application()
    lang = args.ui_lang or ("zh" if draft.get(("pack", "language")) == "zh" else "en")
    window = SupervisorWindow(draft, lang=lang, key=args.key)
    window.show()
    print(f"assistant: editing {args.pack or 'a copy of ' + str(default_pack_path(args.lang))}",
          file=sys.stderr)
    return app.exec()
