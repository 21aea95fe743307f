"""A private PulseAudio server with a null sink, for tests that capture real audio.

Follows the recipe in DESIGN.md §8: fresh 0700 ``XDG_RUNTIME_DIR`` and ``HOME``, a
foreground server with only the native protocol and one null sink, ready once ``pactl
info`` answers, killed by its PID afterwards. Whatever plays into the sink (``play()``)
can be captured from its monitor through PortAudio's ``pulse`` device.

PortAudio reads the server's address when it is initialised (sounddevice does that on
import), so capture either in a child process started with ``server.env`` (what the
live-capture test does) or inside ``with server.in_this_process():``.

Reuse from another test module::

    from tests.integration.pulse import pulse_server, pulse_skip_reason
    pytestmark = pytest.mark.skipif(pulse_skip_reason() is not None,
                                    reason=pulse_skip_reason() or "")

    @pytest.fixture
    def pulse(tmp_path):
        with pulse_server(tmp_path) as server:
            yield server
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

TOOLS = ("pulseaudio", "pactl", "paplay", "pacat")
CLIENT_VARIABLES = ("PULSE_SERVER", "PULSE_SOURCE", "PULSE_SINK", "XDG_RUNTIME_DIR", "HOME")


def pulse_skip_reason() -> str | None:
    """Why live-capture tests cannot run here, or ``None`` when they can."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        return (f"{', '.join(missing)} not found: apt-get install -y --no-install-recommends "
                "pulseaudio pulseaudio-utils libasound2-plugins")
    return None


class PulseServer:
    """One private server: ``start()`` it, ``stop()`` it (by its PID), start it again.

    Stopping and restarting keeps the same socket, so clients see a device that went
    away and came back, the way a lost audio server or unplugged headset looks.
    """

    def __init__(self, runtime: Path, home: Path, log: Path, *, sink: str = "callsink",
                 rate: int = 16000, channels: int = 2):
        self.sink = sink
        self.log = log
        self.args = [
            "pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
            "--load=module-native-protocol-unix",
            f"--load=module-null-sink sink_name={sink} rate={rate} channels={channels}",
        ]
        self.env = {
            **os.environ,
            "XDG_RUNTIME_DIR": str(runtime),
            "HOME": str(home),
            "PULSE_SERVER": f"unix:{runtime}/pulse/native",
            "PULSE_SOURCE": f"{sink}.monitor",
            "PULSE_SINK": sink,
        }
        """The environment for clients of this server (PULSE_SERVER, PULSE_SOURCE…)."""
        self.process: subprocess.Popen | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    @property
    def monitor(self) -> str:
        return f"{self.sink}.monitor"

    def start(self, timeout_s: float = 15.0) -> None:
        """Start the server and return once ``pactl info`` answers."""
        server_env = {k: v for k, v in self.env.items() if k != "PULSE_SERVER"}
        with self.log.open("ab") as log_file:
            self.process = subprocess.Popen(self.args, env=server_env, stdout=log_file,
                                            stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"pulseaudio exited with {self.process.returncode}:\n"
                                   + self.log.read_text(errors="replace"))
            probe = subprocess.run(["pactl", "info"], env=self.env, capture_output=True,
                                   timeout=10)
            if probe.returncode == 0:
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"pulseaudio did not answer within {timeout_s:g} s:\n"
                           + self.log.read_text(errors="replace"))

    def stop(self) -> None:
        """Terminate the server by its PID (killed if it does not exit within 5 s)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)

    def play(self, path: Path, *, latency_ms: int = 30) -> subprocess.Popen:
        """Start playing a file into the sink; returns the running ``paplay``."""
        return subprocess.Popen(
            ["paplay", f"--device={self.sink}", f"--latency-msec={latency_ms}", str(path)],
            env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )

    def open_stream(self, sink: str | None = None, *, channels: int = 2, rate: int = 16000,
                    latency_ms: int = 250) -> OpenStream:
        """A playback stream connected ahead of time: its ``play()`` is heard at once.

        Starting ``paplay`` at the moment to play takes a process start and a connection,
        hundreds of ms on a loaded machine; two of them (one per side) start that far
        apart. A stream opened before and fed at the moment has neither delay, and its
        buffer (``latency_ms``) rides out a busy machine without gaps in the sound.
        """
        return OpenStream(self, sink or self.sink, channels, rate, latency_ms)

    def pactl(self, *args: str) -> str:
        return subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True,
                              timeout=10, check=True).stdout

    @contextmanager
    def in_this_process(self) -> Iterator[None]:
        """Point this process's PortAudio at the server for the ``with`` block.

        PortAudio is re-initialised on entry and on exit: streams opened before either
        are invalid afterwards.
        """
        saved = {name: os.environ.get(name) for name in CLIENT_VARIABLES}
        os.environ.update({name: self.env[name] for name in CLIENT_VARIABLES})
        reinitialise_portaudio()
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            reinitialise_portaudio()


class OpenStream:
    """``pacat`` connected to a sink, waiting for its samples (float32, interleaved)."""

    def __init__(self, server: PulseServer, sink: str, channels: int, rate: int,
                 latency_ms: int) -> None:
        before = self._inputs(server)
        self.channels = channels
        self.process = subprocess.Popen(
            ["pacat", "--playback", f"--device={sink}", "--raw", "--format=float32le",
             f"--rate={rate}", f"--channels={channels}", f"--latency-msec={latency_ms}"],
            env=server.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while self._inputs(server) <= before:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("pacat did not connect: "
                                   + self.process.stderr.read().decode(errors="replace"))
            time.sleep(0.05)
        self._feeder: threading.Thread | None = None

    @staticmethod
    def _inputs(server: PulseServer) -> int:
        return len(server.pactl("list", "short", "sink-inputs").splitlines())

    def play(self, samples: np.ndarray) -> None:
        """Start feeding ``samples`` (frames × channels, or mono) and return at once."""
        data = np.ascontiguousarray(samples, dtype="<f4").reshape(-1, self.channels)

        def feed() -> None:
            assert self.process.stdin is not None
            self.process.stdin.write(data.tobytes())
            self.process.stdin.close()

        self._feeder = threading.Thread(target=feed, daemon=True)
        self._feeder.start()

    def wait(self, timeout: float) -> int:
        """Wait until everything played; the player's exit code."""
        if self._feeder is not None:
            self._feeder.join(timeout)
        return self.process.wait(timeout)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)


def reinitialise_portaudio() -> None:
    """Make PortAudio re-read the environment and the device list."""
    import sounddevice as sd

    sd._terminate()
    sd._initialize()


@contextmanager
def pulse_server(tmp: Path, *, sink: str = "callsink", rate: int = 16000, channels: int = 2,
                 timeout_s: float = 15.0) -> Iterator[PulseServer]:
    """A running server with one null sink; stopped (by PID) when the block ends.

    ``tmp`` holds the server's log.
    """
    # Short paths under /tmp: the server's socket path must fit a unix socket's 108 bytes.
    runtime = Path(tempfile.mkdtemp(prefix="pa-run-"))
    home = Path(tempfile.mkdtemp(prefix="pa-home-"))
    for folder in (runtime, home):
        folder.chmod(0o700)
    server = PulseServer(runtime, home, tmp / "pulseaudio.log", sink=sink, rate=rate,
                         channels=channels)
    try:
        server.start(timeout_s)
        yield server
    finally:
        server.stop()
        shutil.rmtree(runtime, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
