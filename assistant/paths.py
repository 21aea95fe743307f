"""Where the assistant keeps its files: one user data dir, overridable for tests and kiosks.

``ASSISTANT_DATA_DIR`` points everything (models, sessions, cached packs) elsewhere;
otherwise it is the platform's per-user data dir (``~/.local/share/etiquette-assistant``
on Linux, ``%LOCALAPPDATA%\\etiquette-assistant`` on Windows).
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    if override := os.environ.get("ASSISTANT_DATA_DIR"):
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("etiquette-assistant"))
