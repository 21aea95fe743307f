"""Which installed font can draw Chinese, for the report's plots and its PDF.

Clause texts are always shown in the original Chinese, so every report needs a CJK font:
without one, matplotlib and the PDF writer draw empty boxes ("tofu") where the characters
should be. We look for well-known CJK families through matplotlib's font manager (it
scans the system font folders on Linux, Windows and macOS alike) and say what to install
when none is there, rather than writing a report nobody can read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

CJK_FAMILIES = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Droid Sans Fallback",
    "AR PL UMing CN",
)
"""Preferred first: sans-serif faces that read well at small sizes on screen and paper."""

INSTALL_HINT = ("install a Chinese font, e.g. `apt-get install fonts-wqy-microhei` on "
                "Debian/Ubuntu (Windows and macOS ship one)")


class FontMissing(Exception):
    """No installed font can draw Chinese; the message says what to install."""


@dataclass(frozen=True)
class CjkFont:
    family: str
    path: Path
    index: int = 0
    """Face number inside a TrueType collection (``.ttc``)."""


@cache
def cjk_font() -> CjkFont:
    from matplotlib import font_manager

    by_family: dict[str, list] = {}
    for entry in font_manager.fontManager.ttflist:
        by_family.setdefault(entry.name, []).append(entry)
    for family in CJK_FAMILIES:
        entries = by_family.get(family)
        if entries:
            regular = min(entries, key=lambda e: (e.weight != 400 and e.weight != "normal",
                                                  e.style != "normal"))
            return CjkFont(family, Path(regular.fname), _face_index(regular))
    raise FontMissing(f"no font that can draw Chinese was found: {INSTALL_HINT}")


def _face_index(entry: object) -> int:
    """matplotlib ≥ 3.10 records the face of a collection; older ones use face 0."""
    return int(getattr(entry, "index", 0) or 0)
