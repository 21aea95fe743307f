"""Synthetic calls: each turn sits exactly where the call file has its speech, on its side."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import soundfile as sf

from assistant.ground.events import SAMPLE_RATE, CallAction, Channel
from assistant.ground.resources import resources_dir
from assistant.scenario import espeak
from assistant.scenario.scenario_file import ScenarioError, load_scenario, parse_scenario
from assistant.scenario.synth import speech_units, spoken_text, syllable_count, synthesize

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                  reason="espeak-ng is not installed")

FRAME = SAMPLE_RATE // 100
TOLERANCE_S = 0.02

CALL = """\
[scenario]
name = "timing"
lang = "zh"
rate = 170

[[turn]]
who = "agent"
at = 0.5
text = "下午好，我是小王，工号一二三四。"

[[turn]]
who = "caller"
after = 0.8
text = "你好，我想查一下我的快递。"

[[turn]]                # overlaps the caller's last 1.5 s
who = "agent"
after = -1.5
text = "好的，请您稍等。"

[[turn]]
who = "caller"
at = 12.0
gain_db = -30
text = "好的。"

[[control]]
action = "hold"
t = 9.0

[[control]]
action = "end"
by = "caller"
after = 0.5
"""


def test_mandarin_is_spoken_as_pinyin_with_tone_numbers():
    assert spoken_text("您好，请稍等。", "zh") == "nin2 hao3, qing3 shao1 deng3."
    assert spoken_text("工号1234", "zh") == "gong1 hao4 yi1 er4 san1 si4"
    assert spoken_text("  Good   morning ", "en") == "Good morning"


def test_units_and_syllables():
    assert speech_units("好的，工号12。", "zh") == ["好", "的", "工", "号", "一", "二"]
    assert syllable_count("好的，工号12。", "zh") == 6
    assert speech_units("Hello, I don't know.", "en") == ["hello", "i", "don't", "know"]
    assert syllable_count("Hello, I don't know.", "en") == 5
    assert syllable_count("안녕하세요", "ko") == 5


def _voiced(column: np.ndarray) -> np.ndarray:
    """Per 10 ms frame: does it hold any sound at all (the mix is digitally silent between turns)."""
    frames = column[: len(column) // FRAME * FRAME].reshape(-1, FRAME)
    return np.max(np.abs(frames), axis=1) > 0


def _span(voiced: np.ndarray, t0: float, t1: float) -> tuple[float, float]:
    lo, hi = int(t0 * 100) - 50, int(t1 * 100) + 50
    idx = np.flatnonzero(voiced[max(lo, 0):hi]) + max(lo, 0)
    return idx[0] / 100, (idx[-1] + 1) / 100


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth")
    scenario = parse_scenario(CALL, folder / "timing.toml")
    call = synthesize(scenario, folder / "call.wav", cache_dir=folder / "cache")
    audio, rate = sf.read(call.path, dtype="int16", always_2d=True)
    return call, audio.astype(np.float32) / 32768, rate, folder


@needs_espeak
def test_file_is_16k_stereo_pcm16_of_the_stated_length(written):
    call, audio, rate, _ = written
    assert rate == SAMPLE_RATE and audio.shape[1] == 2
    assert sf.info(str(call.path)).subtype == "PCM_16"
    last = max(t.t1 for t in call.turns)
    assert call.duration_s == pytest.approx(max(last + 2.0, call.controls[-1].t + 1.0), abs=1e-3)
    assert len(audio) == round(call.duration_s * SAMPLE_RATE)


@needs_espeak
def test_turn_times_are_where_the_speech_is_on_the_right_side(written):
    call, audio, _, _ = written
    left, right = _voiced(audio[:, 0]), _voiced(audio[:, 1])
    expected = {Channel.AGENT: np.zeros_like(left), Channel.CALLER: np.zeros_like(right)}
    for turn in call.turns:
        voiced = left if turn.who is Channel.AGENT else right
        start, end = _span(voiced, turn.t0, turn.t1)
        assert start == pytest.approx(turn.t0, abs=TOLERANCE_S), turn.text
        assert end == pytest.approx(turn.t1, abs=TOLERANCE_S), turn.text
        expected[turn.who][int(turn.t0 * 100): int(np.ceil(turn.t1 * 100))] = True
    # nothing sounds outside the turns, and nothing leaks to the other side
    assert not np.any(left & ~expected[Channel.AGENT])
    assert not np.any(right & ~expected[Channel.CALLER])


@needs_espeak
def test_at_after_and_overlap(written):
    call, audio, _, _ = written
    greeting, question, answer, ok = call.turns
    assert greeting.t0 == 0.5 and ok.t0 == 12.0
    assert question.t0 == pytest.approx(greeting.t1 + 0.8, abs=1 / SAMPLE_RATE)
    assert answer.t0 == pytest.approx(question.t1 - 1.5, abs=1 / SAMPLE_RATE)
    both = _voiced(audio[:, 0]) & _voiced(audio[:, 1])
    overlap = np.flatnonzero(both) / 100
    assert overlap.size and overlap.min() >= answer.t0 - 0.01 and overlap.max() <= question.t1
    assert overlap.max() - overlap.min() > 1.0


@needs_espeak
def test_levels_follow_gain(written):
    call, audio, _, _ = written
    greeting, _, _, ok = call.turns

    def level(turn, column):
        part = audio[round(turn.t0 * SAMPLE_RATE): round(turn.t1 * SAMPLE_RATE), column]
        return 10 * np.log10(np.mean(np.square(part[np.abs(part) > 1e-4], dtype=np.float64)))

    assert -24 < level(greeting, 0) < -18
    assert np.max(np.abs(audio)) < 1.0
    assert level(greeting, 0) - level(ok, 1) > 24


@needs_espeak
def test_turn_metadata_and_controls(written):
    call, _, _, _ = written
    greeting, question, answer, ok = call.turns
    assert [t.who for t in call.turns] == [Channel.AGENT, Channel.CALLER, Channel.AGENT,
                                           Channel.CALLER]
    assert greeting.syllables == 13 and greeting.rate == 170 and greeting.lang == "zh"
    hold, end = call.controls
    assert (hold.t, hold.action, hold.by) == (9.0, CallAction.HOLD, None)
    assert end.action is CallAction.END and end.by is Channel.CALLER
    assert end.t == pytest.approx(ok.t1 + 0.5, abs=1e-3)


@needs_espeak
def test_turns_come_from_the_cache_the_second_time(written, monkeypatch, tmp_path):
    call, audio, _, folder = written
    assert len(list((folder / "cache").glob("*.npy"))) == len(call.turns)

    def no_espeak(*args, **kwargs):
        raise AssertionError("espeak-ng should not run: every turn is cached")

    monkeypatch.setattr(espeak, "_espeak", no_espeak)
    again = synthesize(parse_scenario(CALL), tmp_path / "again.flac", cache_dir=folder / "cache")
    flac, _ = sf.read(again.path, dtype="int16", always_2d=True)
    assert sf.info(str(again.path)).format == "FLAC"
    assert again.turns == call.turns
    np.testing.assert_array_equal(flac.astype(np.float32) / 32768, audio)


@needs_espeak
def test_loud_turn_clips(tmp_path):
    text = CALL.replace("gain_db = -30", "gain_db = 14")
    call = synthesize(parse_scenario(text), tmp_path / "loud.wav", cache_dir=tmp_path / "c")
    audio, _ = sf.read(call.path, dtype="float32", always_2d=True)
    ok = call.turns[3]
    part = audio[round(ok.t0 * SAMPLE_RATE): round(ok.t1 * SAMPLE_RATE), 1]
    assert np.count_nonzero(np.abs(part) >= 0.99) > 10


@needs_espeak
def test_one_voice_cannot_overlap_itself(tmp_path):
    text = CALL.replace("at = 12.0", "at = 1.0")
    with pytest.raises(ScenarioError) as err:
        synthesize(parse_scenario(text, tmp_path / "s.toml"), tmp_path / "x.wav",
                   cache_dir=tmp_path / "c")
    [problem] = err.value.problems
    assert problem.line == CALL[: CALL.index("at = 12.0")].count("\n") - 1
    assert "caller's previous turn" in problem.message


@needs_espeak
def test_turn_past_the_stated_duration_is_an_error(tmp_path):
    text = CALL.replace('rate = 170', 'rate = 170\nduration = 10.0')
    with pytest.raises(ScenarioError, match="past the scenario's duration of 10 s"):
        synthesize(parse_scenario(text), tmp_path / "x.wav", cache_dir=tmp_path / "c")


def test_only_wav_or_flac(tmp_path):
    with pytest.raises(ScenarioError, match=r"\.wav or \.flac"):
        synthesize(parse_scenario(CALL), tmp_path / "call.mp3")


@needs_espeak
def test_unknown_voice_names_the_turn(tmp_path):
    text = CALL.replace('rate = 170', 'rate = 170\ncaller_voice = "no-such-voice"')
    with pytest.raises(ScenarioError) as err:
        synthesize(parse_scenario(text, tmp_path / "s.toml"), tmp_path / "x.wav")
    [problem] = err.value.problems
    assert problem.line == text[: text.index('who = "caller"')].count("\n")
    assert "no voice 'no-such-voice'" in problem.message


@needs_espeak
def test_english_call(tmp_path):
    text = """\
