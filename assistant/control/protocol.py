"""The control channel's messages: one JSON object per line, each way.

A command names a ``CallAction`` and, for ``end``, who hung up. Anything else is refused
with a reply that says what was wrong, never a dropped connection.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from assistant.ground.events import CallAction, Channel

MAX_LINE = 4096
"""Longest command line accepted; a command is a few dozen bytes."""


class ControlError(Exception):
    """The control channel cannot be used; the message says what to do."""


class NotRunning(ControlError):
    """No app is listening on the control channel (at ``address``, for a message)."""

    def __init__(self, message: str, address: str = ""):
        super().__init__(message)
        self.address = address


@dataclass(frozen=True)
class Command:
    action: CallAction
    by: Channel | None = None

    def encode(self) -> bytes:
        by = self.by.value if self.by else None
        return (json.dumps({"action": self.action.value, "by": by}) + "\n").encode()


@dataclass(frozen=True)
class Reply:
    ok: bool
    message: str = ""

    def encode(self) -> bytes:
        return (json.dumps({"ok": self.ok, "message": self.message}, ensure_ascii=False)
                + "\n").encode()


def make_command(action: str | CallAction, by: str | Channel | None = None) -> Command:
    """A command from user-facing names; ``ValueError`` names the allowed ones."""
    try:
        call_action = CallAction(action)
    except ValueError:
        names = "|".join(a.value for a in CallAction)
        raise ValueError(f"unknown action {action!r}; use one of {names}") from None
    if by is None or by == "":
        return Command(call_action)
    try:
        return Command(call_action, Channel(by))
    except ValueError:
        raise ValueError(f"unknown 'by' {by!r}; use agent, caller or null") from None


def parse_command(line: bytes) -> Command:
    """One received line as a ``Command``; ``ValueError`` says what is wrong with it."""
    if len(line) > MAX_LINE:
        raise ValueError(f"line longer than {MAX_LINE} bytes")
    try:
        data = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a JSON line: {exc}") from None
    except RecursionError:
        raise ValueError("not a command: nested too deeply") from None
    if not isinstance(data, dict) or "action" not in data:
        raise ValueError('expected {"action": "ring|dial|start|hold|resume|end", "by": …}')
    unknown = set(data) - {"action", "by"}
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
    return make_command(data["action"], data.get("by"))


def parse_reply(line: bytes) -> Reply:
    try:
        data = json.loads(line.decode("utf-8"))
        return Reply(bool(data["ok"]), str(data.get("message", "")))
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError,
            RecursionError) as exc:
        raise ControlError(f"the assistant sent a reply that cannot be read: {exc}") from None
