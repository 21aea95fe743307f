"""CPU of the live band-pass filters: ours (numpy, :mod:`assistant.speech.iir`) vs scipy's.

    python3 bench/iir_filter.py [--seconds 20] [--repeats 5]

Filters white noise in the blocks the pipeline feeds (100 ms, ``BLOCK_SAMPLES``; 10 ms
for a source that hands frames) and a few others, the state carried from block to block,
both ways: the speech band alone (:mod:`assistant.speech.frames`, one cascade) and the
six sub-bands (:mod:`assistant.speech.subbands`, a bank; scipy filters them one by one).
Prints µs of CPU per second of audio, the best of ``--repeats`` runs (the machine may be
busy), and ours over scipy's.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import assistant  # noqa: E402,F401  (the app's process settings, made before numpy loads)
import numpy as np  # noqa: E402

from scipy.signal import sosfilt  # noqa: E402

from assistant.audio.block import BLOCK_SAMPLES  # noqa: E402
from assistant.ground.events import SAMPLE_RATE  # noqa: E402
from assistant.speech.frames import BAND_HZ  # noqa: E402
from assistant.speech.iir import SosFilter, butter_bandpass_sos  # noqa: E402
from assistant.speech.subbands import SUB_BANDS_HZ  # noqa: E402

BLOCKS = (SAMPLE_RATE // 100, BLOCK_SAMPLES, 320, 1000, 4 * BLOCK_SAMPLES)


def ours(bank: list[np.ndarray]) -> Callable[[np.ndarray], object]:
    f = SosFilter(bank[0] if len(bank) == 1 else bank)
    return f.process


def scipys(bank: list[np.ndarray]) -> Callable[[np.ndarray], object]:
    states = [np.zeros((sos.shape[0], 2)) for sos in bank]

    def process(x: np.ndarray) -> object:
        out = []
        for i, sos in enumerate(bank):
            y, states[i] = sosfilt(sos, x, zi=states[i])
            out.append(y)
        return out

    return process


def cpu_us_per_s(make: Callable[[], Callable[[np.ndarray], object]], audio: np.ndarray,
                 block: int, repeats: int) -> float:
    blocks = [audio[i:i + block] for i in range(0, len(audio) - block + 1, block)]
    best = float("inf")
    for _ in range(repeats):
        process = make()
        t0 = time.process_time()
        for b in blocks:
            process(b)
        best = min(best, time.process_time() - t0)
    return 1e6 * best / (len(blocks) * block / SAMPLE_RATE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    audio = np.random.default_rng(0).standard_normal(int(args.seconds * SAMPLE_RATE))
    audio = audio.astype(np.float32) * 0.1
    banks = {"speech band (1)": [butter_bandpass_sos(2, BAND_HZ, SAMPLE_RATE)],
             "sub-bands (6)": [butter_bandpass_sos(2, b, SAMPLE_RATE) for b in SUB_BANDS_HZ]}
    print(f"µs of CPU per second of audio (best of {args.repeats}, {args.seconds:g} s of noise)")
    print(f"{'filters':<16} {'block':>12} {'ours':>9} {'scipy':>9} {'ours/scipy':>11}")
    for name, bank in banks.items():
        for block in BLOCKS:
            mine = cpu_us_per_s(lambda: ours(bank), audio, block, args.repeats)
            theirs = cpu_us_per_s(lambda: scipys(bank), audio, block, args.repeats)
            label = f"{block} ({1000 * block / SAMPLE_RATE:g} ms)"
            print(f"{name:<16} {label:>12} {mine:9.0f} {theirs:9.0f} {mine / theirs:11.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
