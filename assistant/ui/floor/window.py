"""``FloorWindow``: the supervisor's live floor.

Every agent's state, most urgent first, with call and hold seconds ticking once a second;
a team filter; from a selected agent, their last finished call in the replay window and
their coaching report. The window only draws the ``FloorBoard``; the service's messages
arrive on the watch thread and cross into Qt through one queued signal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)
from assistant.conduct.clauses import ClauseCatalogue
from assistant.floor.board import FloorBoard, Row
from assistant.floor.livestate import AgentLive
from assistant.sessions.store.database import SessionStore, StoreError
from assistant.sessions.store.reading import SessionReader
from assistant.ui.floor.table import FloorTable, SelectionFrame
from assistant.ui.floor.texts import floor_texts

if TYPE_CHECKING:
    from assistant.ui.replay.window import ReplayWindow

TICK_MS = 1000


class _Inbox(QObject):
    """Thread → Qt: the watch's callbacks emit; the window's slots run on the main thread."""

    agents = Signal(object, bool, float)
    status = Signal(str)


class FloorWindow(QWidget):
    replay_opened = Signal(str)
    report_written = Signal(str)

    def __init__(self, board: FloorBoard, *, server: str = "", lang: str = "zh",
                 sessions: Callable[[], SessionReader] | None = None,
                 reports_dir: Path | None = None,
                 open_file: Callable[[Path], None] | None = None):
        super().__init__()
        self.board, self.server, self.lang = board, server, lang
        self.sessions = sessions or (lambda: SessionStore(None, repair=False))
        """Opens the calls to replay and report on (the central store the floor watches)."""
        self._reader: SessionReader | None = None
        self.reports_dir = reports_dir or Path.home() / "coaching-reports"
        self.open_file = open_file or (lambda p: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(p))))
        self.texts = floor_texts(lang)
        self.replay_window: ReplayWindow | None = None
        self.inbox = _Inbox()
        self.inbox.agents.connect(self.receive)
        self.inbox.status.connect(self.set_problem)
        self.table = FloorTable(board, self.texts, ClauseCatalogue.load(), lang)
        self._build()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(TICK_MS)
        self.refresh()

    # --- fed by the watch (any thread, through the inbox) --------------------------------

    def on_agents(self, agents: list[AgentLive], snapshot: bool, received: float) -> None:
        self.inbox.agents.emit(agents, snapshot, received)

    def on_status(self, problem: str) -> None:
        self.inbox.status.emit(problem)

    def receive(self, agents: list[AgentLive], snapshot: bool, received: float) -> None:
        self.board.apply(agents, snapshot, received)
        self.refresh()

    def set_problem(self, problem: str) -> None:
        self.board.problem = problem
        self._show_status()

    # --- what is on screen ---------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected()
        self._update_teams()
        self.table.refresh()
        self._show_status()
        c = self.board.counts(self.table.team)
        self.counts.setText(self.texts("counts", agents=c.agents, call=c.call, hold=c.hold,
                                       long_hold=c.long_hold, prompts=c.prompts, idle=c.idle,
                                       offline=c.offline))
        if selected is not None:
            self.select(selected.agent_id)
        self._buttons()

    def set_team(self, team: str | None) -> None:
        index = 0 if team is None else self.team_box.findData(team)
        if index >= 0:
            self.team_box.setCurrentIndex(index)

    def selected(self) -> Row | None:
        indexes = self.view.selectionModel().selectedRows()
        if not indexes or indexes[0].row() >= len(self.table.rows):
            return None
        return self.table.rows[indexes[0].row()]

    def select(self, agent_id: str) -> bool:
        for number, row in enumerate(self.table.rows):
            if row.agent_id == agent_id:
                current = self.selected()
                if current is None or current.agent_id != agent_id:
                    self.view.selectRow(number)
                return True
        return False

    # --- actions -------------------------------------------------------------------------

    def open_replay(self) -> bool:
        """The selected agent's last finished call in the replay window."""
        row = self.selected()
        if row is None or not row.last_session:
            return False
        from assistant.ui.replay.window import ReplayWindow

        try:
            reader = self.reader()
            session_id = reader.find(row.last_session).id
        except StoreError as exc:
            self.hint.setText(self.texts("replay.missing", session=row.last_session[:8],
                                         why=exc))
            return False
        window = self.replay_window or ReplayWindow(reader, lang=self.lang)
        self.replay_window = window
        window.refresh_sessions(select=session_id)
        window.resize(1500, 920)
        window.show()
        window.raise_()
        self.replay_opened.emit(session_id)
        return True

    def write_report(self) -> Path | None:
        """The selected agent's coaching report, written and opened."""
        row = self.selected()
        if row is None:
            return None
        from assistant.floor.coaching import write_agent_report
        from assistant.sessions.report.write import ReportError

        try:
            path = write_agent_report(row.agent_id, self.reports_dir, self.reader(),
                                      lang=self.lang)
        except (ReportError, StoreError) as exc:
            self.hint.setText(self.texts("report.none", name=row.name, why=exc))
            return None
        self.hint.setText(self.texts("report.written", name=row.name, path=path))
        self.report_written.emit(str(path))
        self.open_file(path)
        return path

    def reader(self) -> SessionReader:
        """The session reader, opened on first use; ``StoreError`` says why it cannot be."""
        if self._reader is None:
            self._reader = self.sessions()
        return self._reader

    def closeEvent(self, event: object) -> None:
        if self.replay_window is not None:
            self.replay_window.close()
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        super().closeEvent(event)  # type: ignore[arg-type]

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(self.texts("window.title"))
        title = QLabel(self.texts("window.title"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.team_box = QComboBox()
        self.team_box.addItem(self.texts("team.all"), None)
        self.team_box.currentIndexChanged.connect(self._team_chosen)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(QLabel(self.texts("team.label")))
        top.addWidget(self.team_box)
        self.counts = QLabel()
        self.view = QTableView()
        self.view.setModel(self.table)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.view.setItemDelegate(SelectionFrame(self.view))
        self.view.setAlternatingRowColors(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,) * 4):
            header.setSectionResizeMode(column, mode)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(lambda _index: self.open_replay())
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.replay_button = QPushButton(self.texts("button.replay"))
        self.replay_button.clicked.connect(self.open_replay)
        self.report_button = QPushButton(self.texts("button.report"))
        self.report_button.clicked.connect(self.write_report)
        self.hint = QLabel(self.texts("hint.select"))
        self.hint.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.replay_button)
        bottom.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.counts)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    def _update_teams(self) -> None:
        known = [self.team_box.itemData(i) for i in range(1, self.team_box.count())]
        for team in self.board.teams():
            if team not in known:
                self.team_box.addItem(team or "—", team)

    def _team_chosen(self, index: int) -> None:
        self.table.team = self.team_box.itemData(index)
        self.refresh()

    def _buttons(self) -> None:
        row = self.selected()
        self.replay_button.setEnabled(row is not None and bool(row.last_session))
        self.report_button.setEnabled(row is not None)

    def _selection_changed(self, *args: object) -> None:
        self._buttons()
        row = self.selected()
        if row is not None:
            self.hint.setText(self.texts("hint.selected" if row.last_session else
                                         "hint.no_call", name=row.name))

    def _show_status(self) -> None:
        problem = self.board.problem
        if not problem:
            text, style = self.texts("status.connected", server=self.server), "color: #3b7a66"
        elif problem == "connecting":
            text, style = self.texts("status.connecting", server=self.server), "color: #666"
        elif problem == "refused":
            text, style = self.texts("status.refused", server=self.server), "color: #b23b2e"
        else:
            text = self.texts("status.down", server=self.server, why=problem)
            style = "color: #b23b2e"
        self.status.setText(text)
        self.status.setStyleSheet(style)
