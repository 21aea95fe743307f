"""Every test gets its own data folder: nothing is read from or written to the user's
(sessions, installed models, caches), and no test sees another's sessions."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path_factory.mktemp("data")))
