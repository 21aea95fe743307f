"""The replay window: pick a recorded call, play it, see every lane, the overlay, the score.

Thin over :class:`assistant.sessions.replay.timeline.ReplayModel`; what is drawn comes from the
model, time comes from the ``Player`` (sound through PortAudio, or a silent clock), and
the window only wires them: the playhead moves the timeline, the overlay panel and the
transcript highlight; clicks on any of them seek. Problems (a damaged database, a missing
recording, a foreign folder, no output device) are said in the banner above the timeline,
and whatever was open stays open.

Keys: space play/pause, ←/→ 5 s back/forward.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from assistant.audio.playback import Player
from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.pack import PackError, load_pack
from assistant.sessions.replay.rerun import PackDiff, compare
from assistant.sessions.replay.timeline import ReplayModel
from assistant.sessions.store.database import StoreError
from assistant.sessions.store.listing import ListFilter, filter_sessions
from assistant.sessions.store.reading import SessionReader
from assistant.ui.replay import layout
from assistant.ui.replay.panels import fill_prompts, fill_transcript
from assistant.ui.replay.sources import OpenError, open_path
from assistant.ui.replay.texts import replay_texts
from assistant.ui.widgets.common import clock

SEEK_STEP_S = 5.0
FRAME_MS = 33
SLIDER_STEPS_PER_S = 10


class ReplayWindow(QMainWindow):
    compared = Signal(object)
    """A pack comparison finished (``PackDiff`` or an error message); crosses threads."""

    def __init__(self, store: SessionReader | None, *, lang: str = "zh",
                 store_error: str = "", sound: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.lang = lang
        self.texts = replay_texts(lang)
        self.sound = sound
        self.model: ReplayModel | None = None
        self.player: Player | None = None
        self.diff: PackDiff | None = None
        self.messages: list[str] = []
        self.ui = layout.build(self, self.texts)
        self._wire()
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._follow_player)
        self.compared.connect(self._show_diff)
        self.setWindowTitle(self.texts("window.title"))
        if store_error:
            self.say(self.texts("banner.store", why=store_error))
        self.refresh_sessions()

    # --- wiring ---------------------------------------------------------------------

    def _wire(self) -> None:
        ui = self.ui
        ui.picker.currentRowChanged.connect(self._picked)
        ui.search.textChanged.connect(lambda _text: self.refresh_sessions())
        ui.missed_only.toggled.connect(lambda _on: self.refresh_sessions())
        ui.open_button.clicked.connect(self._choose_path)
        ui.play.clicked.connect(self.toggle_play)
        ui.speed.currentIndexChanged.connect(self._speed_changed)
        ui.slider.sliderMoved.connect(lambda v: self.seek(v / SLIDER_STEPS_PER_S))
        ui.slider.valueChanged.connect(self._slider_value)
        ui.timeline.seek_requested.connect(self.seek)
        ui.timeline.prompt_clicked.connect(self.jump_to_prompt)
        ui.timeline.view_changed.connect(self._view_changed)
        ui.scroll.valueChanged.connect(self._scrolled)
        ui.zoom_in.clicked.connect(lambda: ui.timeline.zoom(2.0))
        ui.zoom_out.clicked.connect(lambda: ui.timeline.zoom(0.5))
        ui.zoom_all.clicked.connect(lambda: self.model and ui.timeline.set_view(
            0.0, self.model.duration))
        ui.transcript.seek_requested.connect(self.seek)
        ui.prompts.index_clicked.connect(self.jump_to_prompt)
        ui.scores.seek_requested.connect(self.seek)
        ui.notes.add_requested.connect(self.add_note)
        ui.notes.delete_requested.connect(self.delete_note)
        ui.notes.seek_requested.connect(self.seek)
        ui.compare.seek_requested.connect(self.seek)
        ui.compare_button.clicked.connect(self._choose_pack)
        ui.report_button.clicked.connect(self._choose_report)
        for key, action in ((Qt.Key.Key_Space, self.toggle_play),
                            (Qt.Key.Key_Left, lambda: self.step(-SEEK_STEP_S)),
                            (Qt.Key.Key_Right, lambda: self.step(SEEK_STEP_S))):
            QShortcut(QKeySequence(key), self, action)

    # --- sessions -------------------------------------------------------------------

    def refresh_sessions(self, select: str | None = None) -> None:
        infos = []
        if self.store is not None:
            try:
                infos = self.store.list()
            except StoreError as exc:
                self.say(self.texts("banner.store", why=exc))
        counts, verdicts = {}, {}
        if self.store is not None and hasattr(self.store, "prompt_counts"):
            try:
                counts = self.store.prompt_counts()
                verdicts = self.store.verdicts()
            except Exception:  # noqa: BLE001 - counts are a nicety in the list
                counts = {}
        selection = ListFilter(self.ui.search.text(), self.ui.missed_only.isChecked())
        catalogue = ClauseCatalogue.load()
        infos = filter_sessions(infos, verdicts, selection, lambda clause: (
            catalogue.label(clause, "zh"), catalogue.label(clause, "en")))
        layout.fill_picker(self.ui.picker, infos, counts, self.texts,
                           filtered=bool(selection.terms or selection.missed_only))
        if select is not None:
            for row, info in enumerate(infos):
                if info.id == select:
                    self.ui.picker.setCurrentRow(row)

    def _picked(self, row: int) -> None:
        item = self.ui.picker.item(row)
        session_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if session_id:
            self.open_session(session_id)

    def open_session(self, session_id: str) -> bool:
        """Load and show a session; on failure say why and keep what was shown."""
        try:
            session = self.store.load(session_id)
            model = ReplayModel.build(session, self.store.audio_path(session.info),
                                      lang=self.lang)
        except StoreError as exc:
            self.say(self.texts("banner.session", why=exc), replace=True)
            return False
        self.show_model(model)
        return True

    def show_model(self, model: ReplayModel) -> None:
        if self.player is not None:
            self.player.close()
        self.model, self.diff = model, None
        self.player = Player(model.audio_path, model.duration, sound=self.sound)
        ui, texts = self.ui, self.texts
        self.setWindowTitle(texts("window.title_session", agent=model.session.info.agent,
                                  when=f"{model.session.info.started_at:%Y-%m-%d %H:%M}"))
        ui.timeline.set_model(model)
        ui.slider.setRange(0, round(model.duration * SLIDER_STEPS_PER_S))
        fill_transcript(ui.transcript, model, texts)
        fill_prompts(ui.prompts, model, texts)
        ui.scores.fill(model, texts)
        ui.notes.fill(model.session.notes, texts)
        ui.compare.show_message(texts("compare.none"))
        ui.overlay.show_state(model.overlay_at(0.0))
        self.say_problems()
        self._show_at(0.0)

    def say_problems(self) -> None:
        model, player, texts = self.model, self.player, self.texts
        lines = []
        info = model.session.info
        if model.audio_path is None:
            if not info.audio_file:
                lines.append(texts("banner.no_audio"))
            else:
                missing = any("missing" in p for p in model.problems)
                lines.append(texts("banner.audio_missing" if missing else "banner.audio_bad"))
        elif player is not None and not player.audible:
            lines.append(texts("banner.no_output"))
        for problem in model.problems:
            if "no summary" in problem:
                lines.append(texts("banner.no_summary"))
            elif "pack" in problem:
                lines.append(texts("banner.pack", why=problem))
        self.say("\n".join(lines), replace=True)

    def say(self, text: str, *, replace: bool = False) -> None:
        self.messages = [text] if replace else self.messages + [text]
        self.messages = [m for m in self.messages if m]
        self.ui.banner.setText("\n".join(self.messages))
        self.ui.banner.setVisible(bool(self.messages))

    def _choose_path(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.texts("picker.open"))
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        try:
            opened = open_path(path, self.store)
        except OpenError as exc:
            key, fields = ("banner.not_export", {"path": path}) if exc.foreign \
                else ("banner.open", {"why": exc})
            self.say(self.texts(key, **fields), replace=True)
            return False
        if opened.store is not None:
            self.store = opened.store
            self.refresh_sessions()
            return True
        self.refresh_sessions(select=opened.session_id)
        return True

    # --- the playhead ---------------------------------------------------------------

    @property
    def playhead(self) -> float:
        return self.ui.timeline.playhead

    def seek(self, t: float) -> None:
        if self.model is None:
            return
        t = min(max(0.0, t), self.model.duration)
        self.player.seek(t)
        self._show_at(t)

    def step(self, seconds: float) -> None:
        self.seek((self.player.position() if self.player else self.playhead) + seconds)

    def toggle_play(self) -> None:
        if self.player is None:
            return
        self.player.toggle()
        if self.player.playing:
            self._timer.start()
        else:
            self._timer.stop()
        self.ui.play.setText(self.texts("transport.pause" if self.player.playing
                                        else "transport.play"))

    def jump_to_prompt(self, index: int) -> None:
        from assistant.ui.replay.paint import marker_prompt

        prompt = marker_prompt(self.model, self.diff, index) if self.model else None
        if prompt is None:
            return
        self.seek(prompt.t)
        if index >= 0:
            self.ui.prompts.highlight(index)

    def _follow_player(self) -> None:
        if self.player is None:
            return
        t = self.player.position()
        self._show_at(t)
        if not self.player.playing:
            self._timer.stop()
            self.ui.play.setText(self.texts("transport.play"))

    def _show_at(self, t: float) -> None:
        ui, model = self.ui, self.model
        ui.timeline.set_playhead(t)
        ui.slider.blockSignals(True)
        ui.slider.setValue(round(t * SLIDER_STEPS_PER_S))
        ui.slider.blockSignals(False)
        ui.time.setText(self.texts("transport.time", now=clock(t), total=clock(model.duration)))
        ui.overlay.show_state(model.overlay_at(t))
        ui.transcript.highlight(model.transcript_index(t))
        ui.notes.set_texts(self.texts, t)

    def _slider_value(self, value: int) -> None:
        if not self.ui.slider.isSliderDown():
            self.seek(value / SLIDER_STEPS_PER_S)

    def _speed_changed(self, index: int) -> None:
        speed = self.ui.speed.itemData(index)
        if self.player is not None and speed:
            self.player.set_speed(float(speed))

    def _view_changed(self, t0: float, t1: float) -> None:
        layout.sync_scroll(self.ui.scroll, self.model, t0, t1)

    def _scrolled(self, value: int) -> None:
        timeline = self.ui.timeline
        span = timeline.t1 - timeline.t0
        start = value / layout.SCROLL_STEPS_PER_S
        if abs(start - timeline.t0) > 1e-3:
            timeline.set_view(start, start + span)

    # --- notes, comparison, report ----------------------------------------------------

    def add_note(self, text: str) -> None:
        if self.model is None:
            return
        try:
            self.store.add_note(self.model.session.info.id, round(self.playhead, 2), text)
            notes = self.store.notes(self.model.session.info.id)
        except StoreError as exc:
            self.say(self.texts("banner.session", why=exc))
            return
        self._notes_changed(notes)

    def delete_note(self, note_id: int) -> None:
        try:
            self.store.delete_note(note_id)
            notes = self.store.notes(self.model.session.info.id)
        except StoreError as exc:
            self.say(self.texts("banner.session", why=exc))
            return
        self._notes_changed(notes)

    def _notes_changed(self, notes: list) -> None:
        self.model.set_notes(notes)
        self.ui.notes.fill(notes, self.texts)
        self.ui.timeline.set_notes(notes)

    def _choose_pack(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.texts("action.compare"), "",
                                              "Prompt pack (*.toml)")
        if path:
            self.compare_with(Path(path))

    def compare_with(self, path: Path, *, wait: bool = False) -> None:
        """Re-run the call through the pack at ``path`` on a worker; the diff shows when done."""
        if self.model is None:
            return
        try:
            pack = load_pack(path)
        except PackError as exc:
            self.ui.compare.show_message(str(exc))
            self.ui.tabs.setCurrentWidget(self.ui.compare)
            return
        if pack.language != self.model.pack.language:
            self.ui.compare.show_message(self.texts(
                "compare.wrong_lang", path=path, pack_lang=pack.language,
                lang=self.model.pack.language))
            return
        self.ui.compare.show_message(self.texts("compare.running", pack=pack.pack.id))
        self.ui.tabs.setCurrentWidget(self.ui.compare)
        session = self.model.session
        layout.run_in_worker(lambda: compare(session, pack), self.compared.emit, wait=wait)

    def _show_diff(self, result: object) -> None:
        if not isinstance(result, PackDiff):
            self.ui.compare.show_message(str(result))
            return
        if self.model is None or result is None:
            return
        self.diff = result
        self.ui.timeline.set_diff(result)
        self.ui.compare.fill(result, self.model, self.texts,
                             lambda clause: self.model.pack and layout.clause_label(
                                 clause, self.lang))

    def _choose_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.texts("action.report"), "report.html",
                                              "HTML (*.html);;PDF (*.pdf)")
        if path:
            self.export_report(Path(path))

    def export_report(self, path: Path) -> bool:
        if self.model is None:
            return False
        try:
            from assistant.sessions.report.write import ReportError, write_report
        except ImportError:
            self.say(self.texts("report.missing"))
            return False
        try:
            written = write_report(self.model.session, path, lang=self.lang)
        except (ReportError, OSError) as exc:
            self.say(self.texts("report.failed", why=exc))
            return False
        self.say(self.texts("report.done", path=written))
        return True

    def closeEvent(self, event) -> None:
        self._timer.stop()
        if self.player is not None:
            self.player.close()
        super().closeEvent(event)
