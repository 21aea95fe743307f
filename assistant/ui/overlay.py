"""The overlay window: a small always-on-top panel beside the softphone.

It never takes keyboard focus (the agent is typing in the softphone/CRM): the window is
a frameless tool window that does not accept focus and shows without activating, and
every child is mouse-only. It reads ``OverlayState`` and repaints only the parts that
changed, at most every ``REFRESH_MS``, however fast events come.

Compact mode shows the one part that matters in the current phase (greeting card,
pace gauge, hold ring, closing checklist) plus the prompt; expanded mode adds the
others and opens the "why am I seeing this" panel. Drag it anywhere; it snaps to screen
edges and comes back where it was on that screen. Drag its right edge to widen it.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QPoint, QRectF, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from assistant.conduct.rules.base import AgentProfile
from assistant.ground.events import Phase
from assistant.ground.status import Listening
from assistant.overlay.closing import Item
from assistant.overlay.state import OverlayState, Part
from assistant.ui.bridge import EventBridge
from assistant.ui.chime import Chime
from assistant.ui.i18n import Texts
from assistant.ui.placement import Placement
from assistant.ui.theme import PALETTE, STYLE, Metrics, base_font, scaled
from assistant.ui.widgets.checklist import ChecklistView
from assistant.ui.widgets.common import label, set_text
from assistant.ui.widgets.feedback_card import FeedbackCardView
from assistant.ui.widgets.greeting_card import GreetingCardView
from assistant.ui.widgets.header import HeaderBar
from assistant.ui.widgets.hold_ring import HoldView
from assistant.ui.widgets.pace_gauge import PaceView
from assistant.ui.widgets.prompt_card import PromptCard
from assistant.ui.widgets.status_banner import StatusBanner, problems

COMPACT, EXPANDED = "compact", "expanded"
MODES = (COMPACT, EXPANDED)
REFRESH_MS = 33
WIDTH_CHARS = {COMPACT: 23, EXPANDED: 27}
MIN_CHARS, MAX_CHARS = 15, 48
GRIP_LINES = 0.6
WINDOW_FLAGS = (Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.WindowDoesNotAcceptFocus)

_COMPACT_PARTS = {
    Phase.IDLE: {"idle"},
    Phase.GREETING: {"greeting"},
    Phase.CONVERSATION: {"pace"},
    Phase.HOLD: {"hold"},
    Phase.CLOSING: {"checklist"},
    Phase.ENDED: {"checklist"},
}
_EXPANDED_PARTS = {
    Phase.IDLE: {"idle", "greeting"},
    Phase.GREETING: {"greeting", "pace"},
    Phase.CONVERSATION: {"pace", "checklist"},
    Phase.HOLD: {"hold", "pace", "checklist"},
    Phase.CLOSING: {"checklist", "pace"},
    Phase.ENDED: {"checklist", "pace"},
}


class OverlayWindow(QWidget):
    mode_changed = Signal(str)
    install_requested = Signal()
    """The agent asked to install a speech model (the app opens the settings)."""

    def __init__(self, state: OverlayState, *, settings: QSettings | None = None,
                 chime: Chime | None = None, parent: QWidget | None = None):
        super().__init__(parent, WINDOW_FLAGS)
        for attribute in (Qt.WidgetAttribute.WA_TranslucentBackground,
                          Qt.WidgetAttribute.WA_ShowWithoutActivating):
            self.setAttribute(attribute)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMouseTracking(True)
        self.setFont(base_font(10.5))
        self.setStyleSheet(STYLE)
        self.setWindowTitle("etiquette-assistant overlay")
        self.state = state
        self.texts = Texts(state.lang)
        self.chime = chime or Chime()
        self.placement = Placement(self, settings)
        self.mode = self.placement.saved_mode(COMPACT)
        self.mode = self.mode if self.mode in MODES else COMPACT
        self.refreshes = 0
        self._restored = False
        self._resizing = False
        self._arranged_hold = False
        self._build()
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.timeout.connect(self.refresh)
        self._since_refresh = QElapsedTimer()
        self.refresh(everything=True)

    def _build(self) -> None:
        self.header = HeaderBar(self)
        self.banner = StatusBanner(self)
        self.idle = label(role="muted", wrap=True, font=scaled(self.font(), 0.9), parent=self)
        self.greeting = GreetingCardView(self)
        self.hold = HoldView(self)
        self.pace = PaceView(self)
        self.checklist = ChecklistView(self)
        self.feedback = FeedbackCardView(self)
        self.prompt = PromptCard(self)
        self.prompt.hide()
        self._parts = {"idle": self.idle, "greeting": self.greeting, "hold": self.hold,
                       "pace": self.pace, "checklist": self.checklist,
                       "feedback": self.feedback}
        m = Metrics.of(self)
        column = QVBoxLayout(self)
        column.setContentsMargins(m.px(0.75), m.px(0.6), m.px(0.75), m.px(0.75))
        column.setSpacing(m.px(0.45))
        for widget in (self.header, self.banner, self.feedback, self.idle, self.greeting,
                       self.hold, self.pace, self.checklist, self.prompt):
            column.addWidget(widget)
        self.header.mode_clicked.connect(self.toggle_mode)
        self.feedback.dismissed.connect(self.dismiss_feedback)
        self.banner.install_clicked.connect(self.install_requested)
        self.checklist.toggled.connect(self._toggle_item)
        self.prompt.faded.connect(self._fit)
        self.prompt.why_toggled.connect(lambda _open: self._fit())

    # --- wiring ------------------------------------------------------------------------

    def attach(self, bridge: EventBridge) -> None:
        """Follow the events that ``bridge`` delivers on the main thread."""
        bridge.event.connect(self.state)
        bridge.batch.connect(self.schedule_refresh)

    def schedule_refresh(self) -> None:
        """Refresh now if the last refresh is older than ``REFRESH_MS``, else soon."""
        if self._throttle.isActive():
            return
        elapsed = self._since_refresh.elapsed() if self._since_refresh.isValid() else REFRESH_MS
        if elapsed >= REFRESH_MS:
            self.refresh()
        else:
            self._throttle.start(REFRESH_MS - elapsed)

    # --- what the tray / settings call -------------------------------------------------

    def set_lang(self, lang: str) -> None:
        self.state.set_lang(lang)
        self.texts = Texts(lang)
        self.refresh()

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"overlay mode must be one of {', '.join(MODES)}, not {mode!r}")
        if mode != self.mode:
            self.mode = mode
            self.placement.save_mode(mode)
            self.prompt.set_why_open(mode == EXPANDED)
            self.refresh(everything=True)
            self.mode_changed.emit(mode)

    def toggle_mode(self) -> None:
        self.set_mode(EXPANDED if self.mode == COMPACT else COMPACT)

    def set_agent(self, agent: AgentProfile) -> None:
        self.state.set_agent(agent)
        self.refresh()

    def tick_item(self, item: Item, done: bool = True) -> None:
        self.state.tick_item(item, done)
        self.refresh()

    def dismiss_feedback(self) -> None:
        self.state.dismiss_feedback()
        self.refresh()

    def _toggle_item(self, item: Item) -> None:
        self.state.toggle_item(item)
        self.refresh()

    # --- repainting --------------------------------------------------------------------

    def refresh(self, everything: bool = False) -> None:
        dirty = self.state.take_dirty() | (set(Part) if everything else set())
        self._since_refresh.start()
        if not dirty:
            return
        self.refreshes += 1
        s, t = self.state, self.texts
        if dirty & {Part.PHASE, Part.STATUS}:
            self._show_header()
        if dirty & {Part.TIMER, Part.PHASE, Part.STATUS}:
            self.header.show_timer(s.call_seconds, paused=s.paused)
        if Part.GREETING in dirty:
            self.greeting.show_card(s.greeting, t, s.clause_label(s.pack.rules.greeting.clause))
        resized = s.hold.on_hold != self._arranged_hold  # the hold card comes or goes
        if dirty & {Part.HOLD, Part.STATUS} and s.hold.on_hold:
            resized |= self.hold.show_hold(
                s.hold, t, s.clause_label(s.pack.rules.hold_update.clause), paused=s.paused)
        if dirty & {Part.PACE, Part.STATUS}:
            unit = "pace.unit_chars" if s.pack.language == "zh" else "pace.unit_syllables"
            self.pace.show_pace(s.pace, t, unit, s.clause_label(s.pack.rules.pace_drift.clause),
                                paused=s.paused)
        if Part.CHECKLIST in dirty:
            self.checklist.show_checklist(
                s.checklist, t, s.clause_label(s.pack.rules.closing_recap.clause))
        if Part.STATUS in dirty:
            detailed = problems(s.listening, s.checks_off, t)
            shown = detailed if self.mode == EXPANDED else problems(
                s.listening, s.checks_off, t, detailed=False)
            self.banner.show_problems(shown, "\n".join(
                text for _, text in problems(s.listening, s.checks_off, t, why=True)))
            self.banner.offer_install(t("status.install_button") if s.checks_off else "")
        if Part.PROMPT in dirty:
            self._show_prompt()
        if dirty & {Part.FEEDBACK, Part.PHASE} and (feedback := s.feedback) is not None:
            self.feedback.show_feedback(feedback, t)
        if everything or resized or dirty & {Part.PHASE, Part.STATUS, Part.PROMPT,
                                             Part.GREETING, Part.CHECKLIST, Part.FEEDBACK}:
            self._arrange()  # not for the ring's every step: a layout pass is not free

    def _show_header(self) -> None:
        s, t = self.state, self.texts
        listening = s.listening
        if listening.lost:
            color = PALETTE.warning
        elif listening.listening is not Listening.LISTENING:
            color = PALETTE.muted
        else:
            color = PALETTE.ok
        state = "reconnecting" if listening.lost else listening.listening.value
        if state == "listening" and s.phase is Phase.ENDED:
            state = "call_ended"
        if listening.demo and state in ("listening", "call_ended"):
            state = "demo"
        self.header.show_phase(t(f"phase.{s.phase.value}"), t(f"listening.{state}"), color)
        self.header.set_mode_text(t("mode.compact" if self.mode == EXPANDED else "mode.expand"))
        set_text(self.idle, t("idle.hint"))

    def _show_prompt(self) -> None:
        shown = self.state.prompt
        if shown is None:
            self.prompt.leave()
            return
        is_new = self.prompt.prompt is None or self.prompt.prompt.rule != shown.rule \
            or self.prompt.leaving
        self.prompt.show_prompt(shown.prompt, shown.clause_label, shown.clause_text,
                                self.state.catalogue.title_zh if self.state.lang == "zh"
                                else self.state.catalogue.title_en, self.texts)
        if self.mode == EXPANDED:
            self.prompt.set_why_open(True)
        if is_new:
            self.chime.play()

    def _arrange(self) -> None:
        self._arranged_hold = self.state.hold.on_hold
        parts = (_EXPANDED_PARTS if self.mode == EXPANDED else _COMPACT_PARTS)[self.state.phase]
        if not self.state.hold.on_hold:
            parts = parts - {"hold"}
        if self.state.feedback is not None:
            parts = (parts - {"checklist", "pace", "greeting"}) | {"feedback"}
        for name, widget in self._parts.items():
            widget.setVisible(name in parts)
        self._fit()

    def _fit(self) -> None:
        m = Metrics.of(self)
        width = self.placement.saved_width(self.mode, round(m.char * WIDTH_CHARS[self.mode]))
        width = min(max(width, round(m.char * MIN_CHARS)), round(m.char * MAX_CHARS))
        layout = self.layout()
        layout.invalidate()
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() \
            else layout.totalSizeHint().height()
        self.placement.resize_keeping_anchor(QSize(width, height))

    # --- window behaviour --------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._restored:
            self._restored = True
            self._fit()
            self.placement.restore()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = Metrics.of(self).line * 0.6
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(PALETTE.panel_edge, 1.0))
        painter.setBrush(PALETTE.panel)
        painter.drawRoundedRect(rect, radius, radius)

    def _on_grip(self, pos: QPoint) -> bool:
        return pos.x() >= self.width() - Metrics.of(self).line * GRIP_LINES

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() is not Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        if self._on_grip(event.position().toPoint()):
            self._resizing = True
        else:
            self.placement.press(event.globalPosition().toPoint())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._resizing:
            width = round(event.globalPosition().x()) - self.frameGeometry().left()
            self.placement.save_width(self.mode, width)
            self._fit()
        elif not self.placement.move(event.globalPosition().toPoint()):
            grip = self._on_grip(event.position().toPoint())
            self.setCursor(Qt.CursorShape.SizeHorCursor if grip else Qt.CursorShape.ArrowCursor)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._resizing:
            self._resizing = False
            self.placement.save_width(self.mode, self.width())
            self.placement.save()
        else:
            self.placement.release()
        event.accept()
