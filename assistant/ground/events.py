"""The events that flow through the pipeline.

Every event is a small frozen dataclass stamped with *audio time* ``t`` in seconds,
counted from the first sample of the call (sample index / ``SAMPLE_RATE``). Nothing here
ever looks at the wall clock, so a replay at any speed yields the same events as the
live call did.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

SAMPLE_RATE = 16_000
"""Every source resamples to this rate before analysis (the small vosk models expect it)."""


SPEECH_END_LAG_S = 0.5
"""How long after the last voiced sound a ``SpeechEnd`` is reported (the VAD's hangover).

A rule that times how long someone *keeps* talking can only be sure of the speech up to
``now - SPEECH_END_LAG_S``."""


def samples_to_seconds(n: int) -> float:
    return n / SAMPLE_RATE


class Channel(str, enum.Enum):
    AGENT = "agent"
    CALLER = "caller"

    @property
    def other(self) -> Channel:
        return Channel.CALLER if self is Channel.AGENT else Channel.AGENT


# --- observations from per-channel analysis -------------------------------------------


@dataclass(frozen=True)
class SpeechStart:
    channel: Channel
    t: float


@dataclass(frozen=True)
class SpeechEnd:
    """End of a speech segment; ``start`` is the matching ``SpeechStart.t``.

    ``t`` is the end of voicing (the VAD's hangover is already taken off), so
    ``t - start`` is the segment's speaking time.
    """

    channel: Channel
    t: float
    start: float

    @property
    def duration(self) -> float:
        return self.t - self.start


@dataclass(frozen=True)
class LevelReading:
    """Loudness of one analysis block (100 ms): RMS and peak in dBFS.

    ``speaking`` tells whether the VAD considered the block speech; rules about the
    agent's volume only look at speaking blocks.
    """

    channel: Channel
    t: float
    rms_dbfs: float
    peak_dbfs: float
    clipped: bool
    speaking: bool


@dataclass(frozen=True)
class PaceReading:
    """Speaking pace in syllables per minute of *speaking time*.

    ``rolling_spm`` covers the last few seconds of speech (the pack sets how many);
    ``call_spm`` covers the whole call so far. Either is ``None`` until there is enough
    speech to say anything.
    """

    channel: Channel
    t: float
    rolling_spm: float | None
    call_spm: float | None
    syllables: int
    speaking_s: float


@dataclass(frozen=True)
class Word:
    text: str
    t0: float
    t1: float
    conf: float = 1.0


@dataclass(frozen=True)
class Transcript:
    """Recogniser output for one channel.

    ``final`` results are stable; partial ones may still change. ``grammar`` is true
    when the recogniser was restricted to the pack's phrase lists.
    """

    channel: Channel
    t: float
    text: str
    words: tuple[Word, ...] = ()
    final: bool = True
    grammar: bool = False


@dataclass(frozen=True)
class PhraseHit:
    """A phrase from one of the pack's phrase lists was heard.

    ``kind`` is the phrase list's name (``greeting_evening``, ``permission``, ``thanks``,
    ``forbidden``…); ``phrase`` the entry that matched; ``heard`` the recogniser's words
    it matched (工好 for 工号), spoken from ``t0`` to ``t``.
    """

    channel: Channel
    t: float
    kind: str
    phrase: str
    heard: str = ""
    t0: float | None = None


# --- call control and the call's state -------------------------------------------------


class CallAction(str, enum.Enum):
    RING = "ring"
    DIAL = "dial"
    START = "start"
    HOLD = "hold"
    RESUME = "resume"
    END = "end"


@dataclass(frozen=True)
class CallControl:
    """An explicit call event (softphone hook, hotkey, CLI); ``by`` says who hung up."""

    t: float
    action: CallAction
    by: Channel | None = None


class Phase(str, enum.Enum):
    IDLE = "idle"
    GREETING = "greeting"
    CONVERSATION = "conversation"
    HOLD = "hold"
    CLOSING = "closing"
    ENDED = "ended"


@dataclass(frozen=True)
class PhaseChanged:
    t: float
    phase: Phase
    previous: Phase
    reason: str = ""
    since: float | None = None
    """For a hold: when the caller began waiting (the agent's last word, an acknowledgement,
    the softphone's hold), which is before ``t``, when the silence was long enough to tell.
    Every view dates the hold from here."""


@dataclass(frozen=True)
class Tick:
    """Audio time advanced to ``t``: drives every timer (hold update, overtalk length…)."""

    t: float


# --- what the rules say ----------------------------------------------------------------


class Severity(str, enum.Enum):
    INFO = "info"
    WARNING = "warning"


@dataclass(frozen=True)
class Prompt:
    rule: str
    clause: str
    text: str
    t: float
    severity: Severity = Severity.WARNING
    priority: int = 50
    detail: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class PromptRaised:
    prompt: Prompt

    @property
    def t(self) -> float:
        return self.prompt.t


@dataclass(frozen=True)
class PromptResolved:
    rule: str
    t: float
    reason: str


class Status(str, enum.Enum):
    MET = "met"
    MISSED = "missed"
    NOT_CHECKED = "not_checked"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Finding:
    """The call-level verdict of one rule, for the summary, scorecard and report."""

    rule: str
    clause: str
    status: Status
    detail: str = ""
    times: tuple[float, ...] = ()


@dataclass(frozen=True)
class CallJudged:
    """The call is over and judged: every rule's verdict, for the after-call feedback."""

    t: float
    findings: tuple[Finding, ...]


Observation = (
    SpeechStart | SpeechEnd | LevelReading | PaceReading | Transcript | PhraseHit | CallControl
)
Event = Observation | PhaseChanged | Tick | PromptRaised | PromptResolved | CallJudged
