"""A stored call through another pack: what would the agent have seen, how would it score.

Trainers and supervisors ask "if this pack had been on, what changes?". The session keeps
every observation the pipeline made (speech, levels, pace, transcripts, softphone
events), so the call's logic can run again without the audio: the observations go into a
fresh ``CallCore`` with the other pack, in the order and on the 100 ms clock the live
pipeline used, and the core regenerates phrase hits (transcripts are matched against the
new pack's phrase lists), phases, prompts and findings. What the session stored of those
is left out, since it belongs to the old pack.

Re-running with the session's own pack gives back the session's own prompts; the tests
hold it to that, so every difference shown comes from the pack, not from the replay.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from assistant.audio.block import BLOCK_SAMPLES
from assistant.conduct.pack import Pack
from assistant.conduct.rules.base import AgentProfile
from assistant.engine.call_core import CallCore
from assistant.ground.events import (
    SAMPLE_RATE,
    CallAction,
    CallControl,
    Channel,
    Event,
    Finding,
    LevelReading,
    PaceReading,
    PromptRaised,
    PromptResolved,
    SpeechEnd,
    SpeechStart,
    Transcript,
)
from assistant.ground.summary import PromptRecord, Summary
from assistant.sessions.session import Session

OBSERVATIONS = (SpeechStart, SpeechEnd, LevelReading, PaceReading, Transcript, CallControl)
"""What the call's logic is fed; phrase hits, phases and prompts are its output."""

MATCH_S = 1.0
"""Two prompts of the same rule this close in time are the same prompt (maybe changed)."""


def observations(events: Iterable[Event]) -> list[Event]:
    return [e for e in events if isinstance(e, OBSERVATIONS)]


def _tick_time(block: int) -> float:
    return block * BLOCK_SAMPLES / SAMPLE_RATE


def blocks(events: Sequence[Event]) -> Iterator[tuple[int, Event]]:
    """Each stored event with the pipeline block (100 ms) it was emitted in.

    Within a block the pipeline hands over observations sorted by time, then ticks; so a
    block starts where time runs backwards, or at a reading stamped with a later block
    (a level reading carries its block's start, a pace reading its end, a softphone event
    the start of the block it took effect in). What the core derives (phrase hits, phases,
    prompts) belongs to the block of the observation or tick that caused it.
    """
    block, last_t = 0, 0.0
    for event in events:
        if not isinstance(event, OBSERVATIONS):
            yield block, event
            continue
        anchor = None
        if isinstance(event, (LevelReading, CallControl)):
            anchor = round(event.t * SAMPLE_RATE / BLOCK_SAMPLES)
        elif isinstance(event, PaceReading):
            anchor = round(event.t * SAMPLE_RATE / BLOCK_SAMPLES) - 1
        if anchor is not None and anchor > block:
            block = anchor
        elif event.t < last_t - 1e-9:
            block += 1
        last_t = event.t
        yield block, event


def known_times(events: Sequence[Event]) -> list[float]:
    """When each event became known live: the end of the block it was emitted in.

    Not its time stamp: a speech end is reported half a second after it happened, and a
    view at ``t`` must hold exactly what the live view held at ``t``.
    """
    return [max(_tick_time(block + 1), event.t) if not isinstance(event, OBSERVATIONS)
            else _tick_time(block + 1) for block, event in blocks(events)]


