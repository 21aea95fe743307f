"""``ControlServer``: the app's end of the control channel, on its own threads.

Clients are served concurrently, each on its own thread and under its own deadline
(``CLIENT_DEADLINE_S`` from being accepted), so a client that connects and says nothing
delays no one: a softphone's ``call end`` is taken while another client hangs. At most
``MAX_CLIENTS`` are served at once; more wait in the transport's backlog (the oldest
slot frees within the deadline), so threads and memory stay bounded.

``on_command`` is called on a client's thread for every valid command; it must be quick
and thread-safe (the app queues the command for the pipeline's worker). What it returns
is sent back as the reply's message; a ``ValueError`` it raises becomes a refusal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from assistant.control.local import default_transport
from assistant.control.protocol import Command, Reply, parse_command
from assistant.control.transport import Connection, LineTooLong, Listener, Transport

CommandHandler = Callable[[Command], "str | None"]
POLL_S = 0.2
MAX_CLIENTS = 32


class ControlServer:
    def __init__(self, on_command: CommandHandler, transport: Transport | None = None, *,
                 max_clients: int = MAX_CLIENTS):
        self.on_command = on_command
        self.transport = transport or default_transport()
        self._listener: Listener | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._slots = threading.BoundedSemaphore(max_clients)
        self._count_lock = threading.Lock()
        self.handled = 0

    @property
    def address(self) -> str:
        return self.transport.address

    def start(self) -> ControlServer:
        """Open the channel (``ControlError`` if it cannot, or if the app already runs)
        and serve it on daemon threads."""
        self._listener = self.transport.listen()
        self._thread = threading.Thread(target=self._serve, name="control-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2 * POLL_S + 2.0)
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def __enter__(self) -> ControlServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        assert self._listener is not None
        while not self._stop.is_set():
            if not self._slots.acquire(timeout=POLL_S):
                continue  # every slot busy: clients wait in the backlog, not on a deadline
            try:
                connection = self._listener.accept(POLL_S)
            except OSError:
                connection = None
            if connection is None:
                self._slots.release()
                continue
            threading.Thread(target=self._talk, args=(connection,), name="control-client",
                             daemon=True).start()

    def _talk(self, connection: Connection) -> None:
        """Answer every line of one client; clients send one command and hang up."""
        try:
            while line := connection.read_line():
                connection.write(self.handle(line).encode())
        except LineTooLong as exc:
            self._refuse(connection, str(exc))
        except (OSError, ValueError):
            pass  # a client that vanished, stalled past its deadline or failed its proof
        finally:
            connection.close()
            self._slots.release()

    @staticmethod
    def _refuse(connection: Connection, why: str) -> None:
        try:
            connection.write(Reply(False, why).encode())
        except OSError:
            pass

    def handle(self, line: bytes) -> Reply:
        try:
            command = parse_command(line)
            message = self.on_command(command)
        except ValueError as exc:
            return Reply(False, str(exc))
        except Exception as exc:  # noqa: BLE001 - the app's handler failing must not kill us
            return Reply(False, f"the assistant could not apply it: {exc}")
        with self._count_lock:
            self.handled += 1
        return Reply(True, message or f"{command.action.value} noted")
