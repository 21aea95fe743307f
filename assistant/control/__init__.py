"""The local control channel: a softphone's hooks (or the desktop's hotkeys) drive the app.

Qt-free, so the CLI (`assistant call hold`) and the app share it. One newline-delimited
JSON command per line, ``{"action": "ring|start|hold|resume|end", "by": "agent|caller"|null}``,
one JSON reply per line. The transport is behind a narrow interface
(``assistant.control.transport``): a Unix socket in the user's runtime dir on Linux and
macOS (``unix``), a named pipe with a per-run key on Windows (``pipe``), both this user only.
"""

from assistant.control.client import send_command
from assistant.control.protocol import Command, ControlError, NotRunning, Reply
from assistant.control.server import ControlServer

__all__ = ["Command", "ControlError", "ControlServer", "NotRunning", "Reply", "send_command"]
