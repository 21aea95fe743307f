"""Runtime hook: let sounddevice find the PortAudio the bundle carries.

On Linux sounddevice asks ``ctypes.util.find_library("portaudio")``, which only looks at the
system's linker cache, so a machine without libportaudio2 would fail even though the bundle
has ``libportaudio.so.2`` next to the other libraries. Prefer the bundled copy.
"""

import ctypes.util
import glob
import os
import sys

_BUNDLE = getattr(sys, "_MEIPASS", None)
_system_find_library = ctypes.util.find_library


def _find_library(name):
    if _BUNDLE and sys.platform.startswith("linux"):
        for path in sorted(glob.glob(os.path.join(_BUNDLE, f"lib{name}.so*"))):
            return path
    return _system_find_library(name)


ctypes.util.find_library = _find_library
