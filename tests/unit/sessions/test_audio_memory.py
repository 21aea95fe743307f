"""Compressing a long call's audio does not hold the call in memory."""

from __future__ import annotations

import subprocess
import sys

CHILD = r"""
import resource, sys
from pathlib import Path
import numpy as np
from assistant.sessions.store.audio import PartialWriter, convert
folder = Path(sys.argv[1])
writer = PartialWriter(folder / "call.flac.partial", channels=2)
block = (0.1 * np.sin(np.arange(16000 * 60) / 7)).astype(np.float32)
for _ in range(int(sys.argv[2])):
    writer.write(block, block)
    writer.flush()
writer.close()
del block
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
convert(folder / "call.flac.partial", folder / "call.flac")
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((after - before) / 1024)
"""


def test_compressing_20_minutes_of_audio_takes_little_memory(tmp_path):
    done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path), "20"],
                          capture_output=True, text=True, timeout=300, check=True)
    grew_mb = float(done.stdout.strip())
    assert (tmp_path / "call.flac").exists()
    assert grew_mb < 20, f"{grew_mb:.0f} MB for a 77 MB partial file"
