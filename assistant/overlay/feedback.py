"""The after-call feedback card: what the call missed and what went well, once it is over.

A cue after its moment is noise live, so a miss the agent could not be told about in time
(a greeting judged while the caller was already talking, words the recogniser handed over
late) is shown here instead: the check, its clause and the standard wording to use next
time. Built from the call's findings when the call ends; the agent dismisses it, and the
next call clears it, so it never shows during a call.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.details import detail_text
from assistant.conduct.pack import Pack
from assistant.conduct.rules.base import AgentProfile
from assistant.ground.events import Finding, Status
from assistant.overlay.greeting import greeting_card

_PHRASE_OF_RULE = {
    "hold_permission": "permission",
    "hold_update": "progress",
    "hold_callback": "callback",
    "closing_recap": "recap",
    "closing_thanks": "thanks",
    "backchannel": "backchannel",
}
MAX_WENT_WELL = 4
WELL_DONE_RULES = ("greeting", "self_intro", "hold_permission", "hold_update", "hold_callback",
                   "closing_recap", "closing_thanks", "caller_hangs_up_first", "backchannel")
"""Checks of something the agent did (said the greeting, updated the caller…): what can
"go well". Prohibitions (no overtalk, no forbidden words) and manner are not listed there."""


@dataclass(frozen=True)
class FeedbackItem:
    rule: str
    clause: str
    clause_label: str
    clause_text: str
    wording: str
    """The standard wording to say (the pack's own phrase); empty where there is none."""
    detail: str


@dataclass(frozen=True)
class AfterCallFeedback:
    missed: tuple[FeedbackItem, ...]
    went_well: tuple[FeedbackItem, ...]
    not_checked: int
    """How many checks could not be made (no model, no caller channel…)."""


def standard_wording(rule: str, pack: Pack, agent: AgentProfile,
                     call_time: datetime | None) -> str:
    """What the pack says the agent should say for ``rule``; "" for a rule about manner."""
    if rule in ("greeting", "self_intro"):
        card = greeting_card(pack, agent, call_time)
        return card.greeting if rule == "greeting" else card.intro
    kind = _PHRASE_OF_RULE.get(rule)
    options = getattr(pack.phrases, kind, ()) if kind else ()
    return options[0] if options else ""


def after_call_feedback(findings: Iterable[Finding], pack: Pack, agent: AgentProfile,
                        call_time: datetime | None, catalogue: ClauseCatalogue,
                        lang: str) -> AfterCallFeedback:
    missed, well, unchecked = [], [], 0
    for f in findings:
        item = FeedbackItem(f.rule, f.clause, catalogue.label(f.clause, lang),
                            catalogue.text(f.clause, lang),
                            standard_wording(f.rule, pack, agent, call_time),
                            detail_text(f.detail, lang))
        if f.status is Status.MISSED:
            missed.append(item)
        elif f.status is Status.MET and f.rule in WELL_DONE_RULES:
            well.append(item)
        elif f.status is Status.NOT_CHECKED:
            unchecked += 1
    return AfterCallFeedback(tuple(missed), tuple(well[:MAX_WENT_WELL]), unchecked)
