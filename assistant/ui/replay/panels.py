"""The replay window's lists: transcript, prompts, scorecard, notes, pack comparison.

Each is a thin view over the replay model that says what was clicked (a time to seek to,
a prompt to jump to, a note to add or delete) and lets the window do it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.conduct.details import resolution_text
from assistant.ground.events import Channel, Status
from assistant.sessions.replay.rerun import Change, PackDiff
from assistant.sessions.replay.timeline import ReplayModel
from assistant.ui.widgets.common import clock

T_ROLE = Qt.ItemDataRole.UserRole
INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLORS = {Status.MET: QColor(46, 139, 110), Status.MISSED: QColor(196, 72, 58),
                 Status.NOT_CHECKED: QColor(176, 120, 20),
                 Status.NOT_APPLICABLE: QColor(120, 126, 136)}
CHANGE_COLORS = {Change.ADDED: QColor(132, 84, 200), Change.REMOVED: QColor(110, 114, 124),
                 Change.CHANGED: QColor(176, 120, 20)}

Texts = Callable[..., str]


def _empty(texts: Texts, key: str) -> QListWidgetItem:
    item = QListWidgetItem(texts(key))
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    return item


class TimedList(QListWidget):
    """A list whose rows are moments of the call; clicking one asks to go there."""

    seek_requested = Signal(float)
    index_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.itemClicked.connect(self._clicked)

    def add_timed(self, text: str, t: float, index: int, color: QColor | None = None) -> None:
        item = QListWidgetItem(text)
        item.setData(T_ROLE, t)
        item.setData(INDEX_ROLE, index)
        if color is not None:
            item.setForeground(QBrush(color))
        self.addItem(item)

    def _clicked(self, item: QListWidgetItem) -> None:
        t = item.data(T_ROLE)
        if t is None:
            return
        self.index_clicked.emit(int(item.data(INDEX_ROLE)))
        self.seek_requested.emit(float(t))

    def highlight(self, row: int | None) -> None:
        """Follow the playhead without sending a seek back."""
        if row is None or row >= self.count():
            self.clearSelection()
            return
        if self.currentRow() != row:
            self.blockSignals(True)
            self.setCurrentRow(row)
            self.blockSignals(False)
            self.scrollToItem(self.item(row), QAbstractItemView.ScrollHint.EnsureVisible)


def fill_transcript(view: TimedList, model: ReplayModel, texts: Texts) -> None:
    view.clear()
    if not model.transcript:
        view.addItem(_empty(texts, "transcript.empty"))
    for i, line in enumerate(model.transcript):
        who = texts(f"lane.{line.channel.value}")
        color = QColor(46, 139, 110) if line.channel is Channel.AGENT else QColor(52, 104, 160)
        key = "transcript.hits" if line.grammar else "transcript.line"
        view.add_timed(texts(key, t=clock(line.start), who=who, text=line.text),
                       line.start, i, color)


def fill_prompts(view: TimedList, model: ReplayModel, texts: Texts) -> None:
    view.clear()
    if not model.prompts:
        view.addItem(_empty(texts, "prompts.empty"))
    for i, m in enumerate(model.prompts):
        why = resolution_text(m.resolution, texts.lang)
        gone = texts("prompts.resolved", t=clock(m.resolved_t), why=why) \
            if m.resolved_t is not None else texts("prompts.open")
        text = texts("prompts.line", t=clock(m.t), clause=model.clause_label(m.clause),
                     text=m.text)
        view.add_timed(f"{text}\n    {gone}", m.t, i)


class ScoreTable(QTableWidget):
    """One row per rule, under its clause; the result coloured, with when it happened."""

    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 5, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.cellClicked.connect(self._clicked)
        self._times: list[tuple[float, ...]] = []

    def fill(self, model: ReplayModel, texts: Texts) -> None:
        self.setHorizontalHeaderLabels([texts(f"score.{k}") for k in
                                        ("clause", "rule", "status", "times", "detail")])
        self.setRowCount(len(model.scores))
        self._times = []
        for row, score in enumerate(model.scores):
            cells = [score.clause_label, texts(f"rule.{score.rule}"),
                     texts(f"status.{score.status.value}"),
                     " ".join(clock(t) for t in score.times[:6])
                     + (" …" if len(score.times) > 6 else ""), score.detail]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setToolTip(score.clause_text)
                if column == 2:
                    item.setForeground(QBrush(STATUS_COLORS[score.status]))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(row, column, item)
            self._times.append(score.times)
        self.resizeRowsToContents()

    def _clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._times) and self._times[row]:
            self.seek_requested.emit(float(self._times[row][0]))


class NotesPanel(QWidget):
    """The trainer's notes: listed by time, added at the playhead, deleted by selection."""

    add_requested = Signal(str)
    delete_requested = Signal(int)
    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = TimedList(self)
        self.edit = QLineEdit(self)
        self.add = QPushButton(self)
        self.delete = QPushButton(self)
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.add)
        row.addWidget(self.delete)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.list, 1)
        self.add.clicked.connect(self._add)
        self.edit.returnPressed.connect(self._add)
        self.delete.clicked.connect(self._delete)
        self.list.seek_requested.connect(self.seek_requested)

    def set_texts(self, texts: Texts, playhead: float) -> None:
        self.add.setText(texts("notes.add"))
        self.delete.setText(texts("notes.delete"))
        self.edit.setPlaceholderText(texts("notes.placeholder", t=clock(playhead)))

    def fill(self, notes: list, texts: Texts) -> None:
        self.list.clear()
        if not notes:
            self.list.addItem(_empty(texts, "notes.empty"))
        for note in notes:
            self.list.add_timed(f"{clock(note.t)}  {note.text}", note.t, note.id)

    def _add(self) -> None:
        text = self.edit.text().strip()
        if text:
            self.add_requested.emit(text)
            self.edit.clear()

    def _delete(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(INDEX_ROLE) is not None:
            self.delete_requested.emit(int(item.data(INDEX_ROLE)))


class ComparePanel(QWidget):
    """What another pack would change: a summary line and every change, click to go there."""

    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.list = TimedList(self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.list, 1)
        self.list.seek_requested.connect(self.seek_requested)

    def show_message(self, text: str) -> None:
        self.summary.setText(text)
        self.list.clear()

    def fill(self, diff: PackDiff, model: ReplayModel, texts: Texts, label: Callable) -> None:
        info = diff.pack.pack
        key = "compare.same" if diff.unchanged else "compare.summary"
        self.summary.setText(texts(key, pack=info.id, version=info.version,
                                   added=diff.count(Change.ADDED),
                                   removed=diff.count(Change.REMOVED),
                                   changed=diff.count(Change.CHANGED),
                                   findings=len(diff.findings)))
        self.list.clear()
        for i, change in enumerate(diff.prompts):
            record = change.new or change.old
            text = (f"{clock(change.t)}  {texts(f'compare.{change.change.value}')}  "
                    f"{label(change.clause)}  {record.prompt.text}")
            self.list.add_timed(text, change.t, i, CHANGE_COLORS[change.change])
        for change in diff.findings:
            old, new = _verdict(change.old, texts), _verdict(change.new, texts)
            finding = change.new or change.old
            t = finding.times[0] if finding.times else 0.0
            self.list.add_timed(texts("compare.finding", rule=texts(f"rule.{change.rule}"),
                                      old=old, new=new), t, -1,
                                CHANGE_COLORS[change.change])


def _verdict(finding, texts: Texts) -> str:
    if finding is None:
        return "—"
    times = " ".join(clock(t) for t in finding.times[:6])
    status = texts(f"status.{finding.status.value}")
    return f"{status} ({times})" if times else status
