"""Trying an edited pack on a recording gives the prompts the real pipeline gives."""

from __future__ import annotations

import pytest

from assistant.audio.file import AudioFileError
from assistant.conduct.pack import default_pack_path
from assistant.engine.trial import TrialCancelled, run_trial
from assistant.rollout.editing import PackDraft
from assistant.scenario.demo import demo_call, demo_controls


def test_a_shorter_hold_interval_prompts_earlier_on_the_demo_call():
    path, call_time = demo_call()
    draft = PackDraft.open(default_pack_path("zh"))
    controls = demo_controls()  # the softphone says when the hold starts: no model needed
    before = run_trial(draft.pack, path, call_time=call_time, recogniser="off",
                       controls=controls)
    assert [(p.t, p.rule, before.clause_label(p.clause)) for p in before.prompts] == [
        (44.0, "hold_update", "第十一条(3)")]
    # the same record a call's summary and a replay keep: it says how the prompt went away
    (update,) = before.prompts
    assert update.resolution == "hold ended" and 44.0 < update.resolved_t < 60.0
    draft.set(("rules", "hold_update", "interval_s"), 6.0)
    after = run_trial(draft.pack, path, call_time=call_time, recogniser="off",
                      controls=controls)
    updates = [p.t for p in after.prompts if p.rule == "hold_update"]
    assert updates and updates[0] < 44.0
    assert "not checked" in after.notes[0]


def test_without_a_model_or_softphone_a_silence_raises_no_hold_prompt():
    path, call_time = demo_call()
    pack = PackDraft.open(default_pack_path("zh")).pack
    result = run_trial(pack, path, call_time=call_time, recogniser="off")
    assert result.prompts == []
    assert "not checked" in result.notes[0]


def test_cancel_and_bad_recordings(tmp_path):
    path, _ = demo_call()
    pack = PackDraft.open(default_pack_path("zh")).pack
    with pytest.raises(TrialCancelled):
        run_trial(pack, path, recogniser="off", cancelled=lambda: True)
    bad = tmp_path / "call.wav"
    bad.write_bytes(b"not audio")
    with pytest.raises(AudioFileError):
        run_trial(pack, bad, recogniser="off")
