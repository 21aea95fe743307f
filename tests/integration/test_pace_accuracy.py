"""Pace on real synthetic speech: espeak-ng Mandarin and English at known rates.

Targets from the issue: median error of the call pace ≤ 10 %, and the agent/caller ratio
(the number the pace-drift rule judges) within 10 %. `bench/pace_accuracy.py` prints the
full table.
"""

from __future__ import annotations

import shutil
import statistics

import pytest

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
]

from assistant.scenario.pace_check import SENTENCES, measure, ratio_errors

RATES = (130, 170, 210, 250)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("tts")


@pytest.mark.parametrize("noise", [None, 25.0], ids=["clean", "snr25"])
def test_mandarin_pace_error_and_ratio_error_within_ten_percent(cache, noise):
    samples = [measure("zh", rate, text, noise_snr_db=noise, cache_dir=cache)
               for rate in RATES for text in SENTENCES["zh"][:3]]
    errors = [abs(s.error) for s in samples]
    assert statistics.median(errors) <= 0.10, [(s.rate, round(s.error, 3)) for s in samples]
    ratios = [abs(e) for e in ratio_errors(samples)]
    assert statistics.median(ratios) <= 0.10
    assert max(ratios) <= 0.25


def test_faster_speech_always_reads_faster(cache):
    text = SENTENCES["zh"][1]
    estimates = [measure("zh", rate, text, cache_dir=cache).estimated_spm for rate in RATES]
    assert estimates == sorted(estimates)
    assert estimates[-1] / estimates[0] == pytest.approx(
        measure("zh", RATES[-1], text, cache_dir=cache).true_spm
        / measure("zh", RATES[0], text, cache_dir=cache).true_spm, rel=0.10)


def test_english_syllable_pace_within_fifteen_percent(cache):
    samples = [measure("en", rate, text, cache_dir=cache)
               for rate in (140, 180) for text in SENTENCES["en"]]
    assert statistics.median(abs(s.error) for s in samples) <= 0.15
