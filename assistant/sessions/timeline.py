"""A stored call as time spans: who spoke when, the phases, the holds, the paces, the prompts.

Derived from a session's events alone (no audio, no Qt), so the coaching report and the
replay window can draw the same picture, and a session recovered after a crash (events
but no summary) still has one. The derivations follow the live logic:

- speech segments are the VAD's ``SpeechEnd`` spans; a segment still open when the
  events stop (a crash mid-sentence) runs to the end of the call;
- a hold starts where the caller began waiting: the softphone's hold, or the last speech
  before the tracker noticed the silence; it ends when the tracker left HOLD. Its marks
  are the moments the 15-second update timer was due, restarted after each time the agent
  spoke, exactly as :class:`assistant.conduct.rules.hold.HoldUpdateRule` counts;
- prompts come from ``PromptRaised``/``PromptResolved`` events (a new prompt of the same
  rule supersedes the open one, as in :class:`assistant.core.call_core.CallCore`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assistant.core.call_core import PromptRecord
from assistant.core.events import (
    CallAction,
    CallControl,
    Channel,
    Event,
    PaceReading,
    Phase,
    PhaseChanged,
    PromptRaised,
    PromptResolved,
    SpeechEnd,
    SpeechStart,
    Transcript,
)

HOLD_UPDATE_INTERVAL_S = 15.0
"""The code's hold-update interval (第十一条(3)), used when the session's pack is unknown."""


@dataclass(frozen=True)
class Segment:
    """One stretch of speech on one channel."""

    channel: Channel
    t0: float
    t1: float


@dataclass(frozen=True)
class PhaseSpan:
    phase: Phase
    t0: float
    t1: float
    reason: str = ""


@dataclass(frozen=True)
class HoldSpan:
    """The caller waiting on the agent; ``marks`` are when an update was due."""

    t0: float
    t1: float
    marks: tuple[float, ...]
    explicit: bool
    """Put on hold by the softphone (or hotkey), not a silence the tracker noticed."""


@dataclass(frozen=True)
class PaceSeries:
    """Rolling pace readings of one channel (syllables per minute of speaking time)."""

    channel: Channel
    t: tuple[float, ...]
    spm: tuple[float, ...]


@dataclass(frozen=True)
class TranscriptLine:
    channel: Channel
    t0: float
    t1: float
    text: str


@dataclass(frozen=True)
class CallTimeline:
    duration: float
    segments: tuple[Segment, ...]
    phases: tuple[PhaseSpan, ...]
    holds: tuple[HoldSpan, ...]
    pace: dict[Channel, PaceSeries]
    prompts: tuple[PromptRecord, ...]
    transcript: tuple[TranscriptLine, ...]

    @classmethod
    def from_events(cls, events: Iterable[Event], *, duration: float,
                    hold_interval_s: float = HOLD_UPDATE_INTERVAL_S) -> CallTimeline:
        ordered = sorted(events, key=lambda e: e.t)
        end = max([duration] + [e.t for e in ordered])
        segments = speech_segments(ordered, end)
        return cls(
            duration=end,
            segments=segments,
            phases=phase_spans(ordered, end),
            holds=hold_spans(ordered, segments, end, hold_interval_s),
            pace=pace_series(ordered),
            prompts=prompt_records(ordered),
            transcript=transcript_lines(ordered),
        )

    def speech(self, channel: Channel) -> list[Segment]:
        return [s for s in self.segments if s.channel is channel]


def speech_segments(events: list[Event], end: float) -> tuple[Segment, ...]:
    out: list[Segment] = []
    open_at: dict[Channel, float] = {}
    for event in events:
        if isinstance(event, SpeechStart):
            open_at[event.channel] = event.t
        elif isinstance(event, SpeechEnd):
            open_at.pop(event.channel, None)
            out.append(Segment(event.channel, event.start, event.t))
    out.extend(Segment(channel, t0, end) for channel, t0 in open_at.items())
    return tuple(sorted(out, key=lambda s: (s.t0, s.channel.value)))


def phase_spans(events: list[Event], end: float) -> tuple[PhaseSpan, ...]:
    changes = [e for e in events if isinstance(e, PhaseChanged)]
    spans = []
    for change, following in zip(changes, changes[1:] + [None]):
        if change.phase in (Phase.IDLE, Phase.ENDED):
            continue
        t1 = following.t if following is not None else end
        spans.append(PhaseSpan(change.phase, change.t, t1, change.reason))
    return tuple(spans)


def hold_spans(events: list[Event], segments: tuple[Segment, ...], end: float,
               interval_s: float) -> tuple[HoldSpan, ...]:
    holds = []
    changes = [e for e in events if isinstance(e, PhaseChanged)]
    explicit_at = {round(e.t, 3) for e in events
                   if isinstance(e, CallControl) and e.action is CallAction.HOLD}
    resumed = [e.t for e in events
               if isinstance(e, CallControl) and e.action is CallAction.RESUME]
    for i, change in enumerate(changes):
        if change.phase is not Phase.HOLD:
            continue
        t1 = next((c.t for c in changes[i + 1:] if c.phase is not Phase.HOLD), end)
        explicit = round(change.t, 3) in explicit_at
        t0 = change.t if explicit else _waiting_since(change.t, segments, resumed)
        agent = [s for s in segments if s.channel is Channel.AGENT and t0 < s.t0 < t1]
        holds.append(HoldSpan(t0, t1, _update_marks(t0, t1, agent, interval_s), explicit))
    return tuple(holds)


def _waiting_since(noticed: float, segments: tuple[Segment, ...], resumed: list[float]
                   ) -> float:
    """The tracker notices a silent hold some seconds in; the wait began at the last speech."""
    ends = [s.t1 for s in segments if s.t1 <= noticed]
    starts = [t for t in resumed if t <= noticed]
    return max(ends + starts, default=noticed)


def _update_marks(t0: float, t1: float, agent: list[Segment], interval_s: float
                  ) -> tuple[float, ...]:
    marks = []
    due: float | None = t0 + interval_s
    for segment in agent + [Segment(Channel.AGENT, t1, t1)]:
        while due is not None and due <= min(segment.t0, t1):
            marks.append(round(due, 3))
            due += interval_s
        due = segment.t1 + interval_s
    return tuple(marks)


def pace_series(events: list[Event]) -> dict[Channel, PaceSeries]:
    points: dict[Channel, list[tuple[float, float]]] = {ch: [] for ch in Channel}
    for event in events:
        if isinstance(event, PaceReading) and event.rolling_spm is not None:
            points[event.channel].append((event.t, event.rolling_spm))
    return {ch: PaceSeries(ch, tuple(t for t, _ in pts), tuple(v for _, v in pts))
            for ch, pts in points.items()}


def prompt_records(events: list[Event]) -> tuple[PromptRecord, ...]:
    records: list[PromptRecord] = []
    open_: dict[str, PromptRecord] = {}
    for event in events:
        if isinstance(event, PromptRaised):
            if (previous := open_.get(event.prompt.rule)) is not None:
                previous.resolved_t, previous.resolution = event.t, "superseded"
            open_[event.prompt.rule] = record = PromptRecord(event.prompt)
            records.append(record)
        elif isinstance(event, PromptResolved) and (record := open_.pop(event.rule, None)):
            record.resolved_t, record.resolution = event.t, event.reason
    return tuple(records)


def transcript_lines(events: list[Event]) -> tuple[TranscriptLine, ...]:
    """Final recogniser results, spanning their words where the recogniser timed them."""
    lines = []
    for event in events:
        if isinstance(event, Transcript) and event.final and event.text.strip():
            t0 = event.words[0].t0 if event.words else event.t
            t1 = event.words[-1].t1 if event.words else event.t
            lines.append(TranscriptLine(event.channel, t0, t1, event.text))
    return tuple(sorted(lines, key=lambda line: line.t0))
