"""How the overlay looks: calm colours, one type family, sizes from the font.

An agent looks at this all shift, so colours are muted and there is one accent per
meaning: teal for "in order", amber for "needs you now", coral for "went wrong". Every
size is a multiple of the font's line height (``Metrics``), never a pixel constant, so
the overlay scales with the desktop's DPI and font settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QWidget

import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)

FAMILIES = [
    "Microsoft YaHei UI", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei", "Segoe UI", "Noto Sans", "DejaVu Sans",
]


class Palette:
    """Class attributes only: one shared palette, read by every widget's paint code."""

    panel = QColor(30, 35, 43, 238)
    panel_edge = QColor(255, 255, 255, 28)
    card = QColor(255, 255, 255, 14)
    text = QColor(233, 237, 242)
    muted = QColor(160, 171, 184)
    faint = QColor(255, 255, 255, 40)
    ok = QColor(94, 184, 160)
    info = QColor(120, 168, 214)
    attention = QColor(232, 180, 84)
    warning = QColor(226, 124, 108)
    band = QColor(94, 184, 160, 70)


PALETTE = Palette()


def css(color: QColor) -> str:
    return f"rgba({color.red()}, {color.green()}, {color.blue()}, {color.alpha()})"


def base_font(point_size: float | None = None) -> QFont:
    font = QFont()
    font.setFamilies(FAMILIES)
    if point_size:
        font.setPointSizeF(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def scaled(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    out = QFont(font)
    out.setPointSizeF(font.pointSizeF() * factor)
    out.setBold(bold)
    return out


@dataclass(frozen=True)
class Metrics:
    """Layout units from a widget's font: ``line`` is one line of body text."""

    line: float
    char: float

    @classmethod
    def of(cls, widget: QWidget) -> Metrics:
        fm = QFontMetricsF(widget.font())
        return cls(fm.height(), fm.horizontalAdvance("中"))

    def px(self, lines: float) -> int:
        return max(1, round(self.line * lines))


STYLE = f"""
QLabel {{ color: {css(PALETTE.text)}; background: transparent; }}
QLabel[role="muted"] {{ color: {css(PALETTE.muted)}; }}
QLabel[role="caption"] {{ color: {css(PALETTE.muted)}; }}
QLabel[role="attention"] {{ color: {css(PALETTE.attention)}; }}
QLabel[role="warning"] {{ color: {css(PALETTE.warning)}; }}
QLabel[role="ok"] {{ color: {css(PALETTE.ok)}; }}
QToolTip {{ color: {css(PALETTE.text)}; background: rgb(40, 46, 56);
            border: 1px solid {css(PALETTE.faint)}; padding: 4px; }}
QPushButton[role="link"] {{ color: {css(PALETTE.info)}; background: transparent; border: none;
                            padding: 0; text-align: left; }}
QPushButton[role="link"]:hover {{ color: {css(PALETTE.text)}; }}
QPushButton[role="chip"] {{ color: {css(PALETTE.muted)}; background: {css(PALETTE.card)};
                            border: 1px solid {css(PALETTE.faint)}; border-radius: 6px;
                            padding: 1px 8px; }}
QPushButton[role="chip"]:hover {{ color: {css(PALETTE.text)}; }}
"""
