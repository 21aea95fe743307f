"""Where the overlay sits: dragged by mouse, snapped to screen edges, remembered per screen.

Agents put the overlay in one spot beside the softphone and expect it there every
shift, on every monitor layout they dock into. Position and width are stored per
screen (name and size) in ``QSettings`` under the organisation ``etiquette-assistant``;
the window goes back to where it last was on the screen it opens on, always fully
visible. Within ``SNAP_PX`` (scaled with the screen's DPI) of an edge the window snaps
to it; a window snapped to the bottom grows upwards so it never slides off-screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

ORGANISATION = "etiquette-assistant"
APPLICATION = "overlay"
SNAP_PX = 16
_ANCHOR_SLACK = 2


def default_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     ORGANISATION, APPLICATION)


def snap(frame: QRect, area: QRect, threshold: int) -> QPoint:
    """Top-left for ``frame`` after snapping each near edge of ``area`` (pure, testable)."""
    x, y = frame.x(), frame.y()
    if abs(frame.left() - area.left()) <= threshold:
        x = area.left()
    elif abs(frame.right() - area.right()) <= threshold:
        x = area.right() - frame.width() + 1
    if abs(frame.top() - area.top()) <= threshold:
        y = area.top()
    elif abs(frame.bottom() - area.bottom()) <= threshold:
        y = area.bottom() - frame.height() + 1
    return QPoint(x, y)


def keep_inside(top_left: QPoint, size: QSize, area: QRect) -> QPoint:
    x = min(max(top_left.x(), area.left()), area.right() - size.width() + 1)
    y = min(max(top_left.y(), area.top()), area.bottom() - size.height() + 1)
    return QPoint(max(x, area.left()), max(y, area.top()))


def screen_key(screen: QScreen) -> str:
    """A settings-safe key for a screen: its name and size (a re-docked laptop differs)."""
    size = screen.size()
    name = "".join(ch if ch.isalnum() else "_" for ch in (screen.name() or "screen"))
    return f"{name}_{size.width()}x{size.height()}"


class Placement:
    """Moves and remembers one top-level window; the window forwards its mouse events."""

    def __init__(self, window: QWidget, settings: QSettings | None = None):
        self.window = window
        self.settings = settings if settings is not None else default_settings()
        self._drag_offset: QPoint | None = None

    # --- remembering ---------------------------------------------------------------------

    def screen(self) -> QScreen:
        screen = self.window.screen() or QGuiApplication.primaryScreen()
        return screen

    def _key(self, screen: QScreen, name: str) -> str:
        return f"screens/{screen_key(screen)}/{name}"

    def saved_width(self, mode: str, default: int) -> int:
        value = self.settings.value(self._key(self.screen(), f"width_{mode}"))
        try:
            return max(1, int(value)) if value is not None else default
        except (TypeError, ValueError):
            return default

    def save_width(self, mode: str, width: int) -> None:
        self.settings.setValue(self._key(self.screen(), f"width_{mode}"), int(width))

    def saved_mode(self, default: str) -> str:
        return str(self.settings.value(self._key(self.screen(), "mode"), default))

    def save_mode(self, mode: str) -> None:
        self.settings.setValue(self._key(self.screen(), "mode"), mode)

    def restore(self) -> None:
        """Put the window where it last was on its screen, else top-right of the screen."""
        screen = self._last_screen() or self.screen()
        area = screen.availableGeometry()
        value = self.settings.value(self._key(screen, "pos"))
        size = self.window.frameGeometry().size()
        if isinstance(value, QPoint):
            top_left = value
        else:
            margin = round(SNAP_PX * self._scale(screen))
            top_left = QPoint(area.right() - size.width() - margin, area.top() + margin * 4)
        self.window.move(keep_inside(top_left, size, area))

    def save(self) -> None:
        screen = self.screen()
        self.settings.setValue(self._key(screen, "pos"), self.window.pos())
        self.settings.setValue("last_screen", screen_key(screen))
        self.settings.sync()

    def _last_screen(self) -> QScreen | None:
        wanted = self.settings.value("last_screen")
        for screen in QGuiApplication.screens():
            if screen_key(screen) == wanted:
                return screen
        return None

    @staticmethod
    def _scale(screen: QScreen) -> float:
        return max(1.0, screen.logicalDotsPerInch() / 96.0)

    # --- dragging ------------------------------------------------------------------------

    def press(self, global_pos: QPoint) -> None:
        self._drag_offset = global_pos - self.window.frameGeometry().topLeft()

    def move(self, global_pos: QPoint) -> bool:
        if self._drag_offset is None:
            return False
        self.window.move(global_pos - self._drag_offset)
        return True

    def release(self) -> bool:
        if self._drag_offset is None:
            return False
        self._drag_offset = None
        self.snap_to_edges()
        self.save()
        return True

    @property
    def dragging(self) -> bool:
        return self._drag_offset is not None

    def snap_to_edges(self) -> None:
        screen = self.screen()
        threshold = round(SNAP_PX * self._scale(screen))
        area = screen.availableGeometry()
        frame = self.window.frameGeometry()
        self.window.move(keep_inside(snap(frame, area, threshold), frame.size(), area))

    def resize_keeping_anchor(self, size: QSize) -> None:
        """Resize, growing away from the edge the window belongs to: one on (or nearer
        to) the screen's bottom keeps its bottom where it is and grows upwards, one on the
        top edge or in the upper half keeps its top; either way it stays on the screen."""
        if size == self.window.size():
            return
        area = self.screen().availableGeometry()
        old = self.window.frameGeometry()
        on_bottom = abs(old.bottom() - area.bottom()) <= _ANCHOR_SLACK
        on_top = abs(old.top() - area.top()) <= _ANCHOR_SLACK
        lower_half = old.center().y() > area.center().y()
        self.window.setFixedSize(size)
        if not self.window.isVisible():
            return
        height = self.window.frameGeometry().height()
        top = old.bottom() + 1 - height if (on_bottom or lower_half) and not on_top else old.top()
        self.window.move(keep_inside(QPoint(old.left(), top), self.window.frameGeometry().size(),
                                     area))
