"""A recorded session as a trainer replays it: lanes on a timeline, and the overlay at any time.

``ReplayModel`` turns a stored ``Session`` into what the replay window draws, without Qt:

- speech spans and a loudness envelope per channel (from the audio when it is there,
  else from the level readings), the pace curves of both with the ``pace_drift`` band
  around the caller's pace, hold spans with the moments an update was due, phase bands,
  every prompt with its clause and when it went away, the transcript;
- ``overlay_at(t)``: the overlay's own view model (``OverlayState``) as it stood at ``t``,
  from checkpoints (:mod:`assistant.sessions.replay.seek`), so scrubbing an hour is smooth;
- the per-clause scorecard (:mod:`assistant.sessions.scorecard`).

The pack comes from the session itself (``pack_text``), so bands and intervals are those
the agent was held to. A damaged pack or a missing audio file is no reason to refuse a
replay: the model falls back (the default pack for the language; the level readings) and
says so in ``problems``.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.pack import Pack, PackError, default_pack_path, load_pack, parse_pack
from assistant.conduct.rules.base import AgentProfile
from assistant.conduct.rules.hold import HoldClock, wait_began
from assistant.conduct.rules.pace import pace_band, usable_pace
from assistant.ground.events import (
    CallAction,
    CallControl,
    Channel,
    Event,
    LevelReading,
    PaceReading,
    Phase,
    PhaseChanged,
    PhraseHit,
    PromptRaised,
    PromptResolved,
    SpeechEnd,
    SpeechStart,
    Tick,
    Transcript,
)
from assistant.ground.summary import PromptRecord
from assistant.sessions.replay import envelope
from assistant.sessions.replay.envelope import Envelope
from assistant.sessions.replay.rerun import known_times, recorded_prompts, session_summary
from assistant.sessions.replay.seek import Seeker
from assistant.sessions.scorecard import ScoreRow, scorecard
from assistant.sessions.session import Session

OVERLAY_EVENTS = (SpeechStart, SpeechEnd, PaceReading, PhraseHit, CallControl, PhaseChanged,
                  PromptRaised, PromptResolved)
"""What the overlay's state reacts to; level readings and transcripts it ignores."""


@dataclass(frozen=True)
class Span:
    start: float
    end: float


@dataclass(frozen=True)
class PaceCurve:
    """Rolling pace readings of one channel; ``spm`` is NaN where there was none yet."""

    t: np.ndarray
    spm: np.ndarray
    ready: np.ndarray
    """Whether the reading covered enough speech to count (the rule's ``min_speaking_s``)."""


@dataclass(frozen=True)
class PaceBand:
    """Where the agent's pace belonged from ``t[i]`` until ``t[i + 1]``: a step function."""

    t: np.ndarray
    low: np.ndarray
    high: np.ndarray
    relative: np.ndarray
    """True where the band followed the caller, false where it is the pack's absolute one."""


@dataclass(frozen=True)
class HoldSpan:
    start: float
    end: float
    since: float
    """When the caller began waiting (the agent's last words, or the softphone's hold)."""
    marks: tuple[float, ...]
    """When an update to the caller was due: every ``interval_s`` of the agent's silence."""


@dataclass(frozen=True)
class PhaseBand:
    start: float
    end: float
    phase: Phase


@dataclass(frozen=True)
class TranscriptLine:
    start: float
    t: float
    channel: Channel
    text: str
    grammar: bool = False
    """Phrase hits of a grammar recogniser (it can only say pack phrases), not what was said."""


