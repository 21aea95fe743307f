"""``OverlayState``: everything the overlay shows, as a plain object fed with events.

A sink like any other (``state(event)``), it follows the core's events and the
listening side's status events (``assistant.ground.status``) and keeps the overlay's parts
current: phase and call timer, hold countdown, pace gauge, closing checklist, greeting
card, the prompt on screen and what is (not) being checked. It imports no Qt, so the
behaviour is tested headless; the window only reads it and repaints the parts that
``take_dirty()`` names.

Call it from one thread only (the Qt main thread, behind ``assistant.ui.bridge``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.pack import Pack
from assistant.conduct.rules.base import AgentProfile, render
from assistant.conduct.rules.hold import wait_began
from assistant.ground.events import (
    CallAction,
    CallControl,
    CallJudged,
    Channel,
    Finding,
    PaceReading,
    Phase,
    PhaseChanged,
    PhraseHit,
    PromptRaised,
    PromptResolved,
    SpeechEnd,
    SpeechStart,
    Tick,
)
from assistant.ground.status import (
    CallSetup,
    DeviceBack,
    DeviceLost,
    Listening,
    ListeningChanged,
    PackNotice,
    RecordingChanged,
)
from assistant.overlay.closing import Checklist, Item
from assistant.overlay.feedback import AfterCallFeedback, after_call_feedback
from assistant.overlay.greeting import GreetingCard, greeting_card
from assistant.overlay.hold import HoldCountdown
from assistant.overlay.listening import ListeningState
from assistant.overlay.pace import PaceMeter
from assistant.overlay.prompts import Departed, PromptBoard, ShownPrompt

LANGUAGES = ("zh", "en")
HOLD_UPDATE_RULE = "hold_update"
PACE_RULE = "pace_drift"


class Part(str, enum.Enum):
    """The overlay's parts; a view repaints only those that changed."""

    PHASE = "phase"
    TIMER = "timer"
    HOLD = "hold"
    PACE = "pace"
    CHECKLIST = "checklist"
    GREETING = "greeting"
    PROMPT = "prompt"
    STATUS = "status"
    FEEDBACK = "feedback"


