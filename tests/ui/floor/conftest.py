"""The live floor's service, real: alone on a random loopback port with test credentials
(``service``), or the central store's own TLS service on a real PostgreSQL."""

from tests.fixtures.floor_service import floor_service, tls_files  # noqa: F401
from tests.fixtures.postgres import floor_db, postgres_server  # noqa: F401
from tests.floor.live_server import book, service  # noqa: F401
