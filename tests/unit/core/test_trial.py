"""Trying an edited pack on a recording gives the prompts the real pipeline gives."""

from __future__ import annotations

import pytest

from assistant.analysis import demo_call
from assistant.audio.file import AudioFileError
from assistant.conduct.editing import PackDraft
from assistant.conduct.pack import default_pack_path
from assistant.core.trial import TrialCancelled, run_trial


def test_a_shorter_hold_interval_prompts_earlier_on_the_demo_call():
    path, call_time = demo_call()
    draft = PackDraft.open(default_pack_path("zh"))
    before = run_trial(draft.pack, path, call_time=call_time, recogniser="off")
    assert [(p.t, p.rule, p.clause_label) for p in before.prompts] == [
        (43.5, "hold_update", "第十一条(3)")]
    draft.set(("rules", "hold_update", "interval_s"), 6.0)
    after = run_trial(draft.pack, path, call_time=call_time, recogniser="off")
    updates = [p.t for p in after.prompts if p.rule == "hold_update"]
    assert updates and updates[0] < 43.5
    assert "not checked" in after.notes[0]


def test_cancel_and_bad_recordings(tmp_path):
    path, _ = demo_call()
    pack = PackDraft.open(default_pack_path("zh")).pack
    with pytest.raises(TrialCancelled):
        run_trial(pack, path, recogniser="off", cancelled=lambda: True)
    bad = tmp_path / "call.wav"
    bad.write_bytes(b"not audio")
    with pytest.raises(AudioFileError):
        run_trial(pack, bad, recogniser="off")
