"""The live floor's service, real, on a random loopback port, with test credentials."""

from tests.floor.live_server import book, service  # noqa: F401