@dataclass
class ReplayModel:
    session: Session
    pack: Pack
    lang: str
    duration: float
    channels: tuple[Channel, ...]
    speech: dict[Channel, list[Span]]
    levels: dict[Channel, Envelope]
    level_source: str
    """``audio`` or ``readings``."""
    pace: dict[Channel, PaceCurve]
    band: PaceBand
    holds: list[HoldSpan]
    phases: list[PhaseBand]
    prompts: list[PromptRecord]
    """Every prompt of the call, in time order."""
    transcript: list[TranscriptLine]
    scores: list[ScoreRow]
    audio_path: Path | None
    problems: list[str] = field(default_factory=list)
    """What could not be used, for the window to say (pack, audio, summary)."""
    _seeker: Seeker | None = None

    # --- building ---------------------------------------------------------------------

    @classmethod
    def build(cls, session: Session, audio_path: Path | None = None, *,
              lang: str = "zh") -> ReplayModel:
        problems: list[str] = []
        pack = session_pack(session, problems)
        events = session.events
        info = session.info
        duration = max([info.duration_s, session.summary.duration_s if session.summary else 0.0,
                        *(e.t for e in events[-50:])] or [0.0])
        channels = (Channel.AGENT, Channel.CALLER) if info.has_caller else (Channel.AGENT,)
        levels, source, audio = _levels(events, channels, duration, audio_path, problems)
        catalogue = ClauseCatalogue.load()
        if session.summary is None:
            problems.append("no summary stored (the call did not finish normally): the "
                            "scorecard is recomputed from the stored observations")
        findings = session_summary(session, pack).findings
        return cls(
            session=session, pack=pack, lang=lang, duration=duration, channels=channels,
            speech=_speech(events, channels, duration), levels=levels, level_source=source,
            pace={ch: _pace(events, ch, pack) for ch in channels},
            band=_band(events, pack), holds=hold_spans(events, pack, duration),
            phases=_phases(events, duration),
            prompts=sorted(recorded_prompts(session), key=lambda r: r.t),
            transcript=_transcript(events), scores=scorecard(findings, lang, catalogue),
            audio_path=audio, problems=problems,
        )

    # --- the overlay at the playhead ----------------------------------------------------

    def overlay_at(self, t: float):
        """``OverlayState`` at audio time ``t`` (valid until the next call)."""
        if self._seeker is None:
            self._seeker = self._make_seeker()
        return self._seeker.at(min(max(t, 0.0), self.duration))

    def _make_seeker(self) -> Seeker:
        # The overlay's view model is Qt-free; it lives with the UI because it is the
        # overlay's, and it is imported here only when a replay asks for it.
        from assistant.engine.assembly import call_setup
        from assistant.overlay.state import OverlayState

        info, summary = self.session.info, self.session.summary
        recognising = frozenset(ch for ch in self.channels if (
            summary.recognising.get(ch) if summary else info.recogniser != "off"))
        catalogue = ClauseCatalogue.load()
        agent = AgentProfile(info.agent_name, info.agent_id)
        setup = call_setup(0.0, has_caller=info.has_caller, recognising=recognising,
                           call_time=info.call_time, language=self.pack.language,
                           mode=info.recogniser)

        def make() -> OverlayState:
            state = OverlayState(self.pack, agent=agent, lang=self.lang, catalogue=catalogue)
            state(setup)
            return state

        shared = {id(self.pack): self.pack, id(catalogue): catalogue}

        def clone(state: OverlayState) -> OverlayState:
            return copy.deepcopy(state, dict(shared))

        stored = self.session.events
        wanted = [i for i, e in enumerate(stored) if isinstance(e, OVERLAY_EVENTS)]
        known = known_times(stored)
        return Seeker([stored[i] for i in wanted], make, known=[known[i] for i in wanted],
                      advance=lambda s, t: s(Tick(t)), clone=clone)

    # --- lookups the views need -----------------------------------------------------------

    def clause_label(self, clause: str) -> str:
        """The clause as the trainer reads it (第十一条(3) / Article 11(3))."""
        return ClauseCatalogue.load().label(clause, self.lang)

    def phase_at(self, t: float) -> Phase:
        for band in self.phases:
            if band.start <= t < band.end:
                return band.phase
        return self.phases[-1].phase if self.phases else Phase.IDLE

    def transcript_index(self, t: float) -> int | None:
        """The transcript line being spoken (or last spoken) at ``t``."""
        i = bisect_right([line.start for line in self.transcript], t) - 1
        return i if i >= 0 else None

    def set_notes(self, notes: list) -> None:
        self.session.notes = list(notes)


def session_pack(session: Session, problems: list[str]) -> Pack:
    """The pack the call ran with; else the language's default, saying so."""
    language = session.info.language
    if session.pack_text.strip():
        try:
            return parse_pack(session.pack_text, Path(f"<pack of session {session.info.id}>"))
        except PackError as exc:
            problems.append(f"the session's pack cannot be read ({exc}); bands and intervals "
                            f"are those of the default {language} pack")
    else:
        problems.append(f"the session stores no pack; bands and intervals are those of the "
                        f"default {language} pack")
    try:
        return load_pack(default_pack_path(language))
    except (PackError, FileNotFoundError):
        return load_pack(default_pack_path("zh"))


# --- lanes ------------------------------------------------------------------------------


def _levels(events: list[Event], channels: tuple[Channel, ...], duration: float,
            audio_path: Path | None, problems: list[str]
            ) -> tuple[dict[Channel, Envelope], str, Path | None]:
    if audio_path is not None:
        if not audio_path.exists():
            problems.append(f"the audio file {audio_path} is missing: replay without sound; "
                            f"the loudness lanes come from the stored level readings")
        else:
            try:
                found = envelope.from_audio(audio_path)
            except (RuntimeError, OSError, ValueError) as exc:
                problems.append(f"the audio file {audio_path} cannot be read ({exc}): replay "
                                f"without sound")
            else:
                return dict(zip(channels, found)), "audio", audio_path
    readings = [e for e in events if isinstance(e, LevelReading)]
    return ({ch: envelope.from_readings(readings, ch, duration) for ch in channels},
            "readings", None)


