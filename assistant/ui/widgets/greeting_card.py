"""The greeting card: the opening line to say, ready as the call starts (第十一条(2))."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from assistant.overlay.greeting import GreetingCard
from assistant.ui.i18n import Texts
from assistant.ui.theme import Metrics, scaled
from assistant.ui.widgets.card import Card
from assistant.ui.widgets.common import label, set_text


class GreetingCardView(Card):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = label(role="caption", font=scaled(self.font(), 0.85), parent=self)
        self.greeting = label(font=scaled(self.font(), 1.6, bold=True), parent=self)
        self.intro = label(wrap=True, parent=self)
        self.missing = label(role="attention", wrap=True, font=scaled(self.font(), 0.85),
                             parent=self)
        column = QVBoxLayout(self)
        m = Metrics.of(self)
        column.setContentsMargins(m.px(0.6), m.px(0.4), m.px(0.6), m.px(0.5))
        column.setSpacing(m.px(0.15))
        for widget in (self.caption, self.greeting, self.intro, self.missing):
            column.addWidget(widget)
        self.greeting.setAlignment(Qt.AlignmentFlag.AlignLeft)

    def show_card(self, card: GreetingCard, texts: Texts, clause_label: str) -> None:
        part = texts(f"greeting.{card.part_of_day}") if card.part_of_day else ""
        caption = " · ".join(x for x in (texts("greeting.title"), part, clause_label) if x)
        set_text(self.caption, caption)
        set_text(self.greeting, _sentence(card.greeting))
        set_text(self.intro, _sentence(card.intro))
        set_text(self.missing, texts("greeting.missing") if card.profile_missing else "")
        self.missing.setVisible(card.profile_missing)


def _sentence(text: str) -> str:
    """Pack phrases are lower case for the recogniser; a card shows them as sentences."""
    return text[:1].upper() + text[1:] if text[:1].isascii() else text
