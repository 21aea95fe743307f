"""Pace estimator accuracy on espeak-ng speech at known rates (clean and with noise).

    python3 bench/pace_accuracy.py

Prints, per language and rate, the true and estimated syllables per minute, then the
median and worst absolute error of the call pace and of the agent/caller ratio.
Targets: median error ≤ 10 %, ratio error ≤ 10 %.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.scenario.pace_check import SENTENCES, measure, ratio_errors

RATES = {"zh": (120, 150, 180, 210, 240, 270), "en": (120, 150, 180, 210)}


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        for lang, rates in RATES.items():
            for noise in (None, 20.0):
                samples = [measure(lang, r, t, noise_snr_db=noise, cache_dir=Path(cache))
                           for r in rates for t in SENTENCES[lang]]
                label = f"{lang}, {'clean' if noise is None else f'white noise at {noise:.0f} dB SNR'}"
                print(f"\n{label}")
                print(f"{'-s':>5}{'true spm':>10}{'est spm':>10}{'error':>9}")
                for rate in rates:
                    group = [s for s in samples if s.rate == rate]
                    true = statistics.mean(s.true_spm for s in group)
                    est = statistics.mean(s.estimated_spm for s in group)
                    err = statistics.median(s.error for s in group)
                    print(f"{rate:>5}{true:>10.0f}{est:>10.0f}{100 * err:>+8.1f}%")
                errors = [abs(s.error) for s in samples]
                ratios = [abs(e) for e in ratio_errors(samples)]
                print(f"call pace: median |error| {100 * statistics.median(errors):.1f}%, "
                      f"worst {100 * max(errors):.1f}%  (n={len(samples)})")
                print(f"agent/caller ratio: median |error| {100 * statistics.median(ratios):.1f}%, "
                      f"worst {100 * max(ratios):.1f}%  (n={len(ratios)} pairs)")


if __name__ == "__main__":
    main()
