"""How each timeline lane is painted; ``TimelineView`` calls these in lane order.

One function per lane, each given the lane's rectangle and a ``Context`` (painter, model,
visible time range, layout units). Everything visible is fetched for the visible range
only (envelope columns per pixel, pace readings by binary search), so an hour-long call
repaints as fast as a one-minute one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF

from assistant.ground.events import Channel, Phase
from assistant.sessions.replay.rerun import Change, PackDiff
from assistant.sessions.replay.timeline import ReplayModel
from assistant.ui.i18n import Texts
from assistant.ui.theme import Metrics
from assistant.ui.widgets.common import clock

DB_FLOOR = -60.0
AXIS_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)


class COLORS:
    """The timeline's stage is dark like the overlay, so the two read as one thing."""

    stage = QColor(26, 30, 37)
    lane = QColor(33, 38, 46)
    grid = QColor(255, 255, 255, 22)
    text = QColor(233, 237, 242)
    muted = QColor(160, 171, 184)
    agent = QColor(94, 184, 160)
    caller = QColor(120, 168, 214)
    band = QColor(94, 184, 160, 55)
    band_abs = QColor(255, 255, 255, 22)
    hold = QColor(232, 180, 84, 70)
    mark = QColor(232, 180, 84)
    warning = QColor(226, 124, 108)
    info = QColor(120, 168, 214)
    added = QColor(186, 140, 240)
    removed = QColor(130, 134, 144)
    changed = QColor(232, 180, 84)
    note = QColor(240, 208, 120)
    note_edge = QColor(150, 110, 30)
    playhead = QColor(255, 255, 255)
    phase = {
        Phase.IDLE: QColor(255, 255, 255, 8), Phase.GREETING: QColor(120, 168, 214, 70),
        Phase.CONVERSATION: QColor(94, 184, 160, 45), Phase.HOLD: QColor(232, 180, 84, 80),
        Phase.CLOSING: QColor(186, 140, 240, 70), Phase.ENDED: QColor(255, 255, 255, 14),
    }


LABEL_BACK = QColor(26, 30, 37, 200)


@dataclass(frozen=True)
class Lane:
    name: str
    rect: QRectF


@dataclass
class Context:
    painter: QPainter
    model: ReplayModel
    texts: Texts
    t0: float
    t1: float
    width: int
    metrics: Metrics
    font: QFont
    height: float = 0.0

    def x(self, t: float) -> float:
        return (t - self.t0) / max(self.t1 - self.t0, 1e-9) * self.width

    def visible(self, start: float, end: float) -> bool:
        return end >= self.t0 and start <= self.t1


def clause_label(model: ReplayModel, clause: str) -> str:
    return model.clause_label(clause)


