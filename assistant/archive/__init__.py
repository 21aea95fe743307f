"""Many recorded calls analysed at once: a local process pool (``batch``)."""
