"""Process-wide settings the package makes before numpy loads (see assistant/__init__.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

COUNT = "import os, numpy; numpy.ones((64, 64)) @ numpy.ones((64, 64)); " \
        "print(len(os.listdir('/proc/self/task')))"
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")
"""OpenBLAS reads the first of these that is set (a test run may have OMP's set)."""


def threads(code: str, **env: str) -> int:
    clean = {k: v for k, v in os.environ.items() if k not in BLAS_THREADS}
    out = subprocess.run([sys.executable, "-c", code], env={**clean, **env}, check=True,
                         capture_output=True, text=True)
    return int(out.stdout.split()[-1])


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
def test_numpy_under_the_app_keeps_one_blas_thread_unless_the_user_asks_for_more():
    alone = threads(COUNT)
    if alone == 1:
        pytest.skip("this numpy's BLAS starts no threads on this machine")
    assert threads("import assistant; " + COUNT) == 1
    assert threads("import assistant; " + COUNT, OPENBLAS_NUM_THREADS="2") == 2  # main + 1
    assert threads("import assistant; " + COUNT, OMP_NUM_THREADS="2") == 2  # not overruled
