"""CPU share of the pipeline while nobody speaks (between calls, a silent lookup), with the
grammar recognisers on both channels, fed around speech only (the default) and fed
everything.

    python3 bench/idle_line.py [--minutes 10]

An agent's app listens all shift and most of a shift is silence, so this is the figure a
weak desktop feels most. The line carries low noise (-55 dBFS), as a real headset does.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import assistant  # noqa: E402,F401  (the app's process settings, made before numpy loads)
import numpy as np  # noqa: E402

from assistant.audio.block import BLOCK_SAMPLES, Block
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.engine.calls import Call, hear
from assistant.speech import recogniser


def cpu_share(noise: np.ndarray, mode: str, gated: bool) -> float:
    recogniser.VoskRecogniser.skips_silence = gated
    pack = load_pack(default_pack_path("ko"))
    line = Call(pack, hear(pack, mode=mode, has_caller=True), has_caller=True,
                started=False)  # an idle line: no call has begun
    started = time.process_time()
    for start in range(0, len(noise) - BLOCK_SAMPLES + 1, BLOCK_SAMPLES):
        block = noise[start:start + BLOCK_SAMPLES]
        line.feed(Block(start, block, block))
    line.finish()
    return (time.process_time() - started) / (len(noise) / 16_000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    noise = (rng.standard_normal(int(args.minutes * 60 * 16_000)) * 10 ** (-55 / 20)
             ).astype(np.float32)
    off = cpu_share(noise, "off", True)
    gated = cpu_share(noise, "grammar", True)
    ungated = cpu_share(noise, "grammar", False)
    print(f"{args.minutes:.0f} min of a silent line, both channels:")
    print(f"  acoustic only                     {100 * off:5.2f} % of one core")
    print(f"  grammar recognisers, gated        {100 * gated:5.2f} %")
    print(f"  grammar recognisers, fed all      {100 * ungated:5.2f} %  "
          f"(gating saves {ungated / max(gated, 1e-9):.0f}x)")


if __name__ == "__main__":
    main()
