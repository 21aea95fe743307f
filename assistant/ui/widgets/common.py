"""Small helpers shared by the overlay's widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QWidget


def label(text: str = "", *, role: str = "", font: QFont | None = None,
          wrap: bool = False, parent: QWidget | None = None) -> QLabel:
    widget = QLabel(text, parent)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if role:
        widget.setProperty("role", role)
    if font is not None:
        widget.setFont(font)
    widget.setWordWrap(wrap)
    return widget


def set_role(widget: QWidget, role: str) -> None:
    """Switch a label's colour role; a no-op when unchanged (restyling is not free)."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def set_text(widget: QLabel | QPushButton, text: str) -> None:
    if widget.text() != text:
        widget.setText(text)


def mouse_button(text: str = "", *, role: str = "link", parent: QWidget | None = None
                 ) -> QPushButton:
    """A button that works by mouse only and never takes focus from the softphone."""
    button = QPushButton(text, parent)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setProperty("role", role)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setAutoDefault(False)
    button.setFlat(True)
    return button


def clock(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
