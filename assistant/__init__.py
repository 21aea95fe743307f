"""Real-time etiquette assistant for call-centre agents."""

import os

__version__ = "0.1.0"

# numpy's OpenBLAS keeps a second thread that spins between the app's small matrix products
# (the band filters' chunk products, Whisper's mel filters): 2.4 % of a core live, for no
# speed-up at these sizes (bench/overlay_live.py, "by thread"). One thread, unless the user
# says otherwise in any variable OpenBLAS reads (it takes the first set of these, so setting
# ours over a user's OMP_NUM_THREADS would overrule it); set here, before numpy is first
# imported, since every entry point (the command, the bundle, the benchmarks) comes through
# this package.
if not any(os.environ.get(name) for name in
           ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")):
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
