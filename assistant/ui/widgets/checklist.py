"""The closing checklist (第十一条(4)): ticks itself as items are heard; click to tick by hand.

Each row is mouse-only: a click toggles the item and nothing takes keyboard focus, so
the agent can tick while still typing in the CRM. A tick shows where it came from
(heard / by hand) so nobody mistakes a hand tick for a heard one.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from assistant.overlay.closing import Checklist, Item, Mark
from assistant.ui.i18n import Texts
from assistant.ui.theme import PALETTE, Metrics, scaled
from assistant.ui.widgets.card import Card
from assistant.ui.widgets.common import label, set_role, set_text


class CheckMark(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.mark = Mark.OPEN
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_mark(self, mark: Mark) -> None:
        if mark is not self.mark:
            self.mark = mark
            self.update()

    def sizeHint(self) -> QSize:
        side = Metrics.of(self).px(1.0)
        return QSize(side, side)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) * 0.86
        rect = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        pen_width = max(1.4, side * 0.09)
        if self.mark is Mark.OPEN:
            painter.setPen(QPen(PALETTE.muted, pen_width))
            painter.drawEllipse(rect.adjusted(pen_width, pen_width, -pen_width, -pen_width))
            return
        color = PALETTE.warning if self.mark is Mark.MISSED else PALETTE.ok
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(rect)
        pen = QPen(PALETTE.panel, pen_width * 1.3)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        c, s = rect.center(), side
        if self.mark is Mark.MISSED:
            painter.drawLine(c.x() - s * .2, c.y() - s * .2, c.x() + s * .2, c.y() + s * .2)
            painter.drawLine(c.x() - s * .2, c.y() + s * .2, c.x() + s * .2, c.y() - s * .2)
        else:
            painter.drawPolyline([c + _p(-.22, .02, s), c + _p(-.06, .18, s),
                                  c + _p(.24, -.16, s)])


def _p(dx: float, dy: float, side: float) -> QPointF:
    return QPointF(dx * side, dy * side)


class ChecklistRow(QWidget):
    clicked = Signal(object)

    def __init__(self, item: Item, parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.check = CheckMark(self)
        self.text = label(parent=self)
        self.source = label(role="caption", font=scaled(self.font(), 0.8), parent=self)
        for child in (self.text, self.source):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(Metrics.of(self).px(0.35))
        row.addWidget(self.check)
        row.addWidget(self.text, 1)
        row.addWidget(self.source)

    def show_mark(self, mark: Mark, texts: Texts) -> None:
        self.check.set_mark(mark)
        set_text(self.text, texts(f"checklist.{self.item.value}"))
        set_role(self.text, "muted" if mark is Mark.OPEN else "")
        source = {Mark.HEARD: "checklist.heard", Mark.MANUAL: "checklist.manual",
                  Mark.MISSED: "checklist.missed"}.get(mark)
        set_text(self.source, texts(source) if source else "")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit(self.item)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # a click on a row ticks it; it does not start dragging the window


class ChecklistView(Card):
    toggled = Signal(object)
    """An item was clicked; the receiver toggles it in the state."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = label(role="caption", font=scaled(self.font(), 0.85), parent=self)
        self.count = label(role="caption", font=scaled(self.font(), 0.85), parent=self)
        self.hint = label(role="caption", font=scaled(self.font(), 0.75), parent=self)
        self.rows = {item: ChecklistRow(item, self) for item in Item}
        m = Metrics.of(self)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.count)
        column = QVBoxLayout(self)
        column.setContentsMargins(m.px(0.6), m.px(0.4), m.px(0.6), m.px(0.45))
        column.setSpacing(m.px(0.2))
        column.addLayout(top)
        for row in self.rows.values():
            row.clicked.connect(self.toggled)
            column.addWidget(row)
        column.addWidget(self.hint)

    def show_checklist(self, checklist: Checklist, texts: Texts, clause_label: str) -> None:
        set_text(self.title, f"{texts('checklist.title')} · {clause_label}")
        set_text(self.count, f"{checklist.done_count}/{len(self.rows)}")
        set_text(self.hint, texts("checklist.hint"))
        for item, row in self.rows.items():
            row.show_mark(checklist.marks[item], texts)
