"""The floor's tests run against a real PostgreSQL server the tests start themselves
(:mod:`tests.fixtures.postgres`) and the real service under uvicorn
(:mod:`tests.fixtures.floor_service`)."""

from tests.fixtures.floor_service import floor_service, tls_files  # noqa: F401
from tests.fixtures.postgres import floor_db, postgres_server  # noqa: F401
