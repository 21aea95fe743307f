"""Words the commands print outside argparse follow the reader's language too."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from assistant.cli import main


@pytest.mark.parametrize(("lang", "words"), [("zh", "没有通话时间"),
                                             ("en", "the call time is not in the recording")])
def test_a_recording_with_no_call_time_is_told_in_the_readers_language(tmp_path, capsys,
                                                                        lang, words):
    call = tmp_path / "call.wav"  # no date tag, no sidecar, no date in its name
    sf.write(call, np.zeros((16000, 2), dtype=np.float32), 16000)
    assert main(["--ui-lang", lang, "analyze", str(call), "--recogniser", "off"]) == 0
    err = capsys.readouterr().err
    assert words in err
    assert ("没有通话时间" in err) == (lang == "zh")
