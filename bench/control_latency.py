"""How long a softphone's `call end` takes to be answered while other clients sit idle.

    python3 bench/control_latency.py [--rounds 20]

Runs the control server on each transport (the Unix socket; the Windows named-pipe
transport over a Unix socket, key challenge included), connects 0, 8, 31 and 40 clients
that never speak (the server serves 32 at once), then times ``send_command("end")``.
Prints the median and worst answer time and how many events were applied.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.control import ControlServer, send_command
from assistant.control.pipe import KEY_NAME, PipeTransport
from assistant.control.unix import SOCKET_NAME, UnixTransport


TRANSPORTS = {
    "unix socket": lambda folder: UnixTransport(folder / SOCKET_NAME),
    "named-pipe transport": lambda folder: PipeTransport(str(folder / "pipe.sock"),
                                                         folder / KEY_NAME, "AF_UNIX"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    for idle_count in (0, 8, 31, 40):
        for name, make in TRANSPORTS.items():
            with tempfile.TemporaryDirectory(prefix="ea-", dir="/tmp") as tmp:
                transport = make(Path(tmp) / "run")
                applied = []
                with ControlServer(lambda c: applied.append(c) or None, transport):
                    times = []
                    for _ in range(args.rounds if idle_count < 32 else 3):
                        idle = []
                        for _ in range(idle_count):
                            sock = socket.socket(socket.AF_UNIX)
                            sock.connect(transport.address)
                            idle.append(sock)
                        time.sleep(0.05)
                        started = time.perf_counter()
                        send_command("end", transport=transport)
                        times.append(time.perf_counter() - started)
                        for sock in idle:
                            sock.close()
                print(f"{name:21s} {idle_count:2d} idle clients: median "
                      f"{1000 * statistics.median(times):7.1f} ms, worst "
                      f"{1000 * max(times):7.1f} ms, {len(applied)}/{len(times)} events applied")


if __name__ == "__main__":
    main()
