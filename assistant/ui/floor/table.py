"""The floor's rows as a Qt table model over a ``FloorBoard`` (read, never kept)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)
from assistant.conduct.clauses import ClauseCatalogue
from assistant.floor.board import FloorBoard, Row
from assistant.floor.livestate import Activity
from assistant.ui.floor.texts import clock, prompt_text, state_text
from assistant.ui.i18n import Texts

COLUMNS = ("agent", "team", "state", "call", "prompt", "last")
STATE, PROMPT = COLUMNS.index("state"), COLUMNS.index("prompt")

LONG_HOLD = QColor(214, 88, 72)
HOLD = QColor(240, 186, 92)
PROMPT_UP = QColor(252, 232, 178)
CALL = QColor(170, 218, 200)
IDLE = QColor(226, 230, 235)
OFFLINE = QColor(200, 204, 210)
OFFLINE_TEXT = QColor(120, 126, 134)
SELECTED = QColor(47, 111, 176)
PLAIN = QColor(255, 255, 255)

Index = QModelIndex | QPersistentModelIndex


class FloorTable(QAbstractTableModel):
    def __init__(self, board: FloorBoard, texts: Texts, clauses: ClauseCatalogue, lang: str):
        super().__init__()
        self.board, self.texts, self.clauses, self.lang = board, texts, clauses, lang
        self.team: str | None = None
        self.rows: list[Row] = []

    def refresh(self) -> None:
        """Re-read the board: new rows, order and running seconds."""
        rows = self.board.rows(self.team)
        if [r.agent_id for r in rows] != [r.agent_id for r in self.rows]:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
        else:
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(COLUMNS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.texts(f"column.{COLUMNS[section]}")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, column = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "prompt" and row.prompt:
            return self.clauses.text(row.prompt.clause, self.lang)
        if role == Qt.ItemDataRole.ToolTipRole and column == "last" and row.last_session:
            return row.last_session
        if role == Qt.ItemDataRole.BackgroundRole:
            return _background(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.activity is Activity.OFFLINE:
                return QBrush(OFFLINE_TEXT)
            if row.long_hold and column == "state":
                return QBrush(QColor(255, 255, 255))
        if role == Qt.ItemDataRole.FontRole and column == "state" and \
                row.activity is Activity.HOLD:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row.agent_id
        return None

    def _text(self, row: Row, column: str) -> str:
        if column == "agent":
            return row.name if row.name == row.agent_id else f"{row.name}  ({row.agent_id})"
        if column == "team":
            return row.team
        if column == "state":
            return state_text(self.texts, row, self.board.long_hold_s)
        if column == "call":
            return clock(row.call_s)
        if column == "prompt":
            return prompt_text(row, self.clauses, self.lang)
        return self.texts("last.replay") if row.last_session else self.texts("last.none")


class SelectionFrame(QStyledItemDelegate):
    """A selected row keeps its state colours (a red long hold stays red) inside a frame."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        plain.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            painter.setPen(QPen(SELECTED, 2))
            rect = option.rect.adjusted(0, 1, 0, -1)
            painter.drawLine(rect.topLeft(), rect.topRight())
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())
            if index.column() == 0:
                painter.drawLine(rect.topLeft(), rect.bottomLeft())
            if index.column() == len(COLUMNS) - 1:
                painter.drawLine(rect.topRight(), rect.bottomRight())
            painter.restore()


def _background(row: Row, column: str) -> QBrush:
    if row.activity is Activity.OFFLINE:
        return QBrush(OFFLINE)
    if column == "state":
        if row.long_hold:
            return QBrush(LONG_HOLD)
        return QBrush({Activity.HOLD: HOLD, Activity.CALL: CALL}.get(row.activity, IDLE))
    if column == "prompt" and row.prompt is not None:
        return QBrush(PROMPT_UP)
    return QBrush(PLAIN)  # also under the selection frame, where the view would paint its own
