"""The settings dialog's call-hotkeys group: each control command with its suggested key,
and a button that copies a GNOME script binding them all (see :mod:`assistant.ui.hotkeys`
for why the desktop binds them, not the overlay)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)
from assistant.ui.hotkeys import gnome_script, hotkeys, readable_key


class HotkeysBox(QGroupBox):
    def __init__(self, keys: dict[str, str] | None, program: str | None) -> None:
        super().__init__()
        self.keys, self.program = keys, program
        self.texts: Callable[..., str] = lambda key, **_: key
        self.note, self.copied = _label(), _label()
        self.rows = QGridLayout()
        self.copy = QPushButton()
        self.copy.clicked.connect(self._copy)
        column = QVBoxLayout(self)
        column.addWidget(self.note)
        column.addLayout(self.rows)
        row = QHBoxLayout()
        row.addWidget(self.copy)
        row.addWidget(self.copied, 1)
        column.addLayout(row)

    def retranslate(self, t: Callable[..., str]) -> None:
        self.texts = t
        self.setTitle(t("settings.hotkeys"))
        self.note.setText(t("settings.hotkeys_note"))
        self.copy.setText(t("settings.hotkeys_copy"))
        while self.rows.count():
            self.rows.takeAt(0).widget().deleteLater()
        for row, key in enumerate(hotkeys(self.keys, self.program)):
            cells = (t(f"settings.hotkey.{key.action}"), readable_key(key.key), key.command)
            for col, text in enumerate(cells):
                cell = QLabel(text)
                if col == 2:
                    cell.setStyleSheet("font-family: monospace;")
                    flags = cell.textInteractionFlags()
                    cell.setTextInteractionFlags(flags | flags.TextSelectableByMouse)
                self.rows.addWidget(cell, row, col)
        self.rows.setColumnStretch(2, 1)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(gnome_script(hotkeys(self.keys, self.program)))
        self.copied.setText(self.texts("settings.hotkeys_copied"))


def _label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label
