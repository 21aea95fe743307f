"""Polite address (第四条 礼貌称呼, ``kf-4``): the share of 您 over the call.

Counted in the agent's free text (Whisper or vosk free mode): every polite form (您) and
every plain form (你, but not 你们, which names the company, not the caller). Below the
pack's share the clause is missed, with the sentences that used the plain form as the
evidence. After the call only: one 你 is no reason to interrupt the agent. A grammar
recogniser hears only the pack's phrases, never how the agent addresses the caller: then
the rule is not checked. Languages without a polite "you" switch the rule off in the pack.
"""

from __future__ import annotations

from assistant.conduct.rules.base import Rule, RuleHost, clock, quotes
from assistant.conduct.settings_words import PoliteAddressRule as PoliteAddressSettings
from assistant.conduct.tolerant import simplified
from assistant.ground.events import Channel, Event, Finding, Status, Transcript


def count_forms(text: str, forms: tuple[str, ...], unless: tuple[str, ...] = ()) -> int:
    """How often any of ``forms`` occurs in ``text`` outside the words in ``unless``."""
    for word in unless:
        text = text.replace(word, "\0")
    return sum(text.count(form) for form in forms)


class PoliteAddressRule(Rule):
    id = "polite_address"
    needs_recogniser = True
    settings: PoliteAddressSettings

    def __init__(self, settings: PoliteAddressSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.polite = 0
        self.plain: list[tuple[float, str]] = []
        self.free_text = False

    def observe(self, event: Event) -> None:
        if not isinstance(event, Transcript) or event.channel is not Channel.AGENT \
                or not event.final or event.grammar:
            return
        self.free_text = True
        text = simplified(event.text)
        self.polite += count_forms(text, self.settings.polite)
        plain = count_forms(text, self.settings.plain, self.settings.plain_unless)
        self.plain += [(event.t, event.text.strip())] * plain

    @property
    def share(self) -> float:
        total = self.polite + len(self.plain)
        return self.polite / total if total else 1.0

    def finding(self, end: float) -> Finding:
        if not self.state.can_hear(Channel.AGENT):
            return self.make_finding(Status.NOT_CHECKED, "no speech recogniser running")
        if not self.free_text:
            return self.make_finding(Status.NOT_CHECKED,
                                     "the recogniser hears only the pack's phrases")
        total = self.polite + len(self.plain)
        if total < self.settings.min_count:
            return self.make_finding(Status.NOT_APPLICABLE, "too few forms of address to judge")
        if self.share >= self.settings.min_share:
            return self.make_finding(Status.MET, f"您 {self.polite}, 你 {len(self.plain)}")
        heard = quotes(f"“{text}” ({clock(t)})" for t, text in self.plain)
        return self.make_finding(Status.MISSED, f"您 {self.polite}, 你 {len(self.plain)}: "
                                 f"{heard}", [t for t, _ in self.plain])