def _small(ctx: Context, factor: float = 0.85, bold: bool = False) -> QFont:
    font = QFont(ctx.font)
    font.setPointSizeF(ctx.font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def lane_labels(ctx: Context, lanes: list[Lane]) -> None:
    p = ctx.painter
    p.setFont(_small(ctx, 0.8))
    pad = ctx.metrics.line * 0.25
    for lane in lanes:
        if lane.name in ("axis", "phase"):
            continue
        text = ctx.texts(f"lane.{lane.name}")
        box = QRectF(lane.rect.left() + pad, lane.rect.top() + pad * 0.5,
                     p.fontMetrics().horizontalAdvance(text) + 2 * pad,
                     p.fontMetrics().height())
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(LABEL_BACK)
        p.drawRoundedRect(box, 3, 3)
        p.setPen(COLORS.text)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        p.setPen(QPen(COLORS.grid, 1))
        p.drawLine(QPointF(0, lane.rect.bottom()), QPointF(ctx.width, lane.rect.bottom()))


def axis(ctx: Context, rect: QRectF, notes: list) -> None:
    p = ctx.painter
    p.setFont(_small(ctx, 0.8))
    span = ctx.t1 - ctx.t0
    wanted = ctx.metrics.char * 6 / max(ctx.width, 1) * span
    step = next((s for s in AXIS_STEPS if s >= wanted), AXIS_STEPS[-1])
    t = np.ceil(ctx.t0 / step) * step
    while t <= ctx.t1:
        x = ctx.x(t)
        p.setPen(QPen(COLORS.grid, 1))
        p.drawLine(QPointF(x, rect.bottom() - rect.height() * 0.3), QPointF(x, rect.bottom()))
        p.setPen(COLORS.muted)
        p.drawText(QRectF(x + 3, rect.top(), ctx.metrics.char * 6, rect.height()),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, clock(t))
        t += step
    side = rect.height() * 0.45
    for note in notes:
        if ctx.t0 <= note.t <= ctx.t1:
            p.setPen(QPen(COLORS.note_edge, 1))
            p.setBrush(COLORS.note)
            p.drawPolygon(note_marker(ctx.x(note.t), rect, side))


def note_marker(x: float, rect: QRectF, side: float) -> QPolygonF:
    """A note is a flag standing on the bottom of the time axis (its pole at the note's
    time): nothing like the playhead's triangle hanging from the top edge."""
    bottom = rect.bottom() - 1
    top = bottom - side * 1.1
    return QPolygonF([QPointF(x, bottom), QPointF(x, top), QPointF(x + side * 1.2, top),
                      QPointF(x + side * 0.9, top + side * 0.3),
                      QPointF(x + side * 1.2, top + side * 0.6), QPointF(x + 1, top + side * 0.6),
                      QPointF(x + 1, bottom)])


def playhead_marker(x: float, side: float) -> QPolygonF:
    return QPolygonF([QPointF(x - side / 2, 0), QPointF(x + side / 2, 0),
                      QPointF(x, side * 0.8)])


def phases(ctx: Context, rect: QRectF) -> None:
    p = ctx.painter
    p.setFont(_small(ctx, 0.8))
    inner = rect.adjusted(0, 2, 0, -2)
    for band in ctx.model.phases:
        if not ctx.visible(band.start, band.end):
            continue
        x0, x1 = max(ctx.x(band.start), 0.0), min(ctx.x(band.end), float(ctx.width))
        box = QRectF(x0, inner.top(), max(x1 - x0, 1.0), inner.height())
        p.fillRect(box, COLORS.phase[band.phase])
        text = ctx.texts(f"phase.{band.phase.value}")
        if p.fontMetrics().horizontalAdvance(text) + 8 < box.width():
            p.setPen(COLORS.text)
            p.drawText(box.adjusted(4, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter, text)


def channel(ctx: Context, rect: QRectF, ch: Channel) -> None:
    """Speech spans under the loudness envelope; both merged to pixel columns first, so
    an hour of speech costs a few hundred rectangles and one line per column."""
    p = ctx.painter
    color = COLORS.agent if ch is Channel.AGENT else COLORS.caller
    p.fillRect(rect.adjusted(0, 1, 0, -1), COLORS.lane)
    speech = QColor(color)
    speech.setAlpha(40)
    bar = max(2.0, rect.height() * 0.08)
    spans = ctx.model.speech[ch]
    starts = np.fromiter((s.start for s in spans), float, len(spans))
    ends = np.fromiter((s.end for s in spans), float, len(spans))
    for x0, x1 in _runs(ctx, starts, ends):
        p.fillRect(QRectF(x0, rect.top() + 1, x1 - x0, rect.height() - 2), speech)
        p.fillRect(QRectF(x0, rect.bottom() - bar - 1, x1 - x0, bar), color)
    values = ctx.model.levels[ch].window(ctx.t0, ctx.t1, max(ctx.width, 1))
    heights = np.clip((values - DB_FLOOR) / -DB_FLOOR, 0.0, 1.0)
    heights = np.nan_to_num(heights, nan=0.0) * (rect.height() - bar - 4) / 2
    mid = rect.top() + (rect.height() - bar) / 2
    fill = QColor(color)
    fill.setAlpha(210)
    p.setPen(QPen(fill, 1))
    p.drawLines([QLineF(x + 0.5, mid - h, x + 0.5, mid + h)
                 for x, h in enumerate(heights.tolist()) if h >= 0.5])


def _runs(ctx: Context, starts: np.ndarray, ends: np.ndarray) -> list[tuple[float, float]]:
    """Visible spans in pixels, those that touch within a pixel merged into one."""
    keep = (ends >= ctx.t0) & (starts <= ctx.t1)
    if not keep.any():
        return []
    scale = ctx.width / max(ctx.t1 - ctx.t0, 1e-9)
    x0 = np.clip((starts[keep] - ctx.t0) * scale, -1, ctx.width + 1)
    x1 = np.maximum(np.clip((ends[keep] - ctx.t0) * scale, -1, ctx.width + 1), x0 + 1)
    order = np.argsort(x0)
    runs: list[list[float]] = []
    for a, b in zip(x0[order].tolist(), x1[order].tolist()):
        if runs and a <= runs[-1][1] + 1:
            runs[-1][1] = max(runs[-1][1], b)
        else:
            runs.append([a, b])
    return [(a, b) for a, b in runs]


def _pace_scale(ctx: Context) -> tuple[float, float]:
    cfg = ctx.model.pack.rules.pace_drift
    low, high = cfg.min_spm * 0.7, cfg.max_spm * 1.1
    for curve in ctx.model.pace.values():
        if len(curve.spm) and not np.isnan(curve.spm).all():
            low = min(low, float(np.nanmin(curve.spm)) * 0.9)
            high = max(high, float(np.nanmax(curve.spm)) * 1.05)
    return low, high


def pace(ctx: Context, rect: QRectF) -> None:
    p = ctx.painter
    p.fillRect(rect.adjusted(0, 1, 0, -1), COLORS.lane)
    low, high = _pace_scale(ctx)
    inner = rect.adjusted(0, ctx.metrics.line * 0.9, 0, -4)

    def y(spm: float) -> float:
        return inner.bottom() - (spm - low) / (high - low) * inner.height()

    p.setPen(Qt.PenStyle.NoPen)
    for x0, x1, lo, hi, rel in _band_runs(ctx):
        p.fillRect(QRectF(x0, y(hi), x1 - x0, y(lo) - y(hi)),
                   COLORS.band if rel else COLORS.band_abs)
    for ch, curve in ctx.model.pace.items():
        _curve(ctx, curve, COLORS.agent if ch is Channel.AGENT else COLORS.caller, y)
    p.setFont(_small(ctx, 0.75))
    p.setPen(COLORS.muted)
    unit = ctx.texts("pace.unit_chars" if ctx.model.pack.language == "zh" else "pace.unit_syl")
    p.drawText(QRectF(0, rect.top(), ctx.width - 4, ctx.metrics.line),
               Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
               f"{low:.0f}–{high:.0f} {unit}")


def _band_runs(ctx: Context) -> list[tuple[float, float, float, float, bool]]:
    """The band sampled once per pixel column, equal neighbours merged into one run."""
    band = ctx.model.band
    columns = ctx.t0 + (np.arange(ctx.width) + 0.5) / max(ctx.width, 1) * (ctx.t1 - ctx.t0)
    index = np.clip(np.searchsorted(band.t, columns, side="right") - 1, 0, len(band.t) - 1)
    if not len(index):
        return []
    cuts = (np.flatnonzero(np.diff(index)) + 1).tolist()
    return [(float(a), float(b), float(band.low[index[a]]), float(band.high[index[a]]),
             bool(band.relative[index[a]]))
            for a, b in zip([0, *cuts], [*cuts, ctx.width])]


def _curve(ctx: Context, curve, color: QColor, y) -> None:
    """One polyline per unbroken run of readings: bold where the reading counts, faint
    before it covers enough speech; at most about one point per pixel column."""
    if not len(curve.t):
        return
    i0 = max(int(np.searchsorted(curve.t, ctx.t0)) - 1, 0)
    i1 = min(int(np.searchsorted(curve.t, ctx.t1)) + 1, len(curve.t))
    stride = max(1, (i1 - i0) // max(ctx.width, 1))
    t = curve.t[i0:i1:stride]
    spm = curve.spm[i0:i1:stride]
    ready = curve.ready[i0:i1:stride]
    xs = (t - ctx.t0) / max(ctx.t1 - ctx.t0, 1e-9) * ctx.width
    ys = np.array([y(v) for v in np.nan_to_num(spm).tolist()]) if len(spm) else spm
    p = ctx.painter
    p.setRenderHint(QPainter.RenderHint.Antialiasing, len(t) < ctx.width // 3)
    p.setBrush(Qt.BrushStyle.NoBrush)
    for want, width, alpha in ((False, 1.0, 90), (True, 2.0, 255)):
        pen_color = QColor(color)
        pen_color.setAlpha(alpha)
        p.setPen(QPen(pen_color, width))
        good = ~np.isnan(spm) & (ready == want)
        cuts = np.flatnonzero(np.diff(good.astype(np.int8))) + 1
        for a, b in zip([0, *cuts.tolist()], [*cuts.tolist(), len(good)]):
            if good[a] and b - a > 1:
                p.drawPolyline(QPolygonF([QPointF(x, v) for x, v in
                                          zip(xs[a:b].tolist(), ys[a:b].tolist())]))
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)


def holds(ctx: Context, rect: QRectF) -> None:
    p = ctx.painter
    inner = rect.adjusted(0, rect.height() * 0.2, 0, -rect.height() * 0.2)
    for hold in ctx.model.holds:
        if not ctx.visible(hold.since, hold.end):
            continue
        x0, x1 = ctx.x(hold.since), ctx.x(hold.end)
        p.fillRect(QRectF(x0, inner.top(), max(x1 - x0, 1.0), inner.height()), COLORS.hold)
        p.setPen(QPen(COLORS.mark, 2))
        for mark in hold.marks:
            x = ctx.x(mark)
            p.drawLine(QPointF(x, rect.top() + 2), QPointF(x, rect.bottom() - 2))


def prompts(ctx: Context, rect: QRectF, diff: PackDiff | None
            ) -> list[tuple[QRectF, float, int, Change | None]]:
    """Markers with their clause label, staggered in rows so labels never overlap."""
    p = ctx.painter
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setFont(_small(ctx, 0.8, bold=True))
    fm = p.fontMetrics()
    status = _diff_status(ctx.model, diff)
    items = [(m.t, i, ctx.model.clause_label(m.clause), status.get(i))
             for i, m in enumerate(ctx.model.prompts)]
    if diff is not None:
        added = [c for c in diff.prompts if c.change is Change.ADDED]
        items += [(c.t, -1 - k, clause_label(ctx.model, c.clause), Change.ADDED)
                  for k, c in enumerate(added)]
    rows = 3
    row_h = (rect.height() - 4) / rows
    row_end = [-1e9] * rows
    out = []
    for t, index, label, change in sorted(items):
        if not ctx.t0 - 1 <= t <= ctx.t1 + 1:
            continue
        x = ctx.x(t)
        color = _marker_color(ctx.model, index, change)
        p.setPen(QPen(color, 1.5 if change is not Change.REMOVED else 1.0,
                      Qt.PenStyle.DashLine if change is Change.REMOVED else Qt.PenStyle.SolidLine))
        p.drawLine(QPointF(x, rect.top() + 1), QPointF(x, rect.bottom() - 1))
        text = {Change.ADDED: "+ ", Change.REMOVED: "− "}.get(change, "") + label
        width = fm.horizontalAdvance(text) + 8
        row = next((r for r in range(rows) if row_end[r] < x), None)
        hit = QRectF(x - 4, rect.top(), 8, rect.height())
        if row is not None:
            box = QRectF(x, rect.top() + 2 + row * row_h, width, row_h - 2)
            row_end[row] = x + width + 2
            p.setPen(Qt.PenStyle.NoPen)
            fill = QColor(color)
            fill.setAlpha(60 if change is Change.REMOVED else 150)
            p.setBrush(QBrush(fill))
            p.drawRoundedRect(box, 3, 3)
            p.setPen(COLORS.text)
            p.drawText(box.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, text)
            hit = hit.united(box)
        out.append((hit, t, index, change))
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    return out


def _diff_status(model: ReplayModel, diff: PackDiff | None) -> dict[int, Change]:
    if diff is None:
        return {}
    out = {}
    for change in diff.prompts:
        if change.old is None:
            continue
        for i, m in enumerate(model.prompts):
            if m.rule == change.old.prompt.rule and abs(m.t - change.old.prompt.t) < 1e-6:
                out[i] = change.change
    return out


def _marker_color(model: ReplayModel, index: int, change: Change | None) -> QColor:
    if change is Change.ADDED:
        return COLORS.added
    if change is Change.REMOVED:
        return COLORS.removed
    if change is Change.CHANGED:
        return COLORS.changed
    severity = model.prompts[index].severity if index >= 0 else "warning"
    return COLORS.warning if severity == "warning" else COLORS.info


def marker_prompt(model: ReplayModel, diff: PackDiff | None, index: int):
    """What a marker stands for: the stored prompt, or one a compared pack would add."""
    if index >= 0:
        return model.prompts[index] if index < len(model.prompts) else None
    if diff is None:
        return None
    added = [c for c in diff.prompts if c.change is Change.ADDED]
    k = -1 - index
    return added[k].new.prompt if k < len(added) else None


def playhead(ctx: Context, x: float) -> None:
    p = ctx.painter
    p.setPen(QPen(COLORS.playhead, 1.5))
    p.drawLine(QPointF(x, 0), QPointF(x, ctx.height))
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(COLORS.playhead)
    p.drawPolygon(playhead_marker(x, ctx.metrics.line * 0.45))