class OverlayState:
    def __init__(self, pack: Pack, *, agent: AgentProfile = AgentProfile(), lang: str = "zh",
                 catalogue: ClauseCatalogue | None = None):
        self.pack = pack
        self.agent = agent
        self.lang = _checked_lang(lang)
        self.catalogue = catalogue or ClauseCatalogue.load()
        self.now = 0.0
        self.phase = Phase.IDLE
        self.call_start: float | None = None
        self.call_end: float | None = None
        self.call_time: datetime | None = None
        self.hold = HoldCountdown(pack.rules.hold_update.interval_s)
        self.pace = PaceMeter(pack.rules.pace_drift)
        self.checklist = Checklist()
        self.prompts = PromptBoard()
        self.listening = ListeningState()
        self.events_seen = 0
        self.findings: tuple[Finding, ...] = ()
        """The last call's verdicts, for the after-call feedback; empty during a call."""
        self.feedback_dismissed = False
        self._last_agent_end: float | None = None
        self._explicit_hold_at: float | None = None
        self._dirty: set[Part] = set(Part)
        self._clock_shown: int | None = None
        self._hold_shown: tuple[object, ...] = ()
        self._handlers: dict[type, Callable] = {
            Tick: self._tick,
            PhaseChanged: self._phase,
            CallControl: self._control,
            SpeechStart: self._speech_start,
            SpeechEnd: self._speech_end,
            PaceReading: self._pace,
            PhraseHit: self._phrase,
            PromptRaised: self._raised,
            PromptResolved: self._resolved,
            CallSetup: self._setup,
            ListeningChanged: self._listening,
            DeviceLost: self._device_lost,
            DeviceBack: self._device_back,
            RecordingChanged: self._recording,
            CallJudged: self._judged,
            PackNotice: self._pack_notice,
        }

    # --- the sink ----------------------------------------------------------------------

    def __call__(self, event: object) -> None:
        self.events_seen += 1
        handler = self._handlers.get(type(event))
        if handler is not None:
            handler(event)
        t = getattr(event, "t", None)
        if t is not None and t > self.now:
            self._advance(t)

    def take_dirty(self) -> set[Part]:
        """The parts changed since the last call; the view repaints these."""
        dirty, self._dirty = self._dirty, set()
        return dirty

    # --- what the agent or the settings change -------------------------------------------

    def set_lang(self, lang: str) -> None:
        self.lang = _checked_lang(lang)
        self._dirty |= set(Part)

    def set_agent(self, agent: AgentProfile) -> None:
        self.agent = agent
        self._dirty.add(Part.GREETING)

    def set_pack(self, pack: Pack) -> None:
        """A new pack takes effect for what is shown from now on (thresholds, wording)."""
        self.pack = pack
        self.hold.interval_s = pack.rules.hold_update.interval_s
        self.pace.settings = pack.rules.pace_drift
        self._dirty |= set(Part)

    def dismiss_feedback(self) -> None:
        self.feedback_dismissed = True
        self._dirty.add(Part.FEEDBACK)

    def tick_item(self, item: Item, done: bool = True) -> None:
        self.checklist.tick(item, done)
        self._dirty.add(Part.CHECKLIST)

    def toggle_item(self, item: Item) -> None:
        self.checklist.toggle(item)
        self._dirty.add(Part.CHECKLIST)

    # --- what the view reads -----------------------------------------------------------

    @property
    def in_call(self) -> bool:
        return self.phase not in (Phase.IDLE, Phase.ENDED)

    @property
    def paused(self) -> bool:
        return self.listening.listening is Listening.PAUSED

    @property
    def call_seconds(self) -> float | None:
        """Audio time since the call started; frozen once it ended."""
        if self.call_start is None:
            return None
        end = self.call_end if self.call_end is not None else self.now
        return max(0.0, end - self.call_start)

    @property
    def greeting(self) -> GreetingCard:
        return greeting_card(self.pack, self.agent, self.call_time)

    @property
    def feedback(self) -> AfterCallFeedback | None:
        """The after-call card, once a call has been judged and until dismissed or the
        next call starts."""
        if not self.findings or self.feedback_dismissed or self.in_call:
            return None
        return after_call_feedback(self.findings, self.pack, self.agent, self.call_time,
                                   self.catalogue, self.lang)

    @property
    def prompt(self) -> ShownPrompt | None:
        shown = self.prompts.shown(self.catalogue, self.lang)
        if shown is not None and shown.rule == HOLD_UPDATE_RULE and self.hold.on_hold:
            waited = float(self.hold.waited_whole_s)  # the ring's own number
            text = render(self.pack.rules.hold_update.text, waited=waited)
            shown = replace(shown, prompt=replace(shown.prompt, text=text))
        return shown

    @property
    def departed(self) -> Departed | None:
        return self.prompts.departed

    @property
    def checks_off(self) -> tuple[str, ...]:
        return self.listening.checks_off(self.pack)

    def clause_label(self, clause: str) -> str:
        return self.catalogue.label(clause, self.lang)

    def clause_text(self, clause: str) -> str:
        return self.catalogue.text(clause, self.lang)

    # --- handlers ----------------------------------------------------------------------

    def _advance(self, t: float) -> None:
        self.now = t
        # Only what would look different is dirty: every 100-ms block advances time, and
        # the refresh it asked for redrew nothing 9 times in 10 (main thread 1.0-1.1 ->
        # 0.9-1.0 % of a core live; the repaints that remain are the ring's and the clock's).
        if self.call_start is not None and self.call_end is None:
            second = int(self.call_seconds or 0.0)  # the header's clock shows whole seconds
            if second != self._clock_shown:
                self._clock_shown = second
                self._dirty.add(Part.TIMER)
        if self.hold.on_hold:
            self.hold.advance(t)
            shown = self.hold.shown
            if shown != self._hold_shown:
                self._hold_shown = shown
                self._dirty.add(Part.HOLD)
                if self.hold.prompt_up:
                    self._dirty.add(Part.PROMPT)  # the card's "waited" follows the ring

    def _tick(self, event: Tick) -> None:
        pass  # time itself is all a tick brings; ``__call__`` advances it

    def _phase(self, event: PhaseChanged) -> None:
        if event.phase is Phase.GREETING and event.previous in (Phase.IDLE, Phase.ENDED):
            self._new_call(event.t)
        self.phase = event.phase
        if event.phase is Phase.HOLD:
            since = wait_began(event, explicit_hold_at=self._explicit_hold_at,
                               last_agent_end=self._last_agent_end)
            self.hold.start(since, max(self.now, event.t))
            self.hold.prompt_up = self.prompts.is_up(HOLD_UPDATE_RULE)
        elif self.hold.on_hold:
            self.hold.stop()
        if event.phase is Phase.ENDED:
            self.call_end = event.t
        self._dirty |= {Part.PHASE, Part.HOLD, Part.TIMER, Part.CHECKLIST, Part.GREETING}

    def _new_call(self, t: float) -> None:
        self.call_start, self.call_end = t, None
        self.findings, self.feedback_dismissed = (), False
        self.checklist.reset()
        self.prompts.reset()
        self.pace.reset()
        self.hold.stop()
        self._last_agent_end = None
        self._dirty |= set(Part)

    def _control(self, event: CallControl) -> None:
        if event.action is CallAction.HOLD:
            self._explicit_hold_at = event.t
        if self.checklist.call_control(event):
            self._dirty.add(Part.CHECKLIST)

    def _speech_start(self, event: SpeechStart) -> None:
        if event.channel is Channel.AGENT and self.hold.on_hold:
            self.hold.agent_started(event.t)
            self._dirty.add(Part.HOLD)

    def _speech_end(self, event: SpeechEnd) -> None:
        if event.channel is not Channel.AGENT:
            return
        self._last_agent_end = event.t
        if self.hold.on_hold:
            self.hold.agent_ended(event.t)
            self._dirty.add(Part.HOLD)

    def _pace(self, event: PaceReading) -> None:
        if self.pace.observe(event):
            self._dirty.add(Part.PACE)

    def _phrase(self, event: PhraseHit) -> None:
        if self.checklist.heard(event):
            self._dirty.add(Part.CHECKLIST)

    def _raised(self, event: PromptRaised) -> None:
        self.prompts.raised(event.prompt)
        self._follow_rule(event.prompt.rule, True)
        self._dirty.add(Part.PROMPT)

    def _resolved(self, event: PromptResolved) -> None:
        if self.prompts.resolved(event.rule, event.t, event.reason):
            self._follow_rule(event.rule, False)
            self._dirty.add(Part.PROMPT)

    def _follow_rule(self, rule: str, up: bool) -> None:
        if rule == HOLD_UPDATE_RULE:
            self.hold.prompt_up = up
            self._dirty.add(Part.HOLD)
        elif rule == PACE_RULE:
            self.pace.warning = up
            self._dirty.add(Part.PACE)

    def _setup(self, event: CallSetup) -> None:
        self.listening.setup(event)
        self.call_time = event.call_time
        self._dirty |= {Part.STATUS, Part.GREETING, Part.PACE}

    def _listening(self, event: ListeningChanged) -> None:
        self.listening.listening = event.listening
        if event.listening is not Listening.LISTENING:
            self.pace.reset()  # a reading from before the pause is not the pace now
        self._dirty |= {Part.STATUS, Part.PACE, Part.TIMER}

    def _device_lost(self, event: DeviceLost) -> None:
        self.listening.lost[event.channel] = event.device
        if event.why is not None:
            self.listening.lost_why[event.channel] = event.why
        self._dirty.add(Part.STATUS)

    def _device_back(self, event: DeviceBack) -> None:
        self.listening.lost.pop(event.channel, None)
        self.listening.lost_why.pop(event.channel, None)
        self._dirty.add(Part.STATUS)

    def _recording(self, event: RecordingChanged) -> None:
        self.listening.recording_problem = event.stop
        self._dirty.add(Part.STATUS)

    def _judged(self, event: CallJudged) -> None:
        self.findings, self.feedback_dismissed = event.findings, False
        self._dirty.add(Part.FEEDBACK)

    def _pack_notice(self, event: PackNotice) -> None:
        self.listening.pack_problem = event.refusals
        self._dirty.add(Part.STATUS)


def _checked_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"overlay language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang
