"""Keeps a PySide6 binding that drops references to ``None``/``True``/``False`` from
crashing the overlay. Import it before using Qt (the UI modules do).

PySide6-Essentials 6.12.0 on CPython 3.10/3.11 loses one reference to ``None`` on most
void method calls (``setText``, ``setVisible``, a Python ``paintEvent``, a posted event)
and one to ``True`` on every Python ``Signal.emit()``. From CPython 3.12 these singletons
are immortal and nothing happens; before 3.12 their counts run down and the interpreter
aborts ("none_dealloc: deallocating None") after some ten thousand calls: minutes for
an overlay that repaints all shift.

The guard probes the binding once. If it drops references, it makes the three
singletons immortal the way CPython 3.12 does: a reference count so high that no run
of calls can exhaust it (they are never freed anyway; freeing one is a fatal error). On
a sound binding, or Python 3.12+, it does nothing. The real fix is a binding without
the bug (PySide6 other than 6.12.0, or Python 3.12+); ``GUARDED`` says whether it acted.
"""

from __future__ import annotations

import ctypes
import sys

_PROBE_CALLS = 64
_IMMORTAL = 1 << 60


def binding_drops_references() -> bool:
    """Whether void calls into the running PySide6 lose references to ``None``."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    for _ in range(max(0, lost)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return lost >= _PROBE_CALLS // 2


def _immortalise(obj: object) -> bool:
    cell = ctypes.c_ssize_t.from_address(id(obj))
    if abs(cell.value - (sys.getrefcount(obj) - 1)) > 2:
        return False  # not the object layout this relies on (a debug build): leave it
    cell.value += _IMMORTAL
    return True


def _guard() -> bool:
    if not binding_drops_references():
        return False
    return all([_immortalise(None), _immortalise(True), _immortalise(False)])


GUARDED = _guard()
