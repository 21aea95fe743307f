"""The "try it" panel: the pack being edited, run on the demo call, a recording or a stored
session through the real pipeline on a worker thread, listing the prompts it would give.

A run that is overtaken (the pack changed, Run pressed again) is cancelled between
blocks and its result dropped, so the table always belongs to the last run started.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.audio.file import AudioFileError
from assistant.engine.trial import TrialCancelled, TrialResult, run_trial
from assistant.rollout.editing import PackDraft
from assistant.sessions.replay.trial import recorded_sessions, run_session_trial
from assistant.ui.supervisor.fields import ERROR_STYLE, HINT_STYLE
from assistant.ui.supervisor_texts import SupervisorTexts

DEMO, FILE, SESSION, CHOOSE = "demo", "file", "session", "choose"
"""Source item data is ``kind:value`` (a string: Qt compares it reliably in ``findData``)."""


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{seconds % 60:04.1f}"


class TrialPanel(QWidget):
    _done = Signal(int, object)
    finished = Signal(object)
    """A ``TrialResult`` or an error message (str), for tests and the status bar."""

    def __init__(self, draft: PackDraft, *, sessions: Callable[[], list] = recorded_sessions,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.draft = draft
        self._generation = 0
        self._texts: SupervisorTexts | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.source_caption, self.recogniser_caption = QLabel(), QLabel()
        self.source = QComboBox()
        self.source.setMinimumWidth(260)
        self.source.activated.connect(self._source_chosen)
        self.recogniser = QComboBox()
        self.recogniser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for mode in ("off", "grammar", "whisper"):
            self.recogniser.addItem(mode, mode)
        self.run_button = QPushButton()
        self.run_button.clicked.connect(self.run)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._says_stale = False
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        for widget in (self.title, self.source_caption, self.source, self.recogniser_caption,
                       self.recogniser, self.run_button):
            bar.addWidget(widget)
        bar.insertStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self._sessions = sessions
        self._done.connect(self._finished)
        draft.subscribe(lambda _path: self._stale())

    # --- sources -------------------------------------------------------------------------

    def _fill_sources(self, texts: SupervisorTexts) -> None:
        current = self.source.currentData()
        self.source.clear()
        self.source.addItem(texts("trial.demo"), f"{DEMO}:")
        for info in self._sessions():
            when = f"{info.started_at:%m-%d %H:%M}"
            self.source.addItem(texts("trial.session", id=info.id[:8], when=when,
                                      agent=info.agent), f"{SESSION}:{info.id}")
        for path in getattr(self, "_files", []):
            self.source.addItem(Path(path).name, f"{FILE}:{path}")
        self.source.addItem(texts("trial.file"), f"{CHOOSE}:")
        index = self.source.findData(current) if current else 0
        self.source.setCurrentIndex(max(0, index))

    def add_recording(self, path: Path) -> None:
        """Offer ``path`` as a source and select it."""
        self._files = list(dict.fromkeys(getattr(self, "_files", []) + [str(path)]))
        if self._texts:
            self._fill_sources(self._texts)
        self.source.setCurrentIndex(self.source.findData(f"{FILE}:{path}"))

    def _chosen(self) -> tuple[str, str]:
        kind, _, value = str(self.source.currentData() or f"{DEMO}:").partition(":")
        return kind, value

    def _source_chosen(self, _index: int) -> None:
        kind, _ = self._chosen()
        if kind != CHOOSE:
            return
        path, _ = QFileDialog.getOpenFileName(self, self._texts("trial.file") if self._texts
                                              else "", "", "Audio (*.wav *.flac)")
        if path:
            self.add_recording(Path(path))
        else:
            self.source.setCurrentIndex(0)

    # --- running -------------------------------------------------------------------------------

    def run(self) -> None:
        texts = self._texts
        pack = self.draft.pack
        if pack is None:
            self._show_error(texts("trial.invalid") if texts else "invalid pack")
            return
        kind, value = self._chosen()
        mode = self.recogniser.currentData()
        name = self.source.currentText()
        self._generation += 1
        generation = self._generation
        self.table.setRowCount(0)
        self.status.setStyleSheet(HINT_STYLE)
        self.status.setText(texts("trial.running", name=name) if texts else name)
        self._says_stale = False
        lang = texts.lang if texts else "zh"

        def work() -> None:
            try:
                if kind == SESSION:
                    result: object = run_session_trial(pack, value, lang=lang)
                else:
                    controls: list = []
                    if kind == DEMO:
                        from assistant.scenario.demo import demo_call, demo_controls

                        path, call_time = demo_call()
                        controls = demo_controls()
                    else:
                        path, call_time = Path(value), None
                    result = run_trial(pack, path, call_time=call_time, recogniser=mode,
                                       lang=lang, controls=controls,
                                       cancelled=lambda: generation != self._generation)
            except TrialCancelled:
                return
            except (AudioFileError, OSError, ValueError) as exc:
                result = str(exc)
            except Exception as exc:  # noqa: BLE001 - shown to the supervisor, not raised
                result = f"{type(exc).__name__}: {exc}"
            self._done.emit(generation, (name, result))

        threading.Thread(target=work, name="pack-trial", daemon=True).start()

    def _stale(self) -> None:
        """The pack changed: a running trial is dropped, shown results are out of date."""
        self._generation += 1
        if self.table.rowCount() or self.status.text():
            self.table.setEnabled(False)
            self.status.setText(self._texts("trial.stale") if self._texts else "")
            self.status.setStyleSheet(HINT_STYLE)
            self._says_stale = True

    def _finished(self, generation: int, payload: tuple[str, object]) -> None:
        if generation != self._generation:
            return
        name, result = payload
        if isinstance(result, str):
            self._show_error(self._texts("trial.failed", error=result) if self._texts
                             else result)
            self.finished.emit(result)
            return
        self.show_result(name, result)
        self.finished.emit(result)

    def _note(self, note: str) -> str:
        """A recogniser note in the window's language (its kind, worded here)."""
        kind = getattr(note, "kind", None)
        texts = self._texts
        if texts is None or kind is None or f"note.{kind}" not in texts:
            return str(note)
        return texts(f"note.{kind}", **getattr(note, "fields", {}))

    def show_result(self, name: str, result: TrialResult) -> None:
        texts = self._texts
        duration = _clock(result.duration_s)
        key = "trial.done" if result.prompts else "trial.none"
        line = texts(key, name=name, duration=duration, n=len(result.prompts)) if texts else name
        self.status.setText("\n".join([line] + [self._note(n) for n in result.notes]))
        self.status.setStyleSheet("")
        self._says_stale = False
        self.table.setEnabled(True)
        self.table.setRowCount(len(result.prompts))
        for row, p in enumerate(result.prompts):
            rule = texts(f"rule.{p.rule}") if texts else p.rule
            cells = (_clock(p.t), f"{rule}  ({p.rule})", f"{result.clause_label(p.clause)}  {p.clause}", p.text)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter
                                      | (Qt.AlignmentFlag.AlignRight if col == 0
                                         else Qt.AlignmentFlag.AlignLeft))
                self.table.setItem(row, col, item)

    def _show_error(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet(ERROR_STYLE)

    def prompts(self) -> list[tuple[str, ...]]:
        """The table as text rows (time, rule, clause, text)."""
        return [tuple(self.table.item(r, c).text() for c in range(4))
                for r in range(self.table.rowCount())]

    def retranslate(self, texts: SupervisorTexts) -> None:
        self._texts = texts
        self.title.setText(texts("trial.title"))
        self.source_caption.setText(texts("trial.source"))
        self.recogniser_caption.setText(texts("trial.recogniser"))
        for i in range(self.recogniser.count()):
            self.recogniser.setItemText(i, texts(f"trial.recogniser.{self.recogniser.itemData(i)}"))
        self.run_button.setText(texts("trial.run"))
        self.table.setHorizontalHeaderLabels([texts(f"trial.col.{c}")
                                              for c in ("time", "rule", "clause", "text")])
        if self._says_stale:
            self.status.setText(texts("trial.stale"))
        self._fill_sources(texts)
