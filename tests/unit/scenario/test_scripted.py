"""The scripted recogniser keeps the real one's contract: audio-time blocks in, finals out
``delay_s`` after each of its channel's turns, with word times across the voiced span."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.audio.block import BLOCK_SAMPLES
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.conduct.phrases import PhraseMatcher
from assistant.ground.events import SAMPLE_RATE, Channel
from assistant.scenario.scripted import ScriptedRecogniser
from assistant.scenario.synth import SynthTurn

TURNS = (
    SynthTurn(Channel.AGENT, "好的，请您稍等。", 1.0, 3.1, 6, 170, "zh"),
    SynthTurn(Channel.CALLER, "好的。", 3.5, 4.0, 2, 170, "zh"),
    SynthTurn(Channel.AGENT, "让您久等了。", 6.02, 7.52, 5, 170, "zh"),
)


def _feed(recogniser: ScriptedRecogniser, seconds: float) -> list[tuple[float, object]]:
    """(block end time, transcript) for every result, block by block as the analyser does."""
    out = []
    silence = np.zeros(BLOCK_SAMPLES, dtype=np.float32)
    for start in range(0, round(seconds * SAMPLE_RATE), BLOCK_SAMPLES):
        for transcript in recogniser.accept(silence, start):
            out.append(((start + BLOCK_SAMPLES) / SAMPLE_RATE, transcript))
    return out


def test_each_turn_comes_out_once_delay_after_it_ends():
    recogniser = ScriptedRecogniser(TURNS, Channel.AGENT, delay_s=0.5)
    results = _feed(recogniser, 10.0)
    assert [t.text for _, t in results] == ["好 的 请 您 稍 等", "让 您 久 等 了"]
    (first_block, first), (second_block, second) = results
    assert first.t == pytest.approx(3.6) and first_block == pytest.approx(3.6)
    assert second.t == pytest.approx(8.02) and second_block == pytest.approx(8.1)
    for transcript in (first, second):
        assert transcript.channel is Channel.AGENT
        assert transcript.final and transcript.grammar


def test_word_times_spread_evenly_over_the_voiced_span():
    recogniser = ScriptedRecogniser(TURNS, Channel.AGENT)
    [(_, transcript), _] = _feed(recogniser, 10.0)
    words = transcript.words
    assert [w.text for w in words] == ["好", "的", "请", "您", "稍", "等"]
    assert words[0].t0 == 1.0 and words[-1].t1 == pytest.approx(3.1)
    assert all(w.t1 - w.t0 == pytest.approx(0.35, abs=1e-3) for w in words)
    assert all(a.t1 == b.t0 for a, b in zip(words, words[1:]))


def test_only_its_own_channel():
    recogniser = ScriptedRecogniser(TURNS, Channel.CALLER, delay_s=0.3)
    [(_, transcript)] = _feed(recogniser, 10.0)
    assert transcript.channel is Channel.CALLER and transcript.text == "好 的"
    assert transcript.t == pytest.approx(4.3)


def test_english_words():
    turn = SynthTurn(Channel.AGENT, "Good morning, I'm Anna.", 0.5, 2.1, 6, 160, "en")
    recogniser = ScriptedRecogniser([turn], Channel.AGENT)
    [(_, transcript)] = _feed(recogniser, 3.0)
    assert transcript.text == "good morning i'm anna"
    assert [w.t0 for w in transcript.words] == [0.5, 0.9, 1.3, 1.7]


def test_finish_flushes_what_was_spoken_and_drops_what_was_cut_off():
    recogniser = ScriptedRecogniser(TURNS, Channel.AGENT, delay_s=0.5)
    assert _feed(recogniser, 7.6) != []  # the first turn
    [late] = recogniser.finish(round(7.6 * SAMPLE_RATE))
    assert late.text == "让 您 久 等 了" and late.t == pytest.approx(7.6)
    assert recogniser.finish(round(8.0 * SAMPLE_RATE)) == []
    cut = ScriptedRecogniser(TURNS, Channel.AGENT)
    assert cut.finish(round(7.0 * SAMPLE_RATE))[0].text.startswith("好")
    assert cut.accept(np.zeros(BLOCK_SAMPLES, np.float32), 7 * SAMPLE_RATE) == []


def test_phrase_times_land_on_the_words_in_the_audio():
    """What the rules see: a phrase is stamped where its last character was spoken."""
    matcher = PhraseMatcher(load_pack(default_pack_path("zh")).phrases, "zh")
    recogniser = ScriptedRecogniser(TURNS, Channel.AGENT)
    [(_, transcript), _] = _feed(recogniser, 10.0)
    hits = {hit.phrase: hit.t for hit in matcher.match(transcript)}
    assert hits["好的"] == pytest.approx(1.7)
    assert hits["请您稍等"] == pytest.approx(3.1)
