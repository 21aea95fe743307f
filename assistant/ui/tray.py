"""The system-tray icon: the agent's handle on the app when the overlay is out of the way.

Pause / resume listening, mark call events (for softphones without hooks), show the
overlay, settings, the replay window (the agent's own recorded calls) and quit. The
tray only emits signals; the app decides what they do, so the wiring is tested without
a real tray (offscreen there is none; the menu still works).

The icon is drawn, not loaded: a speech bubble whose colour says the state at a glance
(teal listening, grey paused, amber a device lost), with pause bars while paused.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)
from assistant.ground.events import CallAction
from assistant.ui.i18n import Texts
from assistant.ui.theme import PALETTE

LISTENING, PAUSED, DEVICE_LOST, STOPPED = "listening", "paused", "device_lost", "stopped"
TRAY_ACTIONS = (CallAction.RING, CallAction.START, CallAction.HOLD, CallAction.RESUME,
                CallAction.END)
_COLOURS = {LISTENING: PALETTE.ok, PAUSED: QColor(150, 158, 168),
            DEVICE_LOST: PALETTE.attention, STOPPED: QColor(150, 158, 168)}


def app_texts(lang: str) -> Texts:
    return Texts(lang, "app")


def tray_icon(state: str = LISTENING, size: int = 64) -> QIcon:
    """A speech bubble in the state's colour; pause bars when paused, a dot when lost."""
    icon = QIcon()
    for px in (16, 22, 32, size):
        icon.addPixmap(_bubble(state, px))
    return icon


def _bubble(state: str, px: int) -> QPixmap:
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = px / 64
    body = QPainterPath()
    body.addRoundedRect(QRectF(4 * s, 6 * s, 56 * s, 40 * s), 12 * s, 12 * s)
    tail = QPainterPath(QPointF(16 * s, 44 * s))
    tail.lineTo(12 * s, 60 * s)
    tail.lineTo(30 * s, 44 * s)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_COLOURS.get(state, PALETTE.ok))
    painter.drawPath(body.united(tail))
    painter.setBrush(QColor(255, 255, 255))
    if state in (PAUSED, STOPPED):
        for x in (23, 35):
            painter.drawRoundedRect(QRectF(x * s, 15 * s, 7 * s, 22 * s), 2 * s, 2 * s)
    elif state == DEVICE_LOST:
        painter.drawRoundedRect(QRectF(29 * s, 13 * s, 7 * s, 17 * s), 3 * s, 3 * s)
        painter.drawEllipse(QRectF(29 * s, 33 * s, 7 * s, 7 * s))
    else:
        for i, h in enumerate((12, 22, 16, 8)):  # a level meter: "I am listening"
            painter.drawRoundedRect(QRectF((17 + i * 8) * s, (26 - h / 2) * s, 5 * s, h * s),
                                    2 * s, 2 * s)
    painter.end()
    return pixmap


class Tray(QObject):
    pause_requested = Signal()
    resume_requested = Signal()
    call_requested = Signal(object)
    """A ``CallAction`` to mark."""
    overlay_toggled = Signal(bool)
    settings_requested = Signal()
    replay_requested = Signal()
    quit_requested = Signal()

    def __init__(self, lang: str = "zh", parent: QObject | None = None):
        super().__init__(parent)
        self.state = LISTENING
        self.menu = QMenu()
        self.menu.setObjectName("tray-menu")
        self.status = QAction(self.menu)
        self.status.setEnabled(False)
        self.pause = QAction(self.menu)
        self.pause.triggered.connect(self._pause_clicked)
        self.call_title = QAction(self.menu)
        self.call_title.setEnabled(False)
        self.calls: dict[CallAction, QAction] = {}
        for action in TRAY_ACTIONS:
            item = QAction(self.menu)
            item.triggered.connect(lambda _=False, a=action: self.call_requested.emit(a))
            self.calls[action] = item
        self.overlay = QAction(self.menu)
        self.overlay.setCheckable(True)
        self.overlay.setChecked(True)
        self.overlay.toggled.connect(self.overlay_toggled)
        self.settings = QAction(self.menu)
        self.settings.triggered.connect(self.settings_requested)
        self.replay = QAction(self.menu)
        self.replay.triggered.connect(self.replay_requested)
        self.quit = QAction(self.menu)
        self.quit.triggered.connect(self.quit_requested)
        self._fill_menu()
        self.icon = QSystemTrayIcon(self)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.set_lang(lang)

    def _fill_menu(self) -> None:
        m = self.menu
        m.addAction(self.status)
        m.addAction(self.pause)
        m.addSeparator()
        m.addAction(self.call_title)
        for action in TRAY_ACTIONS:
            m.addAction(self.calls[action])
        m.addSeparator()
        m.addAction(self.overlay)
        m.addAction(self.settings)
        m.addAction(self.replay)
        m.addSeparator()
        m.addAction(self.quit)

    # --- what the app calls ------------------------------------------------------------

    def show(self) -> bool:
        """Show the icon; ``False`` where the desktop has no tray (the overlay still runs)."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return False
        self.icon.show()
        return True

    def hide(self) -> None:
        self.icon.hide()

    def set_lang(self, lang: str) -> None:
        self.texts = app_texts(lang)
        t = self.texts
        for action, item in self.calls.items():
            item.setText("    " + t(f"tray.call.{action.value}"))
        self.call_title.setText(t("tray.call.title"))
        self.overlay.setText(t("tray.overlay"))
        self.settings.setText(t("tray.settings"))
        self.replay.setText(t("tray.replay"))
        self.quit.setText(t("tray.quit"))
        self.set_state(self.state)

    def set_state(self, state: str) -> None:
        self.state = state
        t = self.texts
        label = t(f"tray.state.{state}")
        self.status.setText(label)
        self.pause.setText(t("tray.resume" if state == PAUSED else "tray.pause"))
        self.icon.setIcon(tray_icon(state))
        self.icon.setToolTip(t("tray.tooltip", state=label))

    def set_overlay_shown(self, shown: bool) -> None:
        self.overlay.blockSignals(True)
        self.overlay.setChecked(shown)
        self.overlay.blockSignals(False)

    # --- clicks --------------------------------------------------------------------------

    def _pause_clicked(self) -> None:
        if self.state == PAUSED:
            self.resume_requested.emit()
        else:
            self.pause_requested.emit()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.overlay.toggle()
