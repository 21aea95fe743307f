"""The local control channel: a softphone's hooks (or the desktop's hotkeys) drive the app.

Qt-free, so the CLI (`assistant call hold`) and the app share it. One newline-delimited
JSON command per line, ``{"action": "ring|start|hold|resume|end", "by": "agent|caller"|null}``,
one JSON reply per line. The transport (a Unix socket in the user's runtime dir, this user
only) is behind a narrow interface so a Windows named pipe can take its place.
"""

from assistant.control.client import send_command
from assistant.control.protocol import Command, ControlError, NotRunning, Reply
from assistant.control.server import ControlServer

__all__ = ["Command", "ControlError", "ControlServer", "NotRunning", "Reply", "send_command"]
