"""Every control-channel transport this product has, each on a real socket of this system.

``unix``: the Unix socket Linux and macOS use. ``pipe``: the Windows named-pipe transport
(``multiprocessing.connection`` with the mutual key challenge), run here over a Unix
socket; on Windows only its address family differs (``AF_PIPE``), which
``test_pipe_windows.py`` covers with the platform faked.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from assistant.control.pipe import KEY_NAME, PipeTransport
from assistant.control.unix import SOCKET_NAME, UnixTransport


@pytest.fixture
def runtime(monkeypatch) -> Path:
    """A short private runtime dir (Unix socket paths are limited to ~100 bytes)."""
    with tempfile.TemporaryDirectory(prefix="ea-", dir="/tmp") as tmp:
        folder = Path(tmp) / "run"
        monkeypatch.setenv("ASSISTANT_RUNTIME_DIR", str(folder))
        yield folder


def make_transport(kind: str, runtime: Path):
    if kind == "unix":
        return UnixTransport(runtime / SOCKET_NAME)
    return PipeTransport(str(runtime / "pipe.sock"), runtime / KEY_NAME, "AF_UNIX")


@pytest.fixture(params=["unix", "pipe"])
def transport(request, runtime):
    return make_transport(request.param, runtime)
