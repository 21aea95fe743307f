"""The report's pictures: the call timeline and the pace plot, as PNG bytes.

matplotlib with the Agg backend draws them without a display and without Qt, so
``assistant.sessions`` stays importable on a headless machine and in the core's tests.
Chinese labels use the CJK font :mod:`assistant.sessions.report.fonts` found; without one
the plots would show empty boxes, so that is an error, not a silent fallback.

The lanes, holds, pace curves and band are the replay model's
(:class:`assistant.sessions.replay.timeline.ReplayModel`), so the report's pictures and the replay
window cannot disagree about where a hold began or where the band lay.
"""

from __future__ import annotations

import io

import numpy as np

from assistant.ground.events import Channel, Phase
from assistant.sessions.replay.timeline import ReplayModel
from assistant.sessions.report.fonts import cjk_font
from assistant.sessions.report.text import ReportText

AGENT_COLOUR = "#2563eb"
CALLER_COLOUR = "#0f9d8a"
HOLD_COLOUR = "#f59e0b"
PROMPT_COLOUR = "#dc2626"
NOTE_COLOUR = "#7c3aed"
PHASE_COLOURS = {
    Phase.GREETING: "#dbeafe",
    Phase.CONVERSATION: "#e5e7eb",
    Phase.HOLD: "#fde68a",
    Phase.CLOSING: "#ddd6fe",
}
WIDTH_IN = 10.0
DPI = 150


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    font = cjk_font()
    if font.family not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(font.path))
    plt.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [font.family, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "font.size": 9,
    })
    return plt


def _clock(t: float, _pos: object = None) -> str:
    minutes, seconds = divmod(round(max(t, 0.0)), 60)
    return f"{minutes}:{seconds:02d}"


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", facecolor="white")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buffer.getvalue()


