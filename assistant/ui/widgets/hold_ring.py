"""The hold countdown (第十一条(3)): a ring filling up to the next 15-second update.

While the caller waits, the ring fills in a calm blue and its centre counts the seconds
to the next update. When the update is due the whole ring turns amber and the centre
says what to do; it stays steady (no blinking) until the agent speaks or the prompt
times out, because a flashing window beside the softphone is worse than none.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from assistant.overlay.hold import RING_STEPS, HoldCountdown
from assistant.ui.i18n import Texts
from assistant.ui.theme import PALETTE, Metrics, scaled
from assistant.ui.widgets.card import Card
from assistant.ui.widgets.common import label, set_role, set_text


class HoldRing(QWidget):
    """The ring alone: ``fraction`` of the interval gone (to the nearest of ``RING_STEPS``),
    ``due`` when the update is due."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fraction = 0.0
        self.due = False
        self.centre = ""
        self.caption = ""
        self.paints = 0

    def show_value(self, fraction: float, due: bool, centre: str, caption: str) -> None:
        fraction = round(fraction * RING_STEPS) / RING_STEPS
        if (fraction, due, centre, caption) != (self.fraction, self.due, self.centre,
                                                 self.caption):
            self.fraction, self.due, self.centre, self.caption = fraction, due, centre, caption
            self.update()

    def sizeHint(self) -> QSize:
        side = Metrics.of(self).px(4.2)
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event) -> None:
        self.paints += 1
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        stroke = side * (0.11 if self.due else 0.08)
        rect = QRectF((self.width() - side) / 2 + stroke / 2,
                      (self.height() - side) / 2 + stroke / 2, side - stroke, side - stroke)
        painter.setPen(QPen(PALETTE.faint, stroke))
        painter.drawEllipse(rect)
        color = PALETTE.attention if self.due else PALETTE.info
        pen = QPen(color, stroke)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        if self.due:
            painter.drawEllipse(rect)
            fill = QColor(PALETTE.attention)
            fill.setAlpha(38)
            painter.setBrush(fill)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(rect.adjusted(stroke / 2, stroke / 2, -stroke / 2, -stroke / 2))
        elif self.fraction > 0:
            painter.drawArc(rect, 90 * 16, -round(self.fraction * 360 * 16))
        self._paint_centre(painter, rect, color)

    def _paint_centre(self, painter: QPainter, rect: QRectF, color: QColor) -> None:
        inner = rect.adjusted(rect.width() * 0.14, rect.height() * 0.14,
                              -rect.width() * 0.14, -rect.height() * 0.14)
        top = QRectF(inner.left(), inner.top(), inner.width(), inner.height() * 0.62)
        bottom = QRectF(inner.left(), top.bottom(), inner.width(), inner.height() * 0.38)
        if not self.caption:
            top = inner
        painter.setPen(color if self.due else PALETTE.text)
        painter.setFont(_fitting(scaled(self.font(), 1.9 if not self.due else 1.3, bold=True),
                                 self.centre, inner.width()))
        align = Qt.AlignmentFlag.AlignHCenter | (
            Qt.AlignmentFlag.AlignBottom if self.caption else Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(top, align, self.centre)
        if self.caption:
            painter.setPen(PALETTE.muted)
            painter.setFont(_fitting(scaled(self.font(), 0.72), self.caption,
                                     inner.width() * 1.08))
            painter.drawText(bottom, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             self.caption)


def _fitting(font: QFont, text: str, width: float) -> QFont:
    """``font``, shrunk until ``text`` fits ``width`` (a word like "Update" in the ring)."""
    fitted = QFont(font)
    size = fitted.pointSizeF()
    while size > 5 and QFontMetricsF(fitted).horizontalAdvance(text) > width:
        size *= 0.92
        fitted.setPointSizeF(size)
    return fitted


class HoldView(Card):
    """The ring with what the caller has waited and what is due."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.ring = HoldRing(self)
        self.waited = label(font=scaled(self.font(), 1.05, bold=True), wrap=True, parent=self)
        self.action = label(role="muted", wrap=True, parent=self)
        self.every = label(role="caption", font=scaled(self.font(), 0.85), parent=self)
        m = Metrics.of(self)
        text = QVBoxLayout()
        text.setSpacing(m.px(0.2))
        text.addStretch(1)
        for widget in (self.waited, self.action, self.every):
            text.addWidget(widget)
        text.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(m.px(0.5), m.px(0.5), m.px(0.6), m.px(0.5))
        row.setSpacing(m.px(0.7))
        row.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(text, 1)

    def show_hold(self, hold: HoldCountdown, texts: Texts, clause_label: str, *,
                  paused: bool = False) -> bool:
        """Show ``hold``; whether a text beside the ring changed (the card's height may
        have: the ring itself never changes it)."""
        due = hold.prompt_up and not paused
        left = hold.next_in_s
        if paused:  # nothing is timed while paused: no countdown that looks live
            centre, caption = "‖", texts("pace.paused")
        elif due:
            centre, caption = texts("hold.due_short"), ""
        elif left is None:
            centre, caption = "…", ""
        else:
            centre, caption = str(left), texts("hold.next")
        self.ring.show_value(1.0 if due else hold.fraction, due, centre, caption)
        before = (self.waited.text(), self.action.text(), self.every.text())
        set_text(self.waited, texts("hold.waited", s=hold.waited_whole_s))
        if hold.agent_talking:
            action, role = texts("hold.talking"), "muted"
        else:
            action, role = "", "muted"
        set_text(self.action, action)
        set_role(self.action, role)
        self.action.setVisible(bool(action))
        set_text(self.every, f"{texts('hold.every', s=f'{hold.interval_s:g}')} · {clause_label}")
        self.set_tint(_tint(due), PALETTE.attention if due else None)
        return before != (self.waited.text(), self.action.text(), self.every.text())


def _tint(due: bool) -> QColor:
    color = QColor(PALETTE.attention) if due else QColor(PALETTE.card)
    if due:
        color.setAlpha(26)
    return color
