"""The overlay's top line: listening dot, call phase, call timer, compact/expanded switch."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QWidget

from assistant.ui.theme import Metrics, scaled
from assistant.ui.widgets.common import clock, label, mouse_button, set_text


class StatusDot(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.color = QColor(128, 128, 128)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_color(self, color: QColor) -> None:
        if color != self.color:
            self.color = QColor(color)
            self.update()

    def sizeHint(self) -> QSize:
        side = Metrics.of(self).px(0.6)
        return QSize(side, side)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.color)
        painter.drawEllipse(QRectF((self.width() - side) / 2, (self.height() - side) / 2,
                                   side, side))


class HeaderBar(QWidget):
    mode_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dot = StatusDot(self)
        self.phase = label(font=scaled(self.font(), 1.1, bold=True), parent=self)
        self.listening = label(role="caption", font=scaled(self.font(), 0.85), parent=self)
        self.timer = label(font=scaled(self.font(), 1.1, bold=True), parent=self)
        self.timer.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.mode = mouse_button(parent=self)
        self.mode.setFont(scaled(self.font(), 0.85))
        self.mode.clicked.connect(self.mode_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(Metrics.of(self).px(0.4))
        row.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.phase)
        row.addWidget(self.listening, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        row.addWidget(self.timer)
        row.addWidget(self.mode, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_phase(self, text: str, listening: str, color: QColor) -> None:
        set_text(self.phase, text)
        set_text(self.listening, listening)
        self.dot.set_color(color)

    def show_timer(self, seconds: float | None, *, paused: bool = False) -> None:
        """The call's audio time; frozen and marked ‖ while listening is paused."""
        text = clock(seconds) if seconds is not None else ""
        set_text(self.timer, f"‖ {text}" if paused and text else text)

    def set_mode_text(self, text: str) -> None:
        set_text(self.mode, text)