def _speech(events: list[Event], channels: tuple[Channel, ...],
            duration: float) -> dict[Channel, list[Span]]:
    spans: dict[Channel, list[Span]] = {ch: [] for ch in channels}
    open_: dict[Channel, float] = {}
    for e in events:
        if isinstance(e, SpeechStart) and e.channel in spans:
            open_[e.channel] = e.t
        elif isinstance(e, SpeechEnd) and e.channel in spans:
            open_.pop(e.channel, None)
            spans[e.channel].append(Span(e.start, e.t))
    for ch, start in open_.items():
        spans[ch].append(Span(start, duration))
    return spans


def _pace(events: list[Event], channel: Channel, pack: Pack) -> PaceCurve:
    readings = [e for e in events if isinstance(e, PaceReading) and e.channel is channel]
    cfg = pack.rules.pace_drift
    return PaceCurve(
        np.array([r.t for r in readings], dtype=np.float64),
        np.array([np.nan if r.rolling_spm is None else r.rolling_spm for r in readings]),
        np.array([usable_pace(cfg, r) is not None for r in readings]),
    )


def _band(events: list[Event], pack: Pack) -> PaceBand:
    """The ``pace_drift`` rule's band over time (the one the overlay's gauge shades)."""
    cfg = pack.rules.pace_drift
    t, low, high, rel = [0.0], [cfg.min_spm], [cfg.max_spm], [False]
    for e in events:
        if not isinstance(e, PaceReading) or e.channel is not Channel.CALLER:
            continue
        caller = usable_pace(cfg, e)
        lo, hi = pace_band(cfg, caller)
        if (lo, hi) != (low[-1], high[-1]):
            t.append(e.t), low.append(lo), high.append(hi), rel.append(caller is not None)
    return PaceBand(np.array(t), np.array(low), np.array(high), np.array(rel))


def hold_spans(events: Iterable[Event], pack: Pack, duration: float) -> list[HoldSpan]:
    """Holds and their update marks, on the ``hold_update`` rule's own clock (the one the
    overlay's hold ring runs): every due time that passed is a mark."""
    clock = HoldClock(pack.rules.hold_update.interval_s)
    spans: list[HoldSpan] = []
    last_agent_end: float | None = None
    explicit_at: float | None = None
    start: float | None = None
    marks: list[float] = []

    def roll(until: float) -> None:
        marks.extend(round(due, 3) for due in clock.advance(until))

    for e in events:
        if start is not None:
            roll(e.t)
        if isinstance(e, CallControl) and e.action is CallAction.HOLD:
            explicit_at = e.t
        elif isinstance(e, SpeechEnd) and e.channel is Channel.AGENT:
            last_agent_end = e.t
            clock.agent_ended(e.t)
            roll(e.t)
        elif isinstance(e, SpeechStart) and e.channel is Channel.AGENT:
            clock.agent_started()
        elif isinstance(e, PhaseChanged):
            if e.phase is Phase.HOLD and start is None:
                start, marks = e.t, []
                clock.start(wait_began(e, explicit_hold_at=explicit_at,
                                       last_agent_end=last_agent_end))
                roll(e.t)
            elif e.phase is not Phase.HOLD and start is not None and clock.since is not None:
                spans.append(HoldSpan(start, e.t, clock.since, tuple(marks)))
                start = None
                clock.stop()
    if start is not None and clock.since is not None:
        roll(duration)
        spans.append(HoldSpan(start, duration, clock.since, tuple(marks)))
    return spans


def _phases(events: list[Event], duration: float) -> list[PhaseBand]:
    bands: list[PhaseBand] = []
    phase, since = Phase.IDLE, 0.0
    for e in events:
        if isinstance(e, PhaseChanged) and e.phase is not phase:
            start = e.t if e.since is None else max(since, min(e.since, e.t))  # a hold: from
            if start > since:                                                  # the wait's start
                bands.append(PhaseBand(since, start, phase))
            phase, since = e.phase, start
    if duration > since:
        bands.append(PhaseBand(since, duration, phase))
    return bands


def _transcript(events: list[Event]) -> list[TranscriptLine]:
    lines = [TranscriptLine(e.words[0].t0 if e.words else e.t, e.t, e.channel,
                            readable(e.text), e.grammar)
             for e in events if isinstance(e, Transcript) and e.final and e.text.strip()]
    return sorted(lines, key=lambda line: line.start)


_BETWEEN_HAN = re.compile(r"(?<=[\u3400-\u9fff#＃]) (?=[\u3400-\u9fff#＃])")


def readable(text: str) -> str:
    """A recogniser's Mandarin comes one character or word per token; people read it joined."""
    return _BETWEEN_HAN.sub("", " ".join(text.split()))
