"""The settings dialog's speech-model rows: installed or not, and installing one.

Installing runs ``install_model`` (or ``install_from_zip``) on a worker thread; progress
and the outcome come back as signals, so the dialog stays responsive during a 40 MB
download. A failure shows the ``ModelError``'s message (what went wrong, what to do).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from assistant.speech.vosk_model import ModelStatus
from assistant.ui.i18n import Texts

LANGS = ("zh", "en")
Installer = Callable[..., Path]


class _Job(QObject):
    progress = Signal(int, int)
    """(bytes done, total or 0 when unknown)."""
    done = Signal(str, str)
    """(installed path, error message): exactly one of them is set."""


class ModelPanel(QWidget):
    def __init__(self, texts: Texts, *, models: Callable[[], list[ModelStatus]],
                 install: Installer, install_zip: Installer, parent: QWidget | None = None):
        super().__init__(parent)
        self.texts = texts
        self.models = models
        self.install = install
        self.install_zip = install_zip
        self.busy: str | None = None
        self.rows: dict[str, tuple[QLabel, QLabel, QPushButton, QPushButton]] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, lang in enumerate(LANGS):
            name, state = QLabel(), QLabel()
            state.setWordWrap(True)
            download, from_zip = QPushButton(), QPushButton()
            download.clicked.connect(lambda _=False, lang=lang: self.start(lang))
            from_zip.clicked.connect(lambda _=False, lang=lang: self.start_from_zip(lang))
            grid.addWidget(name, 2 * row, 0)
            grid.addWidget(download, 2 * row, 1)
            grid.addWidget(from_zip, 2 * row, 2)
            grid.addWidget(state, 2 * row + 1, 0, 1, 3)
            self.rows[lang] = (name, state, download, from_zip)
        grid.setColumnStretch(0, 1)
        self.bar = QProgressBar()
        self.bar.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        grid.addWidget(self.bar, 2 * len(LANGS), 0, 1, 3)
        grid.addWidget(self.message, 2 * len(LANGS) + 1, 0, 1, 3)
        self.job = _Job(self)
        self.job.progress.connect(self._progress)
        self.job.done.connect(self._done)
        self.retranslate(texts)

    def retranslate(self, texts: Texts) -> None:
        self.texts = texts
        statuses = {s.lang: s for s in self.models()}
        for lang, (name, state, download, from_zip) in self.rows.items():
            status = statuses.get(lang)
            name.setText(f"{texts(f'settings.lang.{lang}')} — {status.name if status else '?'}")
            installed = bool(status and status.installed)
            state.setText(texts("settings.model_installed") if installed
                          else texts("settings.model_missing"))
            state.setToolTip(str(status.path) if status else "")
            state.setStyleSheet("color: #2e7d62;" if installed else "color: #8a6d1f;")
            download.setText(texts("settings.model_install"))
            from_zip.setText(texts("settings.model_from_zip"))
            for button in (download, from_zip):
                button.setEnabled(self.busy is None and not installed)

    def start(self, lang: str, zip_path: Path | None = None) -> None:
        """Install ``lang``'s model on a worker thread (from ``zip_path`` if given)."""
        if self.busy is not None:
            return
        self.busy = lang
        self.bar.setRange(0, 0)
        self.bar.show()
        self.message.setText(self.texts("settings.model_installing"))
        self.message.setStyleSheet("")
        self.message.show()
        self.retranslate(self.texts)
        threading.Thread(target=self._run, args=(lang, zip_path), name=f"model-{lang}",
                         daemon=True).start()

    def start_from_zip(self, lang: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.texts("settings.model_from_zip"),
                                              "", "Zip (*.zip)")
        if path:
            self.start(lang, Path(path))

    def _run(self, lang: str, zip_path: Path | None) -> None:
        from assistant.speech.vosk_model import ModelError

        try:
            if zip_path is not None:
                path = self.install_zip(zip_path, lang)
            else:
                path = self.install(lang, progress=lambda done, total:
                                    self.job.progress.emit(done, total or 0))
        except ModelError as exc:
            self.job.done.emit("", str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the agent, never a dead thread
            self.job.done.emit("", f"{type(exc).__name__}: {exc}")
        else:
            self.job.done.emit(str(path), "")

    def _progress(self, done: int, total: int) -> None:
        if total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(round(done / total * 1000))

    def _done(self, path: str, error: str) -> None:
        self.busy = None
        self.bar.hide()
        if error:
            self.message.setText(error)
            self.message.setStyleSheet("color: #b3261e;")
        else:
            self.message.setText(self.texts("settings.model_done", path=path))
            self.message.setStyleSheet("color: #2e7d62;")
        self.retranslate(self.texts)
