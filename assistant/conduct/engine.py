"""Runs the pack's rules over the call's events and keeps the agent from being nagged.

The engine owns what the agent sees: which prompts are up, cool-downs between repeats of
the same rule, and resolving what is left when the call ends. Rules own when a prompt is
due and when it is answered.

A prompt lands within its moment or not at all: one whose moment (its ``t``, e.g. the
words it is about) lies more than ``LIVE_WITHIN_S`` behind the audio the engine has
reached (a recogniser that heard the words late) is withheld; the violation still counts
and the after-call feedback names it.
"""

from __future__ import annotations

from assistant.call.tracker import CallState
from assistant.conduct.pack import Pack
from assistant.conduct.rules import RULE_CLASSES
from assistant.conduct.rules.base import AgentProfile, Rule
from assistant.ground.events import Event, Finding, Prompt, PromptRaised, PromptResolved, Severity

LIVE_WITHIN_S = 1.5
"""A live prompt shows at most this long after its moment (phrase prompts: the words)."""


class RuleEngine:
    def __init__(self, pack: Pack, state: CallState, agent: AgentProfile = AgentProfile()):
        self.pack = pack
        self.state = state
        self.agent = agent
        self.rules: list[Rule] = [
            cls(pack.rule(rule_id), self)
            for rule_id, cls in RULE_CLASSES.items()
            if pack.rule(rule_id).enabled
        ]
        self._active: dict[str, Prompt] = {}
        self._last_raised: dict[str, float] = {}
        self._out: list[PromptRaised | PromptResolved] = []
        self.now = 0.0
        self.withheld: list[Prompt] = []
        """Prompts that would have come too late to show live, in the order they fell due."""

    def observe(self, event: Event) -> list[PromptRaised | PromptResolved]:
        self.now = max(self.now, event.t)
        for rule in self.rules:
            rule.observe(event)
        out, self._out = self._out, []
        return out

    def raise_prompt(self, rule: Rule, t: float, text: str, severity: Severity, *,
                     replace: bool = False, detail: dict[str, object] | None = None) -> None:
        if rule.id in self._active and not replace:
            return
        last = self._last_raised.get(rule.id)
        if rule.id not in self._active and last is not None and t - last < rule.settings.cooldown_s:
            return
        prompt = Prompt(rule.id, rule.settings.clause, text, round(t, 3), severity,
                        rule.settings.priority, dict(detail or {}))
        if self.now - t > LIVE_WITHIN_S:
            self.withheld.append(prompt)
            return
        self._active[rule.id] = prompt
        self._last_raised[rule.id] = t
        self._out.append(PromptRaised(prompt))

    def resolve(self, rule_id: str, t: float, reason: str) -> None:
        if self._active.pop(rule_id, None) is not None:
            self._out.append(PromptResolved(rule_id, round(t, 3), reason))

    def is_active(self, rule_id: str) -> bool:
        return rule_id in self._active

    @property
    def active(self) -> list[Prompt]:
        """Prompts up now, the one to show first at the front."""
        return sorted(self._active.values(), key=lambda p: (-p.priority, -p.t))

    def finish(self, t: float) -> tuple[list[PromptRaised | PromptResolved], list[Finding]]:
        for rule_id in list(self._active):
            self.resolve(rule_id, t, "call ended")
        out, self._out = self._out, []
        return out, [rule.finding(t) for rule in self.rules]