[scenario]
name = "en"
lang = "en"
[[turn]]
who = "agent"
at = 0.3
text = "Good morning, my name is Anna."
[[turn]]
who = "caller"
text = "Hi."
"""
    call = synthesize(parse_scenario(text), tmp_path / "en.wav", cache_dir=tmp_path / "c")
    greeting, hi = call.turns
    assert 1.0 < greeting.duration < 3.5 and greeting.syllables == 8
    assert hi.t0 == pytest.approx(greeting.t1 + 0.6, abs=1e-3)


@needs_espeak
def test_the_demo_recording_is_what_its_scenario_says(tmp_path):
    """The committed demo FLAC must be regenerated whenever demo_call.toml changes."""
    folder = resources_dir() / "demo"
    call = synthesize(load_scenario(folder / "demo_call.toml"), tmp_path / "demo.flac",
                      cache_dir=tmp_path / "cache")
    shipped, rate = sf.read(folder / "demo_call.flac", dtype="int16", always_2d=True)
    fresh, _ = sf.read(call.path, dtype="int16", always_2d=True)
    assert rate == SAMPLE_RATE and shipped.shape == fresh.shape
    for column in (0, 1):
        agree = np.mean(_voiced(shipped[:, column]) == _voiced(fresh[:, column]))
        assert agree > 0.98


@needs_espeak
def test_synth_command_writes_the_call_and_reports_bad_scenarios(tmp_path, monkeypatch, capsys):
    from assistant.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    scenario = tmp_path / "call.toml"
    scenario.write_text(CALL, encoding="utf-8")
    assert main(["synth", str(scenario), "-o", str(tmp_path / "call.flac")]) == 0
    assert "4 turns" in capsys.readouterr().out
    assert sf.info(str(tmp_path / "call.flac")).channels == 2
    assert list((tmp_path / "cache").rglob("*.npy"))
    scenario.write_text(CALL.replace('who = "caller"', 'who = "client"', 1), encoding="utf-8")
    assert main(["synth", str(scenario), "-o", str(tmp_path / "bad.wav")]) == 2
    line = CALL[: CALL.index('who = "caller"')].count("\n") + 1
    assert f"{scenario}:{line}: turn.1.who:" in capsys.readouterr().err
