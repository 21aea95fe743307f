"""Entry point of the PyInstaller bundle: the same `assistant` command as the console script."""

import multiprocessing
import sys

from assistant.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
