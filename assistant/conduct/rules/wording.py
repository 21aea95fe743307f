"""Wording (第十一条(5) 规范用语, 第九条): forbidden phrases are flagged as soon as heard."""

from __future__ import annotations

from assistant.conduct.placeholders import render
from assistant.conduct.rules.base import Rule, RuleHost, quote, quotes
from assistant.conduct.settings_live import ForbiddenPhraseRule as ForbiddenPhraseSettings
from assistant.ground.events import (
    Channel,
    Event,
    Finding,
    PhraseHit,
    Severity,
    Status,
    Tick,
    Transcript,
)


class ForbiddenPhraseRule(Rule):
    id = "forbidden_phrase"
    needs_recogniser = True
    settings: ForbiddenPhraseSettings

    def __init__(self, settings: ForbiddenPhraseSettings, engine: RuleHost) -> None:
        super().__init__(settings, engine)
        self.heard: list[PhraseHit] = []
        self.shown_at: float | None = None
        self.agent_heard = False

    def observe(self, event: Event) -> None:
        if isinstance(event, Transcript) and event.channel is Channel.AGENT and event.text:
            self.agent_heard = True
        if isinstance(event, PhraseHit) and event.channel is Channel.AGENT \
                and event.kind == "forbidden":
            self.heard.append(event)
            self.violate(event.t, phrase=event.phrase, heard=event.heard or event.phrase,
                         instead=self._instead(event.phrase))
            if self.active:
                self.shown_at = event.t
        elif isinstance(event, Tick) and self.shown_at is not None \
                and event.t - self.shown_at >= self.settings.show_s:
            self.shown_at = None
            self.resolve(event.t, "shown")

    def _instead(self, phrase: str) -> str:
        """The pack's standard wording for ``phrase``, or ``""``."""
        entry = self.engine.pack.wording_for(phrase)
        return entry.instead if entry is not None else ""

    def prompt(self, t: float, *, severity: Severity = Severity.WARNING, replace: bool = False,
               **fields: object) -> None:
        text = render(self.settings.text, **fields)
        if fields.get("instead"):
            text += render(self.settings.instead_text, **fields)
        self.engine.raise_prompt(self, t, text, severity, replace=replace, detail=fields)

    def finding(self, end: float) -> Finding:
        finding = super().finding(end)
        if finding.status is Status.MET and not self.agent_heard:
            return self.make_finding(Status.NOT_APPLICABLE, "no words of the agent's were heard")
        if self.heard:
            phrases = quotes(quote(hit) for hit in self.heard)
            return self.make_finding(finding.status, phrases, finding.times)
        return finding