def rerun(session: Session, pack: Pack, *, sinks: Sequence = ()) -> Summary:
    """The session's observations through a fresh core with ``pack``; its summary."""
    info = session.info
    recognising = (session.summary.recognising if session.summary is not None else
                   {ch: info.recogniser != "off" and (ch is Channel.AGENT or info.has_caller)
                    for ch in Channel})
    core = CallCore(pack, has_caller=info.has_caller, recognising=recognising,
                    call_time=info.call_time, agent=AgentProfile(info.agent_name, info.agent_id),
                    sinks=sinks)
    observed = observations(session.events)
    end = session.summary.duration_s if session.summary is not None else info.duration_s
    if observed and (last := observed[-1]) and isinstance(last, CallControl) \
            and last.action is CallAction.END and last.by is None and last.t >= end - 1e-6:
        observed = observed[:-1]  # the pipeline's own end-of-call; finish() says it again
    ticked = 0
    last_block = int(end * SAMPLE_RATE // BLOCK_SAMPLES)
    for block, event in blocks(observed):
        while ticked < min(block, last_block):
            ticked += 1
            core.advance(_tick_time(ticked))
        core.observe(event)
    while ticked < last_block:
        ticked += 1
        core.advance(_tick_time(ticked))
    return core.finish(end)


def session_summary(session: Session, pack: Pack) -> Summary:
    """The call's verdict: the stored summary, or for a call that did not finish (a
    recovered session) one recomputed from its stored observations with ``pack``, whose
    prompts are still the ones the agent saw."""
    if session.summary is not None:
        return session.summary
    summary = rerun(session, pack)
    summary.prompts = prompts_from_events(session.events)
    return summary


def recorded_prompts(session: Session) -> list[PromptRecord]:
    """The prompts the agent saw, from the summary or, for a recovered call, its events."""
    if session.summary is not None:
        return list(session.summary.prompts)
    return prompts_from_events(session.events)


def prompts_from_events(events: Iterable[Event]) -> list[PromptRecord]:
    """The same bookkeeping ``CallCore`` keeps: a newer prompt of a rule supersedes one up."""
    out: list[PromptRecord] = []
    up: dict[str, PromptRecord] = {}
    for event in events:
        if isinstance(event, PromptRaised):
            if (previous := up.get(event.prompt.rule)) is not None:
                previous.resolved_t, previous.resolution = event.t, "superseded"
            up[event.prompt.rule] = record = PromptRecord(event.prompt)
            out.append(record)
        elif isinstance(event, PromptResolved) and (record := up.pop(event.rule, None)):
            record.resolved_t, record.resolution = event.t, event.reason
    return out


# --- what changed ---------------------------------------------------------------------


class Change(str, enum.Enum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class PromptChange:
    change: Change
    old: PromptRecord | None
    new: PromptRecord | None

    @property
    def t(self) -> float:
        return (self.new or self.old).prompt.t

    @property
    def rule(self) -> str:
        return (self.new or self.old).prompt.rule

    @property
    def clause(self) -> str:
        return (self.new or self.old).prompt.clause


@dataclass(frozen=True)
class FindingChange:
    change: Change
    old: Finding | None
    new: Finding | None

    @property
    def rule(self) -> str:
        return (self.new or self.old).rule


@dataclass(frozen=True)
class PackDiff:
    pack: Pack
    summary: Summary
    prompts: list[PromptChange]
    findings: list[FindingChange]

    def count(self, change: Change) -> int:
        return sum(c.change is change for c in self.prompts)

    @property
    def unchanged(self) -> bool:
        return not self.prompts and not self.findings


def diff_prompts(old: Sequence[PromptRecord], new: Sequence[PromptRecord], *,
                 within_s: float = MATCH_S) -> list[PromptChange]:
    """Pair prompts of the same rule by nearest time (within ``within_s``); the rest differ."""
    changes: list[PromptChange] = []
    unpaired = list(new)
    for record in old:
        candidates = [n for n in unpaired if n.prompt.rule == record.prompt.rule
                      and abs(n.prompt.t - record.prompt.t) <= within_s]
        if not candidates:
            changes.append(PromptChange(Change.REMOVED, record, None))
            continue
        match = min(candidates, key=lambda n: abs(n.prompt.t - record.prompt.t))
        unpaired.remove(match)
        if _prompt_key(match) != _prompt_key(record):
            changes.append(PromptChange(Change.CHANGED, record, match))
    changes += [PromptChange(Change.ADDED, None, n) for n in unpaired]
    return sorted(changes, key=lambda c: (c.t, c.rule))


def _prompt_key(record: PromptRecord) -> tuple:
    p = record.prompt
    return (round(p.t, 2), p.clause, p.text, p.severity, p.priority)


def diff_findings(old: Sequence[Finding], new: Sequence[Finding]) -> list[FindingChange]:
    before = {f.rule: f for f in old}
    after = {f.rule: f for f in new}
    changes = []
    for rule in list(dict.fromkeys([*before, *after])):
        a, b = before.get(rule), after.get(rule)
        if a is None:
            changes.append(FindingChange(Change.ADDED, None, b))
        elif b is None:
            changes.append(FindingChange(Change.REMOVED, a, None))
        elif (a.status, a.clause, a.times) != (b.status, b.clause, b.times):
            changes.append(FindingChange(Change.CHANGED, a, b))
    return changes


def compare(session: Session, pack: Pack) -> PackDiff:
    """What ``pack`` would have changed in this call: prompts and findings."""
    summary = rerun(session, pack)
    old_findings = session.summary.findings if session.summary is not None else []
    return PackDiff(pack, summary, diff_prompts(recorded_prompts(session), summary.prompts),
                    diff_findings(old_findings, summary.findings))
