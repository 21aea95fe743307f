"""Keeping calm with a heated caller (第九条 对方情绪激动时…耐心地与对方沟通, ``kf-9``).

"Heated" is read from the caller's side only, as sound and behaviour (:mod:`caller_cues`):
the caller's voice raised over their own baseline, or the caller talking over the agent.
Nothing is inferred about the agent's or the caller's emotions. When a cue begins, a
calm-tone reminder shows for ``show_s``. After the call, for each cue's span (and
``after_s`` past it), the clause is missed when the agent's level rose ``agent_raised_db``
over the agent's own level before it, the agent's pace rose ``agent_faster`` over their own
pace before it, or the agent said a dismissive or forbidden phrase. The level is the
agent's loudest reply (one own-voice segment) against all their speech before the cue: one
shouted answer is the miss, however calm the rest.
"""

from __future__ import annotations

import statistics

from assistant.conduct.rules.base import Rule, RuleHost, clock, quote, quotes
from assistant.conduct.rules.caller_cues import CallerCues, Cue, Episode, db
from assistant.conduct.rules.shown import ShownFor
from assistant.conduct.settings_turns import CalmToneRule as CalmToneSettings
from assistant.ground.events import (
    Channel,
    Event,
    Finding,
    LevelReading,
    PaceReading,
    PhraseHit,
    SpeechEnd,
    Status,
    Tick,
)

DISMISSIVE = ("dismissive", "forbidden")
MIN_AGENT_BLOCKS = 10
"""At least this much of the agent's speech (100 ms blocks) on each side to compare levels."""


class CalmToneRule(Rule):
    id = "calm_tone"
    settings: CalmToneSettings

    def __init__(self, settings: CalmToneSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.cues = CallerCues(engine.pack.acoustics)
        self.levels: list[tuple[float, float]] = []
        self.paces: list[tuple[float, float]] = []
        self.turns: list[tuple[float, float]] = []
        self.dismissive: list[PhraseHit] = []
        self.shown = ShownFor()

    def observe(self, event: Event) -> None:
        if (episode := self.cues.observe(event)) is not None:
            word = self.settings.raised_word if episode.cue is Cue.RAISED \
                else self.settings.overtalk_word
            self.prompt(event.t, cue=word, raised=episode.raised_db)
            if self.active:
                self.shown.start(event.t)
        if isinstance(event, LevelReading) and event.channel is Channel.AGENT and event.speaking:
            self.levels.append((event.t, 10 ** (event.rms_dbfs / 10)))
        elif isinstance(event, SpeechEnd) and event.channel is Channel.AGENT:
            self.turns.append((event.start, event.t))
        elif isinstance(event, PaceReading) and event.channel is Channel.AGENT \
                and event.rolling_spm is not None:
            self.paces.append((event.t, event.rolling_spm))
        elif isinstance(event, PhraseHit) and event.channel is Channel.AGENT \
                and event.kind in DISMISSIVE:
            self.dismissive.append(event)
        elif isinstance(event, Tick) and self.shown.expired(event.t, self.settings.show_s):
            self.resolve(event.t, "shown")

    def _problems(self, episode: Episode) -> list[str]:
        """What the agent did during ``episode``, each part dated by the cue's start."""
        cfg = self.settings
        t0, t1 = episode.t0, (episode.t1 or episode.t0) + cfg.after_s
        at = clock(t0)
        problems = []
        before = [e for t, e in self.levels if t < t0]
        turns = [[e for t, e in self.levels if s0 <= t <= s1]
                 for s0, s1 in self.turns if s1 >= t0 and s0 <= t1]
        turns = [blocks for blocks in turns if len(blocks) >= MIN_AGENT_BLOCKS]
        if len(before) >= MIN_AGENT_BLOCKS and turns:
            loudest = max(db(sum(blocks) / len(blocks)) for blocks in turns)
            rise = loudest - db(sum(before) / len(before))
            if rise >= cfg.agent_raised_db:
                problems.append(f"louder by {rise:.0f} dB at {at}")
        pace_before = [spm for t, spm in self.paces if t < t0]
        pace_during = [spm for t, spm in self.paces if t0 <= t <= t1]
        if pace_before and pace_during:
            ratio = statistics.mean(pace_during) / pace_before[-1]
            if ratio >= 1 + cfg.agent_faster:
                problems.append(f"faster by {100 * (ratio - 1):.0f}% at {at}")
        said = [quote(hit) for hit in self.dismissive if t0 <= hit.t <= t1]
        if said:
            problems.append(f"dismissive at {at}: " + quotes(said))
        return problems

    def finding(self, end: float) -> Finding:
        if not self.state.has_caller:
            return self.make_finding(Status.NOT_CHECKED, "no caller channel")
        episodes = self.cues.finish(end)
        if not episodes:
            return self.make_finding(Status.NOT_APPLICABLE,
                                     "the caller's voice was never raised, nor did they talk "
                                     "over the agent")
        missed = [(e, p) for e in episodes if (p := self._problems(e))]
        if not missed:
            words = "" if self.state.can_hear(Channel.AGENT) else " (words not heard)"
            return self.make_finding(Status.MET, f"steady through {len(episodes)} cue(s){words}")
        parts = [part for _, problems in missed for part in problems]
        return self.make_finding(Status.MISSED, "; ".join(parts), [e.t0 for e, _ in missed])
