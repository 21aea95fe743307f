"""The control channel's place on this machine: which transport, in which folder."""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

from assistant.control.pipe import PipeTransport
from assistant.control.transport import Transport
from assistant.control.unix import SOCKET_NAME, UnixTransport

APP_DIR_NAME = "etiquette-assistant"


def runtime_dir() -> Path:
    """The user's runtime dir for the app (``ASSISTANT_RUNTIME_DIR`` overrides it)."""
    if override := os.environ.get("ASSISTANT_RUNTIME_DIR"):
        return Path(override)
    import platformdirs

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "XDG_RUNTIME_DIR is not set": the fallback is checked
        return Path(platformdirs.user_runtime_dir(APP_DIR_NAME))


def default_transport(platform: str = sys.platform) -> Transport:
    """The named pipe on Windows, the Unix socket elsewhere."""
    if platform == "win32":
        return PipeTransport.for_windows(runtime_dir())
    return UnixTransport(runtime_dir() / SOCKET_NAME)
