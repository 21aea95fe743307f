"""A softly tinted rounded panel that groups one part of the overlay."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from assistant.ui.theme import PALETTE, Metrics


class Card(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fill = QColor(PALETTE.card)
        self.edge: QColor | None = None

    def set_tint(self, fill: QColor, edge: QColor | None = None) -> None:
        if fill != self.fill or edge != self.edge:
            self.fill, self.edge = QColor(fill), QColor(edge) if edge else None
            self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = Metrics.of(self).line * 0.45
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setBrush(self.fill)
        painter.setPen(QPen(self.edge, 1.2) if self.edge else Qt.PenStyle.NoPen)
        painter.drawRoundedRect(rect, radius, radius)
