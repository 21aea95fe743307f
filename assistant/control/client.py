"""``send_command``: what `assistant call …` (and a softphone hook) uses to reach the app."""

from __future__ import annotations

from assistant.control.local import default_transport
from assistant.control.protocol import ControlError, Reply, make_command, parse_reply
from assistant.control.transport import Transport
from assistant.ground.events import CallAction, Channel


def send_command(action: str | CallAction, by: str | Channel | None = None, *,
                 transport: Transport | None = None, timeout: float = 5.0) -> Reply:
    """Send one command and return the app's reply.

    ``NotRunning`` when no app listens (the message says how to start it), ``ValueError``
    for an unknown action, ``ControlError`` for anything else on the way.
    """
    command = make_command(action, by)
    transport = transport or default_transport()
    connection = transport.connect(timeout)
    try:
        connection.write(command.encode())
        line = connection.read_line()
    except OSError as exc:
        raise ControlError(f"the assistant at {transport.address} did not answer: {exc}") from None
    finally:
        connection.close()
    if not line:
        raise ControlError(f"the assistant at {transport.address} hung up without answering")
    return parse_reply(line)
