"""The replay timeline: the call's lanes on one time axis, with the playhead.

Thin view over ``ReplayModel``: it only maps time to pixels and paints (the lanes are
computed in the model). Lanes from top: time axis with the trainer's notes, phase bands,
agent and caller (loudness envelope over speech spans), pace of both with the band the
agent belonged in, holds with the moments an update was due, and the prompts as markers
labelled with their clause (with a pack comparison, the prompts it would add or remove in
their own colours).

Mouse: click or drag to move the playhead, click a marker to jump to its prompt, wheel
to zoom around the pointer, shift+wheel (or the scroll bar under it) to pan.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPixmap, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from assistant.ground.events import Channel
from assistant.sessions.replay.rerun import Change, PackDiff
from assistant.sessions.replay.timeline import ReplayModel
from assistant.ui.i18n import Texts
from assistant.ui.replay import paint
from assistant.ui.replay.paint import Lane
from assistant.ui.theme import Metrics, base_font

MIN_SPAN_S = 5.0
ZOOM_STEP = 1.25


@dataclass(frozen=True)
class Marker:
    """A clickable prompt marker as painted: where, and what it jumps to."""

    rect: QRectF
    t: float
    index: int
    change: Change | None


class TimelineView(QWidget):
    seek_requested = Signal(float)
    prompt_clicked = Signal(int)
    """Index into ``model.prompts`` (or, negative ``-1 - i``, into the diff's added ones)."""
    view_changed = Signal(float, float)

    def __init__(self, texts: Texts, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFont(base_font(9.5))
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        self.texts = texts
        self.model: ReplayModel | None = None
        self.diff: PackDiff | None = None
        self.notes: list = []
        self.playhead = 0.0
        self.t0, self.t1 = 0.0, 1.0
        self.markers: list[Marker] = []
        self._dragging = False
        self._picture: QPixmap | None = None
        self._picture_key: tuple = ()
        self.paints = 0
        self.lane_paints = 0

    # --- what the window sets -----------------------------------------------------------

    def set_model(self, model: ReplayModel | None) -> None:
        self.model, self.diff, self.markers = model, None, []
        self.notes = list(model.session.notes) if model else []
        self.playhead = 0.0
        self.set_view(0.0, model.duration if model else 1.0)

    def set_diff(self, diff: PackDiff | None) -> None:
        self.diff = diff
        self.update()

    def set_notes(self, notes: list) -> None:
        self.notes = list(notes)
        self.update()

    def redraw(self) -> None:
        """Draw the lanes afresh (the cached picture is dropped)."""
        self._picture = None
        self.update()

    def set_playhead(self, t: float) -> None:
        if t == self.playhead:
            return
        old = self._x(self.playhead)
        self.playhead = t
        if not (self.t0 <= t <= self.t1) and self.model is not None:
            span = self.t1 - self.t0
            start = min(max(0.0, t - span * 0.1), max(0.0, self.model.duration - span))
            self.set_view(start, start + span)
            return
        new = self._x(t)
        pad = 3
        self.update(int(min(old, new)) - pad, 0, int(abs(new - old)) + 2 * pad, self.height())

    def set_view(self, t0: float, t1: float) -> None:
        duration = self.model.duration if self.model else 1.0
        span = min(max(t1 - t0, min(MIN_SPAN_S, duration)), max(duration, 1e-3))
        t0 = min(max(0.0, t0), max(0.0, duration - span))
        self.t0, self.t1 = t0, t0 + span
        self.view_changed.emit(self.t0, self.t1)
        self.update()

    def zoom(self, factor: float, around: float | None = None) -> None:
        around = self.playhead if around is None else around
        span = (self.t1 - self.t0) / factor
        share = (around - self.t0) / max(self.t1 - self.t0, 1e-9)
        self.set_view(around - span * share, around - span * share + span)

    # --- geometry -----------------------------------------------------------------------

    def lanes(self) -> list[Lane]:
        m = Metrics.of(self)
        heights = [("axis", 1.4), ("phase", 1.4)]
        channels = self.model.channels if self.model else (Channel.AGENT, Channel.CALLER)
        heights += [(ch.value, 3.2) for ch in channels]
        heights += [("pace", 5.0), ("hold", 1.6), ("prompts", 3.8)]
        natural = sum(lines for _, lines in heights) * m.line
        scale = max(1.0, self.height() / natural) if self.height() > 0 else 1.0
        out, y = [], 0.0
        for name, lines in heights:
            grow = scale if name not in ("axis", "phase", "hold") else 1.0
            out.append(Lane(name, QRectF(0, y, self.width(), m.line * lines * grow)))
            y += m.line * lines * grow
        return out

    def sizeHint(self) -> QSize:
        m = Metrics.of(self)
        lanes = 1.4 + 1.4 + 3.2 * 2 + 5.0 + 1.6 + 3.8
        return QSize(round(m.char * 60), round(m.line * lanes) + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(round(Metrics.of(self).char * 20), self.sizeHint().height())

    def _x(self, t: float) -> float:
        return (t - self.t0) / max(self.t1 - self.t0, 1e-9) * self.width()

    def time_at(self, x: float) -> float:
        t = self.t0 + x / max(self.width(), 1) * (self.t1 - self.t0)
        duration = self.model.duration if self.model else 0.0
        return min(max(0.0, t), duration)

    # --- painting -----------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        """The lanes come from a cached picture, redrawn only when the view changes;
        moving the playhead costs one line."""
        self.paints += 1
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._lanes_picture())
        if self.model is not None:
            paint.playhead(self._context(painter), self._x(self.playhead))

    def _context(self, painter: QPainter) -> paint.Context:
        return paint.Context(painter, self.model, self.texts, self.t0, self.t1, self.width(),
                             Metrics.of(self), self.font(), float(self.height()))

    def _lanes_picture(self) -> QPixmap:
        key = (id(self.model), self.t0, self.t1, self.width(), self.height(), id(self.diff),
               tuple((n.id, n.t) for n in self.notes), self.devicePixelRatioF())
        if self._picture is not None and key == self._picture_key:
            return self._picture
        ratio = self.devicePixelRatioF()
        picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        picture.setDevicePixelRatio(ratio)
        painter = QPainter(picture)
        painter.setFont(self.font())
        self._paint_lanes(painter)
        painter.end()
        self._picture, self._picture_key = picture, key
        self.lane_paints += 1
        return picture

    def _paint_lanes(self, painter: QPainter) -> None:
        painter.fillRect(QRectF(0, 0, self.width(), self.height()), paint.COLORS.stage)
        if self.model is None:
            painter.setPen(paint.COLORS.muted)
            painter.drawText(QRectF(0, 0, self.width(), self.height()),
                             Qt.AlignmentFlag.AlignCenter, self.texts("timeline.empty"))
            return
        ctx = self._context(painter)
        lanes = {lane.name: lane for lane in self.lanes()}
        paint.phases(ctx, lanes["phase"].rect)
        for ch in self.model.channels:
            paint.channel(ctx, lanes[ch.value].rect, ch)
        paint.pace(ctx, lanes["pace"].rect)
        paint.holds(ctx, lanes["hold"].rect)
        self.markers = [Marker(rect, t, index, change) for rect, t, index, change in
                        paint.prompts(ctx, lanes["prompts"].rect, self.diff)]
        paint.axis(ctx, lanes["axis"].rect, self.notes)
        paint.lane_labels(ctx, list(lanes.values()))

    # --- mouse --------------------------------------------------------------------------

    def marker_at(self, pos: QPointF) -> Marker | None:
        hits = [m for m in self.markers if m.rect.contains(pos)]
        return min(hits, key=lambda m: abs(m.rect.center().x() - pos.x())) if hits else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() is not Qt.MouseButton.LeftButton or self.model is None:
            return super().mousePressEvent(event)
        marker = self.marker_at(event.position())
        if marker is not None:
            self.prompt_clicked.emit(marker.index)
        else:
            self._dragging = True
            self.seek_requested.emit(self.time_at(event.position().x()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self.seek_requested.emit(self.time_at(event.position().x()))
        elif self.model is not None:
            marker = self.marker_at(event.position())
            self.setCursor(Qt.CursorShape.PointingHandCursor if marker
                           else Qt.CursorShape.IBeamCursor)
            self.setToolTip(self._marker_tip(marker) if marker else "")
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._dragging = False
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.model is None:
            return
        steps = event.angleDelta().y() / 120 or event.angleDelta().x() / 120
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier or event.angleDelta().x():
            span = self.t1 - self.t0
            self.set_view(self.t0 - steps * span * 0.1, self.t1 - steps * span * 0.1)
        else:
            self.zoom(ZOOM_STEP ** steps, self.time_at(event.position().x()))
        event.accept()

    def _marker_tip(self, marker: Marker) -> str:
        prompt = paint.marker_prompt(self.model, self.diff, marker.index)
        if prompt is None:
            return ""
        label = self.model and paint.clause_label(self.model, prompt.clause)
        return f"{paint.clock(prompt.t)}  {label}\n{prompt.text}"