def timeline_png(model: ReplayModel, text: ReportText, notes: list[float] = ()) -> bytes:
    """Phases on top, agent and caller speech lanes, holds with their update marks,
    prompts (numbered as in the report's prompt list) and trainer notes as markers."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.0))
    end = max(model.duration, 1.0)
    lanes = {Channel.AGENT: 2.0, Channel.CALLER: 1.0}
    for band in model.phases:
        if band.phase not in PHASE_COLOURS:
            continue  # before the call started, after it ended
        ax.broken_barh([(band.start, band.end - band.start)], (2.75, 0.5),
                       facecolors=PHASE_COLOURS[band.phase], edgecolor="white")
        if band.end - band.start > end * 0.06:
            ax.text((band.start + band.end) / 2, 3.0, text.phase(band.phase), ha="center",
                    va="center", fontsize=8, color="#374151")
    for hold in model.holds:
        ax.axvspan(hold.since, hold.end, ymin=0.05, ymax=0.68, color=HOLD_COLOUR, alpha=0.18,
                   lw=0)
        for mark in hold.marks:
            ax.axvline(mark, ymin=0.05, ymax=0.68, color=HOLD_COLOUR, lw=1.4, ls="--")
            ax.text(mark, 2.52, f"{mark - hold.since:.0f}s", ha="center", va="center",
                    fontsize=7, color="#92400e",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    for channel, spans in model.speech.items():
        bars = [(s.start, max(s.end - s.start, 0.05)) for s in spans]
        colour = AGENT_COLOUR if channel is Channel.AGENT else CALLER_COLOUR
        ax.broken_barh(bars, (lanes[channel] - 0.3, 0.6), facecolors=colour)
    for number, marker in enumerate(model.prompts, start=1):
        ax.axvline(marker.t, ymin=0.05, ymax=0.9, color=PROMPT_COLOUR, lw=0.8, alpha=0.6)
        ax.plot([marker.t], [3.55], marker="v", color=PROMPT_COLOUR, markersize=9)
        ax.text(marker.t, 3.85, str(number), ha="center", va="bottom", fontsize=8,
                color=PROMPT_COLOUR)
    for number, t in enumerate(notes, start=1):
        ax.plot([t], [0.2], marker="^", color=NOTE_COLOUR, markersize=8)
        ax.text(t, -0.15, f"N{number}", ha="center", va="top", fontsize=7, color=NOTE_COLOUR)
    ax.set_xlim(0, end)
    ax.set_ylim(-0.45, 4.25)
    ax.set_yticks([lanes[Channel.AGENT], lanes[Channel.CALLER], 3.0])
    ax.set_yticklabels([text("lane.agent"), text("lane.caller"), text("lane.phase")])
    _time_axis(ax, end, text, FuncFormatter, MultipleLocator)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#e5e7eb", lw=0.6)
    ax.set_axisbelow(True)
    _timeline_legend(ax, text)
    return _png(fig)


def _time_axis(ax, end: float, text: ReportText, formatter, locator) -> None:
    ax.xaxis.set_major_formatter(formatter(_clock))
    ax.xaxis.set_major_locator(locator(_tick_step(end)))
    ax.set_xlabel(text("axis.time"))


def _timeline_legend(ax, text: ReportText) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Patch(color=AGENT_COLOUR, label=text("lane.agent")),
        Patch(color=CALLER_COLOUR, label=text("lane.caller")),
        Patch(color=HOLD_COLOUR, alpha=0.35, label=text("legend.hold")),
        Line2D([], [], color=HOLD_COLOUR, ls="--", label=text("legend.hold_mark")),
        Line2D([], [], color=PROMPT_COLOUR, marker="v", ls="", label=text("legend.prompt")),
        Line2D([], [], color=NOTE_COLOUR, marker="^", ls="", label=text("legend.note")),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=6,
              frameon=False, fontsize=8, handlelength=1.6)


def pace_png(model: ReplayModel, text: ReportText) -> bytes:
    """Rolling pace of agent and caller, the band the agent's pace belonged in (around the
    caller's once the caller had said enough, else the pack's absolute limits), and the
    pace prompts."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    fig, ax = plt.subplots(figsize=(WIDTH_IN, 2.6))
    end = max(model.duration, 1.0)
    rule = model.pack.rules.pace_drift
    band = model.band
    if band.t.size:
        t = np.append(band.t, end)
        ax.fill_between(t, np.append(band.low, band.low[-1]), np.append(band.high, band.high[-1]),
                        step="post", color=CALLER_COLOUR, alpha=0.12, lw=0,
                        label=text("legend.band", band=f"±{rule.ratio_band:.0%}"))
    values: list[float] = []
    for channel, colour in ((Channel.CALLER, CALLER_COLOUR), (Channel.AGENT, AGENT_COLOUR)):
        curve = model.pace.get(channel)
        if curve is None or not np.isfinite(curve.spm).any():
            continue
        ax.step(curve.t, curve.spm, where="post", color=colour, lw=1.7,
                label=text(f"lane.{channel.value}"))
        values += [float(v) for v in curve.spm[np.isfinite(curve.spm)]]
    for limit in (rule.min_spm, rule.max_spm):
        ax.axhline(limit, color="#6b7280", lw=0.8, ls=":")
        ax.text(end, limit, f" {limit:.0f}", va="center", fontsize=7, color="#6b7280")
    top = max(values + [rule.max_spm]) * 1.2
    for number, marker in enumerate(model.prompts, start=1):
        if marker.rule == "pace_drift":
            ax.axvline(marker.t, color=PROMPT_COLOUR, lw=0.9)
            ax.text(marker.t, top * 0.93, str(number), ha="center", fontsize=8,
                    color=PROMPT_COLOUR)
    ax.set_ylim(0, top)
    ax.set_xlim(0, end)
    if not values:
        ax.text(end / 2, top / 2, text("pace.none"), ha="center", va="center", color="#6b7280")
    _time_axis(ax, end, text, FuncFormatter, MultipleLocator)
    ax.set_ylabel(text("axis.pace"))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(color="#e5e7eb", lw=0.6)
    ax.set_axisbelow(True)
    if values:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=3, frameon=False,
                  fontsize=8)
    return _png(fig)


def _tick_step(duration: float) -> float:
    """About eight to fifteen labelled ticks whatever the call's length."""
    for step in (5, 10, 15, 30, 60, 120, 300, 600):
        if duration / step <= 15:
            return step
    return 1200


STATUS_COLOURS = (("met", "#16a34a"), ("missed", "#dc2626"), ("not_checked", "#6366f1"))


def clause_bars_png(counts, text: ReportText) -> bytes:
    """One bar per clause (``counts``: :class:`assistant.sessions.report.team.ClauseCount` in the
    code's order, top to bottom): the calls in which it was met, missed, not checked."""
    plt = _pyplot()
    from matplotlib.ticker import MaxNLocator

    counts = list(counts)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.8 + 0.32 * max(len(counts), 1)))
    y = np.arange(len(counts))[::-1]
    left = np.zeros(len(counts))
    for status, colour in STATUS_COLOURS:
        values = np.array([getattr(c, status) for c in counts], dtype=float)
        ax.barh(y, values, left=left, color=colour, height=0.62,
                label=text(f"status.{status}"))
        for yi, x0, v in zip(y, left, values, strict=True):
            if v:
                ax.text(x0 + v / 2, yi, f"{v:.0f}", ha="center", va="center", fontsize=7.5,
                        color="white")
        left += values
    ax.set_yticks(y)
    ax.set_yticklabels([c.clause.label for c in counts])
    ax.set_xlim(0, max(left.max() if counts else 1, 1))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(text("axis.calls"))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#e5e7eb", lw=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False, fontsize=8)
    return _png(fig)
