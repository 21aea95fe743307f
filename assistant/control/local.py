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


def runtime_dir(platform: str = sys.platform) -> Path:
    """The user's runtime dir for the app (``ASSISTANT_RUNTIME_DIR`` overrides it).

    On Windows ``%LOCALAPPDATA%\\etiquette-assistant\\run``, in the user's profile: not the
    runtime dir under ``Temp``, which Storage Sense may empty while the app runs (taking
    the control channel's key with it)."""
    if override := os.environ.get("ASSISTANT_RUNTIME_DIR"):
        return Path(override)
    import platformdirs

    if platform == "win32":
        return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / "run"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "XDG_RUNTIME_DIR is not set": the fallback is checked
        return Path(platformdirs.user_runtime_dir(APP_DIR_NAME))


def default_transport(platform: str = sys.platform) -> Transport:
    """The named pipe on Windows, the Unix socket elsewhere."""
    if platform == "win32":
        return PipeTransport.for_windows(runtime_dir(platform))
    return UnixTransport(runtime_dir() / SOCKET_NAME)
