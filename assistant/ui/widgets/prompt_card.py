"""One prompt at a time, with the clause it enforces and a "why am I seeing this" panel.

The clause label (``第十一条(3)``) is a chip: hovering shows the clause text, clicking it
(or "why?") opens the panel with the code's title and the clause in full. When the
prompt is resolved the card fades out instead of vanishing, so the agent sees that the
prompt went away because they complied, not because something broke.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsOpacityEffect, QHBoxLayout, QVBoxLayout, QWidget

from assistant.ground.events import Prompt, Severity
from assistant.ui.i18n import Texts
from assistant.ui.theme import PALETTE, Metrics, scaled
from assistant.ui.widgets.card import Card
from assistant.ui.widgets.common import label, mouse_button, set_text

FADE_MS = 700


class PromptCard(Card):
    faded = Signal()
    why_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.prompt: Prompt | None = None
        self.leaving = False
        self.chip = mouse_button(role="chip", parent=self)
        self.chip.setFont(scaled(self.font(), 0.85))
        self.why = mouse_button(parent=self)
        self.why.setFont(scaled(self.font(), 0.85))
        self.text = label(font=scaled(self.font(), 1.12, bold=True), wrap=True, parent=self)
        self.panel_title = label(role="caption", font=scaled(self.font(), 0.8), wrap=True,
                                 parent=self)
        self.panel_text = label(role="muted", wrap=True, parent=self)
        self.panel = QWidget(self)
        self.panel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        panel = QVBoxLayout(self.panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.setSpacing(Metrics.of(self).px(0.1))
        panel.addWidget(self.panel_title)
        panel.addWidget(self.panel_text)
        self.panel.hide()
        self._layout()
        self.chip.clicked.connect(self.toggle_why)
        self.why.clicked.connect(self.toggle_why)
        self.effect = QGraphicsOpacityEffect(self)
        self.effect.setOpacity(1.0)
        self.effect.setEnabled(False)
        self.setGraphicsEffect(self.effect)
        self.fade = QPropertyAnimation(self.effect, b"opacity", self)
        self.fade.setDuration(FADE_MS)
        self.fade.setStartValue(1.0)
        self.fade.setEndValue(0.0)
        self.fade.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self.fade.finished.connect(self._faded)

    def _layout(self) -> None:
        m = Metrics.of(self)
        top = QHBoxLayout()
        top.setSpacing(m.px(0.4))
        top.addWidget(self.chip)
        top.addStretch(1)
        top.addWidget(self.why)
        column = QVBoxLayout(self)
        column.setContentsMargins(m.px(0.8), m.px(0.45), m.px(0.6), m.px(0.55))
        column.setSpacing(m.px(0.3))
        column.addLayout(top)
        column.addWidget(self.text)
        column.addWidget(self.panel)

    # --- what the overlay calls --------------------------------------------------------

    def show_prompt(self, prompt: Prompt, clause_label: str, clause_text: str,
                    code_title: str, texts: Texts) -> None:
        if self.leaving:
            self.fade.stop()
            self.leaving = False
        self.effect.setEnabled(False)
        self.effect.setOpacity(1.0)
        self.prompt = prompt
        set_text(self.chip, clause_label)
        self.chip.setToolTip(clause_text)
        set_text(self.why, texts("prompt.why"))
        set_text(self.text, prompt.text)
        set_text(self.panel_title,
                 f"{texts('prompt.why_title')} — {texts('prompt.clause', code=code_title, label=clause_label)}")
        set_text(self.panel_text, clause_text)
        self.set_tint(_tint(prompt), _accent(prompt))
        self.show()

    def leave(self) -> None:
        """The prompt was resolved: fade out, then hide."""
        if self.leaving or not self.isVisible():
            return
        self.leaving = True
        self.effect.setEnabled(True)
        self.fade.start()

    def set_why_open(self, open_: bool) -> None:
        if self.panel.isVisible() != open_:
            self.panel.setVisible(open_)
            self.why_toggled.emit(open_)

    def toggle_why(self) -> None:
        self.set_why_open(not self.panel.isVisible())

    def _faded(self) -> None:
        if self.leaving:
            self.leaving = False
            self.prompt = None
            self.hide()
            self.effect.setEnabled(False)
            self.effect.setOpacity(1.0)
            self.faded.emit()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.prompt is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        m = Metrics.of(self)
        bar = max(3.0, m.line * 0.18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_accent(self.prompt))
        painter.drawRoundedRect(QRectF(m.line * 0.3, m.line * 0.45, bar,
                                       self.height() - m.line * 0.9), bar / 2, bar / 2)


def _accent(prompt: Prompt) -> QColor:
    return PALETTE.attention if prompt.severity is Severity.WARNING else PALETTE.info


def _tint(prompt: Prompt) -> QColor:
    color = QColor(_accent(prompt))
    color.setAlpha(22)
    return color
