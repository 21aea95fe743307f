"""Every test gets its own data folder and an empty site folder: nothing is read from or
written to the user's (sessions, installed models, caches) or the machine's (an
administrator's policy, trusted keys, a central store to send calls to), and no test sees
another's sessions.

The real PostgreSQL server and the central store's service (:mod:`tests.fixtures.postgres`,
:mod:`tests.fixtures.floor_service`) are fixtures for every test folder: one server per run.
"""

from __future__ import annotations

import pytest

pytest_plugins = ("tests.fixtures.postgres", "tests.fixtures.floor_service")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(tmp_path_factory.mktemp("site")))
