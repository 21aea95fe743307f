"""The floor's tests run against a real PostgreSQL server the tests start themselves
(:mod:`tests.fixtures.postgres`) and the real service under uvicorn
(:mod:`tests.fixtures.floor_service`), both registered in tests/conftest.py."""

import pytest

from tests.floor.recorded import Recorded, record_one


@pytest.fixture(scope="session")
def polite_call(tmp_path_factory) -> Recorded:
    """One polite call recorded by the real pipeline, with its audio."""
    return record_one(tmp_path_factory.mktemp("call"), audio=True)


@pytest.fixture
def site(tmp_path, monkeypatch):
    """This test's site folder (where the administrator's policy and credential go)."""
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(tmp_path / "site"))
    return tmp_path / "site"
