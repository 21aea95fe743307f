import numpy as np
import pytest

from assistant.speech import level


def test_silence_is_the_floor_not_minus_infinity():
    assert level.rms_dbfs(np.zeros(1600, np.float32)) == level.FLOOR_DBFS


def test_full_scale_sine_is_minus_three_dbfs_rms_and_zero_peak():
    t = np.arange(16000) / 16000
    sine = np.sin(2 * np.pi * 440 * t).astype(np.float32)
    assert level.rms_dbfs(sine) == pytest.approx(-3.01, abs=0.05)
    assert level.peak_dbfs(sine) == pytest.approx(0.0, abs=0.01)


def test_clipping_is_a_run_at_full_scale_not_one_loud_peak():
    x = np.zeros(1600, np.float32)
    x[100] = 0.999
    assert not level.clipped(x)
    x[500:505] = 1.0
    assert level.clipped(x)
    loud_but_clean = (0.9 * np.sin(np.arange(1600) / 5)).astype(np.float32)
    assert not level.clipped(loud_but_clean)
