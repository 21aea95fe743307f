"""The replay window's widgets and where they sit; the window wires them (``window.py``).

    ┌ calls ─────┐┌ banner (problems, when there are any) ───────────────────────────┐
    │ session    ││ timeline (lanes)                                   ┌ overlay ┐ │
    │ list       ││ scroll bar                                         │ at the  │ │
    │            ││ ▶ 1x ───●────────── 00:35 / 01:14  zoom  compare  report  │playhead│ │
    │ open…      ││ transcript | prompts | scorecard | notes | comparison    └─────────┘ │
    └────────────┘└──────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QScrollBar,
    QSlider,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assistant.audio.playback import SPEEDS
from assistant.conduct.clauses import ClauseCatalogue
from assistant.overlay.state import OverlayState
from assistant.sessions.session import SessionState
from assistant.ui.replay.overlay_panel import OverlayPanel
from assistant.ui.replay.panels import ComparePanel, NotesPanel, ScoreTable, TimedList
from assistant.ui.replay.timeline import TimelineView
from assistant.ui.theme import base_font
from assistant.ui.widgets.common import clock

SCROLL_STEPS_PER_S = 10
BANNER_STYLE = ("QLabel { background: rgb(253, 243, 224); color: rgb(110, 72, 10); "
                "border: 1px solid rgb(232, 196, 130); border-radius: 4px; padding: 6px; }")
STAGE_STYLE = "QFrame#stage { background: rgb(26, 30, 37); border-radius: 4px; }"


@dataclass
class Widgets:
    picker: QListWidget
    search: QLineEdit
    missed_only: QCheckBox
    open_button: QPushButton
    banner: QLabel
    timeline: TimelineView
    scroll: QScrollBar
    play: QPushButton
    speed: QComboBox
    slider: QSlider
    time: QLabel
    zoom_in: QPushButton
    zoom_out: QPushButton
    zoom_all: QPushButton
    compare_button: QPushButton
    report_button: QPushButton
    tabs: QTabWidget
    transcript: TimedList
    prompts: TimedList
    scores: ScoreTable
    notes: NotesPanel
    compare: ComparePanel
    overlay: OverlayPanel


def build(window: QMainWindow, texts) -> Widgets:
    window.setFont(base_font(10))
    picker = QListWidget()
    picker.setWordWrap(True)
    search = QLineEdit()
    search.setPlaceholderText(texts("picker.search"))
    search.setClearButtonEnabled(True)
    search.setToolTip(texts("picker.search_help"))
    missed_only = QCheckBox(texts("picker.missed_only"))
    open_button = QPushButton(texts("picker.open"))
    left = _column(QLabel(texts("picker.title")), search, missed_only, picker, open_button)

    banner = QLabel()
    banner.setWordWrap(True)
    banner.setStyleSheet(BANNER_STYLE)
    banner.hide()
    timeline = TimelineView(texts)
    scroll = QScrollBar(Qt.Orientation.Horizontal)
    play = QPushButton(texts("transport.play"))
    speed = QComboBox()
    for value in SPEEDS:
        speed.addItem(texts("transport.speed", speed=f"{value:g}"), value)
    speed.setCurrentIndex(SPEEDS.index(1.0))
    slider = QSlider(Qt.Orientation.Horizontal)
    time = QLabel("--:-- / --:--")
    zoom_in, zoom_out, zoom_all = (QPushButton(texts(f"transport.{k}"))
                                   for k in ("zoom_in", "zoom_out", "zoom_all"))
    compare_button = QPushButton(texts("action.compare"))
    report_button = QPushButton(texts("action.report"))
    for button in (play, zoom_in, zoom_out, zoom_all, compare_button, report_button):
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    transport = QHBoxLayout()
    for widget, stretch in ((play, 0), (speed, 0), (slider, 1), (time, 0), (zoom_in, 0),
                            (zoom_out, 0), (zoom_all, 0), (compare_button, 0),
                            (report_button, 0)):
        transport.addWidget(widget, stretch)

    tabs = QTabWidget()
    transcript, prompts, scores = TimedList(), TimedList(), ScoreTable()
    notes, compare = NotesPanel(), ComparePanel()
    for widget, key in ((transcript, "transcript"), (prompts, "prompts"), (scores, "scorecard"),
                        (notes, "notes"), (compare, "compare")):
        tabs.addTab(widget, texts(f"tab.{key}"))

    stage = QFrame()
    stage.setObjectName("stage")
    stage.setStyleSheet(STAGE_STYLE)
    overlay = OverlayPanel(OverlayState(_blank_pack(), lang=texts.lang), stage)
    stage_column = QVBoxLayout(stage)
    caption = QLabel(texts("overlay.title"))
    caption.setStyleSheet("color: rgb(160, 171, 184);")
    stage_column.addWidget(caption)
    stage_column.addWidget(overlay, 0, Qt.AlignmentFlag.AlignHCenter)
    stage_column.addStretch(1)

    lower = QSplitter(Qt.Orientation.Horizontal)
    lower.addWidget(tabs)
    lower.addWidget(stage)
    lower.setStretchFactor(0, 1)
    right = _column(banner)
    right.layout().addWidget(timeline, 2)
    right.layout().addWidget(scroll)
    right.layout().addLayout(transport)
    right.layout().addWidget(lower, 3)
    main = QSplitter(Qt.Orientation.Horizontal)
    main.addWidget(left)
    main.addWidget(right)
    main.setStretchFactor(1, 1)
    main.setSizes([260, 1100])
    window.setCentralWidget(main)
    return Widgets(picker, search, missed_only, open_button, banner, timeline, scroll, play, speed, slider, time,
                   zoom_in, zoom_out, zoom_all, compare_button, report_button, tabs,
                   transcript, prompts, scores, notes, compare, overlay)


def _column(*widgets: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(4, 4, 4, 4)
    for widget in widgets:
        column.addWidget(widget)
    return box


def _blank_pack():
    from assistant.conduct.pack import default_pack_path, load_pack

    return load_pack(default_pack_path("zh"))


def fill_picker(picker: QListWidget, infos: list, counts: dict[str, int], texts, *,
                filtered: bool = False) -> None:
    picker.blockSignals(True)
    picker.clear()
    if not infos:
        item = QListWidgetItem(texts("picker.no_match" if filtered else "picker.empty"))
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        picker.addItem(item)
    for info in infos:
        state = {SessionState.RECOVERED: texts("picker.recovered"),
                 SessionState.RECORDING: texts("picker.recording")}.get(info.state, "")
        if not info.audio_file:
            state += texts("picker.no_audio")
        if info.source == "demo":
            state += texts("picker.demo")
        when = info.call_time or info.started_at  # the call's own time, as every view shows
        item = QListWidgetItem(texts("picker.item", when=f"{when:%Y-%m-%d %H:%M}",
                                     agent=info.agent, duration=clock(info.duration_s),
                                     prompts=counts.get(info.id, "—"), state=state))
        item.setData(Qt.ItemDataRole.UserRole, info.id)
        item.setToolTip(f"{info.id}\n{info.pack_id} {info.pack_version}  {info.language}"
                        f"\n{info.source} {info.source_path}")
        picker.addItem(item)
    picker.blockSignals(False)


def sync_scroll(scroll: QScrollBar, model, t0: float, t1: float) -> None:
    duration = model.duration if model else 0.0
    span = t1 - t0
    scroll.blockSignals(True)
    scroll.setRange(0, max(0, round((duration - span) * SCROLL_STEPS_PER_S)))
    scroll.setPageStep(max(1, round(span * SCROLL_STEPS_PER_S)))
    scroll.setSingleStep(max(1, round(span * SCROLL_STEPS_PER_S / 10)))
    scroll.setValue(round(t0 * SCROLL_STEPS_PER_S))
    scroll.setVisible(span < duration - 1e-6)
    scroll.blockSignals(False)


def clause_label(clause: str, lang: str) -> str:
    return ClauseCatalogue.load().label(clause, lang)


def run_in_worker(job: Callable[[], object], done: Callable[[object], None], *,
                  wait: bool = False) -> None:
    """Run ``job`` off the Qt thread; ``done`` gets its result or the error's message.

    ``done`` should be a signal's ``emit``, so the result crosses to the Qt thread.
    """
    def run() -> None:
        try:
            result = job()
        except Exception as exc:  # noqa: BLE001 - shown to the trainer, not raised
            result = f"{type(exc).__name__}: {exc}"
        done(result)

    if wait:
        run()
        return
    threading.Thread(target=run, name="replay-compare", daemon=True).start()
