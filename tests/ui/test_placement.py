"""The overlay is dragged by mouse, snaps to screen edges and comes back where it was."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from assistant.overlay.state import OverlayState
from assistant.ui.overlay import COMPACT, EXPANDED, OverlayWindow
from assistant.ui.placement import SNAP_PX, keep_inside, screen_key, snap
from tests.unit.conduct.scripted_call import pack_for


def mouse(window, kind: QEvent.Type, global_pos: QPoint, buttons=Qt.MouseButton.LeftButton):
    local = QPointF(window.mapFromGlobal(global_pos))
    event = QMouseEvent(kind, local, QPointF(global_pos), Qt.MouseButton.LeftButton
                        if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
                        buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)


def drag(window, start_local: QPoint, to_global: QPoint) -> None:
    start = window.mapToGlobal(start_local)
    mouse(window, QEvent.Type.MouseButtonPress, start)
    mouse(window, QEvent.Type.MouseMove, (start + to_global) / 2)
    mouse(window, QEvent.Type.MouseMove, to_global)
    mouse(window, QEvent.Type.MouseButtonRelease, to_global, Qt.MouseButton.NoButton)


def overlay(qtbot, settings) -> OverlayWindow:
    window = OverlayWindow(OverlayState(pack_for()), settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_snap_is_a_pure_function_of_frame_area_and_threshold():
    area = QRect(0, 0, 1000, 800)
    assert snap(QRect(10, 300, 200, 100), area, 16) == QPoint(0, 300)
    assert snap(QRect(785, 300, 200, 100), area, 16) == QPoint(800, 300)
    assert snap(QRect(500, 690, 200, 100), area, 16) == QPoint(500, 700)
    assert snap(QRect(500, 12, 200, 100), area, 16) == QPoint(500, 0)
    assert snap(QRect(40, 300, 200, 100), area, 16) == QPoint(40, 300)  # too far: stays
    assert keep_inside(QPoint(950, -20), QRect(0, 0, 200, 100).size(), area) == QPoint(800, 0)


def test_dragging_moves_the_window_and_it_snaps_to_the_left_edge(qtbot, settings):
    window = overlay(qtbot, settings)
    area = window.screen().availableGeometry()
    grab = QPoint(window.width() // 3, window.height() // 2)
    target = QPoint(area.left() + 150, area.top() + 200) + grab
    drag(window, grab, target)
    assert window.pos() == QPoint(area.left() + 150, area.top() + 200)
    near_edge = QPoint(area.left() + SNAP_PX - 6, area.top() + 200) + grab
    drag(window, grab, near_edge)
    assert window.pos() == QPoint(area.left(), area.top() + 200)


def test_position_is_remembered_per_screen(qtbot, settings):
    window = overlay(qtbot, settings)
    area = window.screen().availableGeometry()
    grab = QPoint(window.width() // 3, window.height() // 2)
    drag(window, grab, QPoint(area.left() + 123, area.top() + 77) + grab)
    saved = window.pos()
    key = screen_key(window.screen())
    assert settings.value(f"screens/{key}/pos") == saved
    window.close()
    again = overlay(qtbot, settings)
    assert again.pos() == saved


def test_width_and_mode_are_remembered(qtbot, settings):
    window = overlay(qtbot, settings)
    window.set_mode(EXPANDED)
    right_edge = QPoint(window.width() - 2, window.height() // 2)
    wider = window.mapToGlobal(right_edge) + QPoint(60, 0)
    old = window.width()
    drag(window, right_edge, wider)
    assert window.width() > old
    width = window.width()
    window.close()
    again = overlay(qtbot, settings)
    assert again.mode == EXPANDED
    assert again.width() == width
    again.set_mode(COMPACT)
    assert again.width() < width


def test_a_window_on_the_bottom_edge_grows_upwards(qtbot, settings):
    window = overlay(qtbot, settings)
    area = window.screen().availableGeometry()
    grab = QPoint(window.width() // 3, window.height() // 2)
    drag(window, grab, QPoint(area.left() + 100, area.bottom() - window.height() - 5) + grab)
    assert window.frameGeometry().bottom() == area.bottom()
    window.set_mode(EXPANDED)
    assert window.frameGeometry().bottom() == area.bottom()


def test_a_window_in_the_lower_half_grows_upwards_and_one_at_the_top_downwards(qtbot, settings):
    window = overlay(qtbot, settings)
    area = window.screen().availableGeometry()
    grab = QPoint(window.width() // 3, window.height() // 2)
    drag(window, grab, QPoint(area.left() + 200, area.bottom() - window.height() - 150) + grab)
    bottom, height = window.frameGeometry().bottom(), window.height()
    window.set_mode(EXPANDED)
    assert window.height() > height
    assert window.frameGeometry().bottom() == bottom  # grew up, not over what is below
    window.set_mode(COMPACT)
    drag(window, grab, QPoint(area.left() + 200, area.top() + 2) + grab)
    top = window.frameGeometry().top()
    window.set_mode(EXPANDED)
    assert window.frameGeometry().top() == top
    assert window.frameGeometry().bottom() <= area.bottom()
