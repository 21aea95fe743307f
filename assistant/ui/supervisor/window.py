"""`assistant supervise`: the supervisor's pack editor window.

Left, the pack's tables (info, recording, acoustics, phrase lists, one entry per rule
with its on/off state and clause); in the middle, the page of the chosen table; below,
the "try it" panel. Every edit goes into the :class:`PackDraft`, which validates it; the
window only redraws what the draft says. Save is enabled only while the pack is valid;
Export signs it for the managed folder.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)
from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.pack import PackError
from assistant.rollout.editing import PackDraft, pack_sections
from assistant.rollout.export import Exported, ExportError, sign_pack_text
from assistant.rollout.keys import KeyFileError, KeyPairFiles, generate_key_pair
from assistant.speech.phrase_check import ModelVocabulary, load_model_vocabulary
from assistant.ui.supervisor.fields import ERROR_COLOR, ERROR_STYLE
from assistant.ui.supervisor.pages import page_for
from assistant.ui.supervisor.phrases import PhrasesPage
from assistant.ui.supervisor.trial_panel import TrialPanel
from assistant.ui.supervisor_texts import SupervisorTexts


class SupervisorWindow(QMainWindow):
    _vocabulary_ready = Signal(object)

    def __init__(self, draft: PackDraft, *, lang: str = "zh", key: Path | None = None,
                 vocabulary=load_model_vocabulary, sessions=None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.draft = draft
        self.key = key
        self.texts = SupervisorTexts(lang)
        self._load_vocabulary = vocabulary
        self._build(sessions)
        draft.subscribe(self._changed)
        self._vocabulary_ready.connect(self._got_vocabulary)
        self.retranslate()
        self.check_phrases()
        self.resize(1240, 860)

    # --- building -------------------------------------------------------------------------

    def _build(self, sessions) -> None:
        self.nav = QListWidget()
        self.nav.setMinimumWidth(230)
        self.nav.setStyleSheet("QListWidget::item { padding: 3px 4px; }")
        self.pages = QStackedWidget()
        self.sections = pack_sections()
        self.page_widgets: list = []
        for section in self.sections:
            page = (PhrasesPage(section, self.draft) if section.key == "phrases"
                    else page_for(section, self.draft))
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            self.pages.addWidget(scroll)
            self.page_widgets.append(page)
            self.nav.addItem(QListWidgetItem())
        self.phrases_page = next(p for p in self.page_widgets if isinstance(p, PhrasesPage))
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.trial = TrialPanel(self.draft, **({"sessions": sessions} if sessions else {}))
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.nav)
        top.addWidget(self.pages)
        top.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.trial)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([590, 250])
        self.setCentralWidget(split)
        self._toolbar()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.statusBar().addWidget(self.problems, 1)
        self.nav.setCurrentRow(0)

    def _toolbar(self) -> None:
        bar = QToolBar()
        bar.setMovable(False)
        self.addToolBar(bar)
        self.open_action = QAction(self, triggered=self.choose_and_open)
        self.save_action = QAction(self, triggered=self.save)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_as_action = QAction(self, triggered=self.save_as)
        self.export_action = QAction(self, triggered=self.export)
        self.keygen_action = QAction(self, triggered=self.choose_and_make_key)
        for action in (self.open_action, self.save_action, self.save_as_action,
                       self.export_action, self.keygen_action):
            bar.addAction(action)
        bar.addSeparator()
        self.lang_caption = QLabel()
        self.ui_lang = QComboBox()
        for lang in ("zh", "en"):
            self.ui_lang.addItem(lang, lang)
        self.ui_lang.setCurrentIndex(self.ui_lang.findData(self.texts.lang))
        self.ui_lang.currentIndexChanged.connect(lambda _: self.set_lang(self.ui_lang.currentData()))
        bar.addWidget(self.lang_caption)
        bar.addWidget(self.ui_lang)

    # --- words ------------------------------------------------------------------------------

    def set_lang(self, lang: str) -> None:
        self.texts = SupervisorTexts(lang)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.texts
        for action, key in ((self.open_action, "menu.open"), (self.save_action, "menu.save"),
                            (self.save_as_action, "menu.save_as"),
                            (self.export_action, "menu.export"),
                            (self.keygen_action, "menu.keygen")):
            action.setText(t(key))
        self.lang_caption.setText(t("menu.ui_lang") + " ")
        for page in self.page_widgets:
            page.retranslate(t)
        self.trial.retranslate(t)
        self._show_state()

    # --- following the draft ---------------------------------------------------------------------

    def _changed(self, path: tuple[str, ...]) -> None:
        for page in self.page_widgets:
            page.refresh()
        self._show_state()

    def _show_state(self) -> None:
        t = self.texts
        catalogue = ClauseCatalogue.load()
        for row, (section, page) in enumerate(zip(self.sections, self.page_widgets,
                                                  strict=True)):
            item = self.nav.item(row)
            if section.rule_id:
                on = self.draft.get(section.path + ("enabled",))
                clause = str(self.draft.get(section.path + ("clause",)))
                mark = "●" if on is True else "○"
                item.setText(f"{mark} {t(f'rule.{section.rule_id}')}\n"
                             f"    {catalogue.label(clause, t.lang)} · {clause}")
            else:
                item.setText(t(f"nav.{section.key}"))
            bad = page.has_errors()
            item.setForeground(QBrush(QColor(ERROR_COLOR)) if bad else QBrush())
        errors = self.draft.errors
        if errors:
            key, english = next(iter(errors.items()))
            self.problems.setText(t("status.invalid", n=len(errors),
                                    first=f"{key}: {t.problem(self.draft.error_kind(key), english)}"))
            self.problems.setStyleSheet(ERROR_STYLE)
        elif self.draft.dirty:
            self.problems.setText(t("status.unsaved"))
            self.problems.setStyleSheet("")
        else:
            self.problems.setText(t("status.valid"))
            self.problems.setStyleSheet("")
        self.save_action.setEnabled(self.draft.valid)
        self.save_as_action.setEnabled(self.draft.valid)
        self.export_action.setEnabled(self.draft.valid)
        self.trial.run_button.setEnabled(self.draft.valid)
        name = self.draft.path.name if self.draft.path else "—"
        self.setWindowTitle(t("title.file", name=name) + (" *" if self.draft.dirty else ""))

    def show_section(self, key: str) -> None:
        self.nav.setCurrentRow(next(i for i, s in enumerate(self.sections) if s.key == key))

    def page(self, key: str):
        return next(p for s, p in zip(self.sections, self.page_widgets, strict=True)
                    if s.key == key)

    # --- phrases against the model ----------------------------------------------------------------

    def check_phrases(self) -> None:
        """Read the model's vocabulary off the UI thread, then flag phrases."""
        language = str(self.draft.get(("pack", "language")))
        self.phrases_page.set_vocabulary(None, checking=True)
        threading.Thread(target=lambda: self._vocabulary_ready.emit(
            self._load_vocabulary(language)), name="vocabulary", daemon=True).start()

    def _got_vocabulary(self, vocabulary: ModelVocabulary) -> None:
        self.phrases_page.set_vocabulary(vocabulary)
        self._show_state()

    # --- files -------------------------------------------------------------------------------------

    def open_pack(self, path: Path) -> bool:
        try:
            draft = PackDraft.open(path)
        except PackError as exc:
            QMessageBox.warning(self, self.texts("open.failed"), str(exc))
            return False
        replacement = SupervisorWindow(draft, lang=self.texts.lang, key=self.key,
                                       vocabulary=self._load_vocabulary)
        replacement.show()
        self._replacement = replacement
        self.close()
        return True

    def choose_and_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.texts("menu.open"), "", "TOML (*.toml)")
        if path:
            self.open_pack(Path(path))

    def save(self) -> Path | None:
        if self.draft.path is None:
            return self.save_as()
        return self._save_to(self.draft.path)

    def save_as(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, self.texts("menu.save_as"),
                                              str(self.draft.path or ""), "TOML (*.toml)")
        return self._save_to(Path(path)) if path else None

    def _save_to(self, path: Path) -> Path | None:
        if not self.draft.valid:
            return None
        try:
            saved = self.draft.save(path)
        except OSError as exc:
            QMessageBox.warning(self, self.texts("save.failed"), f"{path}: {exc}")
            return None
        self._show_state()
        self.statusBar().showMessage(self.texts("status.saved", path=str(saved)), 8000)
        return saved

    def export_to(self, out: Path, key: Path, *, bump: bool = False) -> Exported:
        """Sign the valid draft into ``out`` (``ExportError`` says why not)."""
        exported = sign_pack_text(self.draft.to_toml(), self.draft.path or out, key, out,
                                  bump=bump)
        if exported.version != self.draft.get(("pack", "version")):
            self.draft.set(("pack", "version"), exported.version)  # keep the draft in step
        self.statusBar().showMessage(self.texts(
            "status.exported", path=str(out), id=exported.pack_id, version=exported.version,
            kid=exported.key_id), 12000)
        return exported

    def export(self) -> None:
        key = self.key
        if key is None:
            chosen, _ = QFileDialog.getOpenFileName(self, self.texts("export.key"), "",
                                                    "Key (*.key)")
            if not chosen:
                return
            key = self.key = Path(chosen)
        out, _ = QFileDialog.getSaveFileName(self, self.texts("export.out"), "", "TOML (*.toml)")
        if not out:
            return
        try:
            self.export_to(Path(out), key)
        except ExportError as exc:
            if "not higher than" in str(exc) and self.ask(self.texts(
                    "export.bump", version=self.draft.pack.pack.version)):
                try:
                    self.export_to(Path(out), key, bump=True)
                except ExportError as again:
                    QMessageBox.warning(self, self.texts("export.failed"), str(again))
            else:
                QMessageBox.warning(self, self.texts("export.failed"), str(exc))

    def make_key(self, folder: Path, name: str = "signing") -> KeyPairFiles:
        """A new signing key pair in ``folder``; exports then sign with it. The status bar
        says where the public key is and the one command that trusts it on agents' PCs."""
        files = generate_key_pair(folder, name)  # raises if a key of that name is there
        self.key = files.private
        self.statusBar().showMessage(self.texts(
            "status.key_made", kid=files.key_id, private=str(files.private),
            public=str(files.public)), 30000)
        return files

    def choose_and_make_key(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.texts("menu.keygen"))
        if not folder:
            return
        try:
            self.make_key(Path(folder))
        except (KeyFileError, OSError) as exc:
            QMessageBox.warning(self, self.texts("menu.keygen"), str(exc))

    def ask(self, question: str) -> bool:
        """A yes/no question (replaced in tests, where nobody can answer a modal box)."""
        return QMessageBox.question(self, self.windowTitle(),
                                    question) == QMessageBox.StandardButton.Yes

    def closeEvent(self, event) -> None:
        if self.draft.dirty and self.isVisible() and not self.ask(self.texts("discard")):
            event.ignore()
            return
        super().closeEvent(event)
