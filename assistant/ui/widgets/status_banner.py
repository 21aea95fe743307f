"""What the overlay cannot check right now, said plainly so silence is never misread.

One line per problem, worst first: a lost device (coral; the source is re-acquiring
it), paused listening (grey), no caller channel and no speech model (blue: a normal
state, the acoustic checks still run). Nothing is shown when everything is checked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from assistant.ground.events import Channel
from assistant.ground.notices import DeviceChange, LossCause
from assistant.ground.status import Listening
from assistant.overlay.listening import ListeningState
from assistant.ui.i18n import Texts
from assistant.ui.notice_words import pack_problem_words, recording_stop_words
from assistant.ui.theme import PALETTE, Metrics, scaled
from assistant.ui.widgets.card import Card
from assistant.ui.widgets.common import label, mouse_button, set_role, set_text


def problems(listening: ListeningState, checks_off: tuple[str, ...], texts: Texts, *,
             detailed: bool = True, why: bool = False) -> list[tuple[str, str]]:
    """(role, sentence) for each thing the agent should know, worst first.

    ``detailed`` names every check that is off and how to install a model; without it
    (compact mode) one short line says how many are off, since the agent knows by then.
    ``why`` (the tooltip) also says why a device was lost and how it is tried again.
    """
    out: list[tuple[str, str]] = []
    for channel in (Channel.AGENT, Channel.CALLER):
        if channel in listening.lost:
            change = listening.lost_why.get(channel) if why else None
            out.append(("warning", lost_words(channel, listening.lost[channel], change, texts)))
    if listening.recording_problem:
        out.append(("warning", recording_stop_words(listening.recording_problem, texts.lang)))
    if listening.pack_problem:
        out.append(("warning", pack_problem_words(listening.pack_problem, texts.lang)))
    if listening.listening is Listening.PAUSED:
        out.append(("muted", texts("listening.paused_detail")))
    if not listening.has_caller:
        out.append(("info", texts("status.no_caller")))
    if checks_off and not detailed:
        out.append(("info", texts("status.no_model_short", n=len(checks_off))))
    elif checks_off:
        names = texts.join([texts(f"rule.{rule}") for rule in checks_off])
        sentence = texts("status.no_model", checks=names)
        out.append(("info", sentence + "\n" + texts("status.install_in_settings")))
    return out


def lost_words(channel: Channel, device: str, change: DeviceChange | None, texts: Texts) -> str:
    """``客户设备已断开（USB Headset），正在重新连接…``; with the source's account, its cause:
    ``…：1.6 秒没有音频；每 2 秒重试一次，其间以静音填补``."""
    side = texts(f"channel.{channel.value}")
    if change is None:
        return texts("status.device_lost", channel=side, device=device)
    cause = texts(f"status.lost_cause.{(change.cause or LossCause.STREAM_STOPPED).value}",
                  seconds=f"{change.seconds:.1f}", error=change.error)
    return texts("status.device_lost_why", channel=side, device=device, cause=cause,
                 retry=f"{change.retry_s:g}")


class StatusBanner(Card):
    """The problems, and for a missing speech model a button that opens the settings
    where it is installed (an agent is never sent to a terminal)."""

    MAX_LINES = 4
    install_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.lines = [label(wrap=True, font=scaled(self.font(), 0.88), parent=self)
                      for _ in range(self.MAX_LINES)]
        self.install = mouse_button(parent=self)
        self.install.setFont(scaled(self.font(), 0.88))
        self.install.clicked.connect(self.install_clicked)
        self.install.hide()
        m = Metrics.of(self)
        column = QVBoxLayout(self)
        column.setContentsMargins(m.px(0.6), m.px(0.35), m.px(0.6), m.px(0.4))
        column.setSpacing(m.px(0.25))
        for line in self.lines:
            role_label_color(line, "info")
            column.addWidget(line)
        column.addWidget(self.install, 0, Qt.AlignmentFlag.AlignLeft)

    def offer_install(self, text: str) -> None:
        """Show the "install in the settings" button with ``text``; "" hides it."""
        set_text(self.install, text)
        self.install.setVisible(bool(text))

    def show_problems(self, found: list[tuple[str, str]], tooltip: str = "") -> None:
        self.setToolTip(tooltip)
        for line, problem in zip(self.lines, found + [("", "")] * self.MAX_LINES):
            role, text = problem
            set_text(line, text)
            if role:
                role_label_color(line, role)
            line.setVisible(bool(text))
        worst = found[0][0] if found else "info"
        self.set_tint(_tint(worst), _edge(worst))
        self.setVisible(bool(found))


def role_label_color(widget, role: str) -> None:
    set_role(widget, {"info": "", "muted": "muted", "warning": "warning"}.get(role, ""))


def _edge(role: str) -> QColor | None:
    return {"warning": PALETTE.warning}.get(role)


def _tint(role: str) -> QColor:
    color = QColor({"warning": PALETTE.warning, "muted": PALETTE.muted}.get(role, PALETTE.info))
    color.setAlpha(30)
    return color
