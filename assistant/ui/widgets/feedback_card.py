"""The after-call feedback card: the last call's misses with their clause and standard
wording, and what went well; dismissed by the agent, gone when the next call starts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from assistant.overlay.feedback import AfterCallFeedback, FeedbackItem
from assistant.ui.i18n import Texts
from assistant.ui.theme import PALETTE, Metrics, scaled
from assistant.ui.widgets.card import Card
from assistant.ui.widgets.common import label, mouse_button, set_text

MAX_MISSED_SHOWN = 4


class FeedbackCardView(Card):
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        small = scaled(self.font(), 0.85)
        self.caption = label(role="caption", font=small, parent=self)
        self.dismiss = mouse_button(parent=self)
        self.dismiss.setFont(small)
        self.dismiss.clicked.connect(self.dismissed)
        self.rows = QVBoxLayout()
        self.well = label(role="ok", wrap=True, font=small, parent=self)
        self.unchecked = label(role="muted", wrap=True, font=small, parent=self)
        m = Metrics.of(self)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignRight)
        column = QVBoxLayout(self)
        column.setContentsMargins(m.px(0.6), m.px(0.4), m.px(0.6), m.px(0.5))
        column.setSpacing(m.px(0.2))
        column.addLayout(top)
        column.addLayout(self.rows)
        column.addWidget(self.well)
        column.addWidget(self.unchecked)
        self.missed_labels: list[tuple[QWidget, QWidget]] = []

    def show_feedback(self, feedback: AfterCallFeedback, texts: Texts) -> None:
        set_text(self.caption, texts("feedback.title"))
        set_text(self.dismiss, texts("feedback.dismiss"))
        self._show_missed(feedback.missed[:MAX_MISSED_SHOWN], texts)
        names = texts.join([texts(f"rule.{item.rule}") for item in feedback.went_well])
        set_text(self.well, texts("feedback.went_well", checks=names) if names else "")
        self.well.setVisible(bool(names))
        set_text(self.unchecked, texts("feedback.not_checked", n=feedback.not_checked)
                 if feedback.not_checked else "")
        self.unchecked.setVisible(bool(feedback.not_checked))
        self.set_tint(PALETTE.card, PALETTE.attention if feedback.missed else None)

    def _show_missed(self, missed: tuple[FeedbackItem, ...], texts: Texts) -> None:
        for head, say in self.missed_labels:
            self.rows.removeWidget(head)
            self.rows.removeWidget(say)
            head.deleteLater()
            say.deleteLater()
        self.missed_labels = []
        if not missed:
            none = label(texts("feedback.missed_none"), role="ok", wrap=True, parent=self)
            spacer = label("", parent=self)
            spacer.hide()
            self.rows.addWidget(none)
            self.missed_labels.append((none, spacer))
            return
        for item in missed:
            head = label(f"✗ {texts(f'rule.{item.rule}')} · {item.clause_label}",
                         role="attention", wrap=True, parent=self)
            head.setToolTip(item.clause_text)
            wording = item.wording[:1].upper() + item.wording[1:] if item.wording[:1].isascii() \
                else item.wording  # pack phrases are lower case for the recogniser
            lines = [texts("feedback.say", wording=wording)] if wording else []
            if item.detail:
                lines.append(item.detail)
            say = label("\n".join(lines), wrap=True, font=scaled(self.font(), 0.9), parent=self)
            say.setVisible(bool(lines))
            self.rows.addWidget(head)
            self.rows.addWidget(say)
            self.missed_labels.append((head, say))
