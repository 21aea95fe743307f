"""The pace gauge (第五条 语速与对方相符): where the agent's pace sits against the caller's.

A horizontal scale of syllables per minute with the band the agent belongs in shaded
(the caller's pace ± the pack's ratio band, or the pack's absolute band while the
caller's pace is unknown). The caller is a ring on the scale, the agent a dot: in step,
the dot sits inside the ring. The dot is teal inside the band, amber outside it, coral
once the rule has warned. Numbers below say the same for anyone who prefers to read.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from assistant.ground.events import Channel
from assistant.overlay.pace import PaceMeter
from assistant.ui.i18n import Texts
from assistant.ui.theme import PALETTE, Metrics, scaled
from assistant.ui.widgets.card import Card
from assistant.ui.widgets.common import label, set_role, set_text


class PaceScale(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.values: tuple = ()
        self.paints = 0

    def show_values(self, scale: tuple[float, float], band: tuple[float, float],
                    agent: float | None, caller: float | None, color: QColor) -> None:
        values = (tuple(round(v) for v in scale), tuple(round(v) for v in band),
                  None if agent is None else round(agent), None if caller is None else
                  round(caller), color.rgba())
        if values != self.values:
            self.values = values
            self.update()

    def sizeHint(self) -> QSize:
        m = Metrics.of(self)
        return QSize(m.px(12), m.px(1.5))

    def minimumSizeHint(self) -> QSize:
        m = Metrics.of(self)
        return QSize(m.px(6), m.px(1.5))

    def paintEvent(self, event) -> None:
        self.paints += 1
        if not self.values:
            return
        (low, high), (band_low, band_high), agent, caller, rgba = self.values
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        h, w = float(self.height()), float(self.width())
        left, right = h * 0.35, w - h * 0.35
        y = h / 2
        track = h * 0.16

        def x(value: float) -> float:
            return left + (right - left) * (min(max(value, low), high) - low) / max(high - low, 1)

        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(PALETTE.faint)
        painter.drawRoundedRect(QRectF(left, y - track / 2, right - left, track),
                                track / 2, track / 2)
        painter.setBrush(PALETTE.band)
        painter.drawRoundedRect(QRectF(x(band_low), y - track, x(band_high) - x(band_low),
                                       track * 2), track, track)
        if caller is not None:
            ring = h * 0.3
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(PALETTE.text, max(1.5, h * 0.07)))
            painter.drawEllipse(QPointF(x(caller), y), ring, ring)
        if agent is not None:
            dot = h * 0.17
            painter.setPen(QPen(PALETTE.panel, max(1.0, h * 0.04)))
            painter.setBrush(QColor.fromRgba(rgba))
            painter.drawEllipse(QPointF(x(agent), y), dot, dot)


class PaceView(Card):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        small = scaled(self.font(), 0.85)
        self.title = label(role="caption", font=small, parent=self)
        self.verdict = label(font=small, parent=self)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.scale = PaceScale(self)
        self.agent = label(parent=self)
        self.caller = label(role="muted", parent=self)
        self.caller.setAlignment(Qt.AlignmentFlag.AlignRight)
        m = Metrics.of(self)
        top, bottom = QHBoxLayout(), QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.verdict)
        bottom.addWidget(self.agent)
        bottom.addStretch(1)
        bottom.addWidget(self.caller)
        column = QVBoxLayout(self)
        column.setContentsMargins(m.px(0.6), m.px(0.4), m.px(0.6), m.px(0.45))
        column.setSpacing(m.px(0.1))
        column.addLayout(top)
        column.addWidget(self.scale)
        column.addLayout(bottom)

    def show_pace(self, pace: PaceMeter, texts: Texts, unit_key: str, clause_label: str, *,
                  paused: bool = False) -> None:
        unit = texts(unit_key)
        agent, caller = pace.usable(Channel.AGENT), pace.usable(Channel.CALLER)
        if paused:  # nothing is measured while paused: no reading is the pace now
            agent = caller = None
        color = PALETTE.warning if pace.warning else (
            PALETTE.attention if pace.direction else PALETTE.ok)
        self.scale.show_values(pace.scale, pace.band, agent, caller, color)
        set_text(self.title, f"{texts('pace.title')} · {clause_label}")
        set_text(self.agent, f"● {texts('pace.you')} {_spm(agent)}")
        set_role(self.agent, "muted" if agent is None else "warning" if pace.warning
                 else "attention" if pace.direction else "ok")
        set_text(self.caller, f"○ {texts('pace.caller')} {_spm(caller)} {unit}")
        if paused:
            verdict, role = texts("pace.paused"), "muted"
        elif agent is None:
            verdict, role = texts("pace.measuring"), "muted"
        elif pace.direction:
            words = ("pace.fast", "pace.slow") if pace.relative else ("pace.too_fast",
                                                                     "pace.too_slow")
            verdict = texts(words[0] if pace.direction > 0 else words[1])
            role = "warning" if pace.warning else "attention"
        else:
            verdict, role = texts("pace.in_step" if pace.relative else "pace.in_range"), "ok"
        set_text(self.verdict, verdict)
        set_role(self.verdict, role)
        low, high = pace.band
        self.setToolTip(texts("pace.band", low=f"{low:.0f}", high=f"{high:.0f}") + f" {unit}")
        self.set_tint(PALETTE.card, PALETTE.warning if pace.warning else None)


def _spm(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"
