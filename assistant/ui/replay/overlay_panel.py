"""The overlay as the agent saw it at the playhead, embedded in the replay window.

The very overlay widget the agent runs (same parts, same layout rules, same words), made
an ordinary child widget: no always-on-top tool window, no dragging, no remembered
placement, no chime. It shows whichever ``OverlayState`` the replay model hands it for the
playhead; when seeking gives a different state object, everything is repainted, otherwise
only the parts that changed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import QWidget

from assistant.overlay.state import OverlayState
from assistant.ui.chime import Chime
from assistant.ui.overlay import EXPANDED, OverlayWindow
from assistant.ui.theme import Metrics

WIDTH_CHARS = 24


class OverlayPanel(OverlayWindow):
    def __init__(self, state: OverlayState, parent: QWidget | None = None):
        self._tmp = tempfile.TemporaryDirectory(prefix="replay-overlay-")
        settings = QSettings(str(Path(self._tmp.name) / "overlay.ini"),
                             QSettings.Format.IniFormat)
        super().__init__(state, settings=settings, chime=Chime(enabled=False), parent=parent)
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)
        self.set_mode(EXPANDED)

    def show_state(self, state: OverlayState) -> None:
        if state is not self.state:
            lang = self.state.lang
            self.state = state
            if state.lang != lang:
                state.set_lang(lang)
            self.refresh(everything=True)
            self._settle_prompt()
        else:
            self.refresh()

    def _settle_prompt(self) -> None:
        """After a jump there is nothing to fade: a prompt that is not up is simply gone."""
        card = self.prompt
        if card.leaving:
            card.fade.setCurrentTime(card.fade.totalDuration())

    def set_lang(self, lang: str) -> None:
        super().set_lang(lang)
        self.refresh(everything=True)

    def _toggle_item(self, item) -> None:
        """A replay shows what the agent ticked; a trainer's click changes nothing."""

    # An embedded panel sizes itself by layout, never moves, and ignores drags.

    def _fit(self) -> None:
        width = round(Metrics.of(self).char * WIDTH_CHARS)
        layout = self.layout()
        layout.invalidate()
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() \
            else layout.totalSizeHint().height()
        self.setFixedSize(QSize(width, height))

    def showEvent(self, event) -> None:
        QWidget.showEvent(self, event)

    def mousePressEvent(self, event) -> None:
        QWidget.mousePressEvent(self, event)

    def mouseMoveEvent(self, event) -> None:
        QWidget.mouseMoveEvent(self, event)

    def mouseReleaseEvent(self, event) -> None:
        QWidget.mouseReleaseEvent(self, event)
