"""The README's pictures of words heard come from the real Whisper model: the after-call card
of the badly handled natural-voice call quotes the 早上好 Whisper heard, and renders."""

from __future__ import annotations

import os

import pytest

pytestmark = pytest.mark.integration


def test_the_after_call_picture_shows_what_whisper_heard(whisper_model, tmp_path):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImage

    from assistant.ui.demo import play, render_screenshot
    from assistant.ui.heard_screenshots import SCENES, scene_call

    scene = next(s for s in SCENES if s.name == "9-after-call-feedback")
    call, at = scene_call(scene, "zh", tmp_path, whisper_model)
    assert call.hearing.mode == "whisper" and call.recognisers, call.notes
    summary = play(call, [].append, until=at)
    assert summary is not None  # played out and judged: the after-call feedback
    findings = {f.rule: f for f in summary.findings}
    assert findings["greeting"].status.value == "missed"
    assert "“早上好”" in findings["greeting"].detail  # quoted as heard, with its time
    assert findings["self_intro"].status.value == "missed"
    out = render_screenshot(tmp_path / "feedback.png", at, ui_lang="zh", call=call)
    image = QImage(str(out))
    assert not image.isNull() and image.height() > image.width() * 0.8  # the tall card
