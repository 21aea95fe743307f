"""Where the assistant keeps its files: one user data dir, overridable for tests and kiosks.

``ASSISTANT_DATA_DIR`` points everything (models, sessions, cached packs) elsewhere;
otherwise it is the platform's per-user data dir (``~/.local/share/etiquette-assistant``
on Linux, ``%LOCALAPPDATA%\\etiquette-assistant`` on Windows).
"""

from __future__ import annotations

import os
from pathlib import Path


def private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents readable by this user only (0700)."""
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        folder.chmod(0o700)  # mkdir's mode is filtered by the umask
    if path == data_dir() or path.parent == data_dir():
        for folder in {data_dir(), path}:
            if folder.stat().st_mode & 0o077:
                folder.chmod(0o700)
    return path


def data_dir() -> Path:
    if override := os.environ.get("ASSISTANT_DATA_DIR"):
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("etiquette-assistant"))
