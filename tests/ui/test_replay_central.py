"""The trainers' replay window lists and opens calls from the central store (real
PostgreSQL, the real service over TLS) when the site policy names one, audio included."""

from __future__ import annotations

import pytest

from assistant.floor.client import FloorClient
from assistant.floor.reader import CentralStore
from assistant.floor.sync import send_due
from assistant.sessions.store.database import SessionStore
from assistant.sessions.store.outbox import Outbox
from assistant.ui.replay.launch import open_window
from tests.floor.agents import FAST, desktop, enrolled
from tests.floor.recorded import finish_copy, record_one


@pytest.fixture(scope="module")
def call(tmp_path_factory):
    return record_one(tmp_path_factory.mktemp("call"), audio=True)


def test_the_replay_list_comes_from_the_central_store(
        qtbot, tmp_path, monkeypatch, floor_db, floor_service, tls_files, call):
    service = floor_service(floor_db)
    site = tmp_path / "site"
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(site))
    config = desktop(site, service.url, tls_files.cert, enrolled(floor_db, "V100"), audio=True)
    with SessionStore(tmp_path / "desk") as store, FloorClient(config) as client:
        ids = [finish_copy(store, call, "V100", minutes=i, audio=True) for i in range(2)]
        outbox = Outbox(store.db_path)
        assert not send_due(store, outbox, client, FAST).failed
        outbox.close()
    desktop(site, service.url, tls_files.cert, enrolled(floor_db, "T9", role="trainer"))

    window = open_window(None, lang="en", sound=False)
    qtbot.addWidget(window)
    assert isinstance(window.store, CentralStore)
    window.show()
    qtbot.waitExposed(window)
    assert window.ui.picker.count() == 2
    window.ui.picker.setCurrentRow(0)
    assert window.model is not None
    assert window.model.session.info.id in ids
    assert window.model.session.info.agent_id == "V100"
    audio = window.store.audio_path(window.model.session.info)
    assert audio is not None and audio.read_bytes() == call.audio.read_bytes()
    window.store.close()
    window.close()
