"""Prompt packs: what a supervisor configures, as validated data.

A pack is a TOML file. Its ``[rules.<id>]`` tables switch rules on and off and set their
thresholds, wording, cool-downs and clause; ``[phrases]`` holds the phrase lists the
recogniser listens for; ``[acoustics]`` tunes the model-free analysis. Every error names
the file, the line and the field, so a supervisor can fix a pack without reading code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from assistant.conduct.settings import RuleSettings
from assistant.conduct.settings_live import (
    AnswerWithinRingsRule,
    BackchannelRule,
    CallerHangsUpFirstRule,
    ClosingRecapRule,
    ClosingThanksRule,
    ForbiddenPhraseRule,
    GreetingRule,
    HoldCallbackRule,
    HoldPermissionRule,
    HoldUpdateRule,
    OvertalkRule,
    PaceDriftRule,
    SelfIntroRule,
    VolumeRule,
)
from assistant.conduct.settings_turns import (
    CalmToneRule,
    EscalationRule,
    JargonRule,
    RestateNeedRule,
    ShowUnderstandingRule,
)
from assistant.conduct.settings_words import (
    NoDenialRule,
    OutboundRingsRule,
    PoliteAddressRule,
    PositiveWordingRule,
)
from assistant.ground.datafile import DataFileError, Problem, nearest_line, read_text, validate
from assistant.ground.resources import resources_dir
from assistant.ground.strict import Strict

RULE_IDS = (
    "answer_within_rings",
    "greeting",
    "self_intro",
    "hold_permission",
    "hold_update",
    "hold_callback",
    "closing_recap",
    "closing_thanks",
    "caller_hangs_up_first",
    "pace_drift",
    "volume",
    "overtalk",
    "forbidden_phrase",
    "backchannel",
    "outbound_rings",
    "polite_address",
    "positive_wording",
    "no_denial",
    "restate_need",
    "show_understanding",
    "calm_tone",
    "jargon",
    "escalation",
)

PHRASE_KINDS = (
    "greeting_morning",
    "greeting_afternoon",
    "greeting_evening",
    "greeting_generic",
    "self_intro",
    "permission",
    "lookup",
    "progress",
    "callback",
    "recap",
    "agreement",
    "thanks",
    "closing",
    "farewell",
    "backchannel",
    "caller_wait",
    "forbidden",
    "negative",
    "denial",
    "next_step",
    "restate",
    "understanding",
    "dismissive",
    "jargon",
    "escalation",
    "request",
    "complaint",
    "dissatisfied",
)

RULE_MODELS: dict[str, type[RuleSettings]] = {
    "answer_within_rings": AnswerWithinRingsRule,
    "greeting": GreetingRule,
    "self_intro": SelfIntroRule,
    "hold_permission": HoldPermissionRule,
    "hold_update": HoldUpdateRule,
    "hold_callback": HoldCallbackRule,
    "closing_recap": ClosingRecapRule,
    "closing_thanks": ClosingThanksRule,
    "caller_hangs_up_first": CallerHangsUpFirstRule,
    "pace_drift": PaceDriftRule,
    "volume": VolumeRule,
    "overtalk": OvertalkRule,
    "forbidden_phrase": ForbiddenPhraseRule,
    "backchannel": BackchannelRule,
    "outbound_rings": OutboundRingsRule,
    "polite_address": PoliteAddressRule,
    "positive_wording": PositiveWordingRule,
    "no_denial": NoDenialRule,
    "restate_need": RestateNeedRule,
    "show_understanding": ShowUnderstandingRule,
    "calm_tone": CalmToneRule,
    "jargon": JargonRule,
    "escalation": EscalationRule,
}


class PackInfo(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    name: str = Field(min_length=1)
    version: str = Field(pattern=r"^\d+\.\d+(\.\d+)?$")
    language: Literal["zh", "en", "ko"]
    description: str = ""


class Acoustics(Strict):
    pace_window_s: float = Field(default=20.0, ge=5, le=300)
    pace_min_speech_s: float = Field(default=4.0, ge=1, le=60)
    caller_raised_db: float = Field(default=8.0, ge=2, le=30)
    """The caller's voice counts as raised this far over the caller's own baseline."""
    caller_baseline_s: float = Field(default=3.0, ge=1, le=60)
    """The caller's first speaking time that sets their baseline level."""
    caller_window_s: float = Field(default=1.5, ge=0.5, le=30)
    """The caller's recent speaking time compared with the baseline."""
    caller_overtalk_s: float = Field(default=1.5, ge=0.3, le=10)
    """The caller talking this long over the agent is a cue too."""


class Recording(Strict):
    enabled: bool = False
    retention_days: int = Field(default=30, ge=1, le=3650)


class Recognition(Strict):
    """What a full-text recogniser (Whisper) listens to: channels, and the pack's phrases as
    a hint to the decoder (``hotwords`` or ``prompt``; see bench/whisper_bias.py)."""

    channels: tuple[Literal["agent", "caller"], ...] = ("agent",)
    bias: Literal["off", "hotwords", "prompt"] = "off"


class Matching(Strict):
    """How far heard text may differ from a phrase (free and Whisper text; grammar hits are
    exact). ``errors`` is the share of a phrase's syllables (zh) or words (en) that may be
    heard differently; phrases shorter than ``min_tolerant`` units must match exactly."""

    pinyin: Literal["off", "toned", "toneless"] = "toneless"
    errors: float = Field(default=0.2, ge=0, le=0.5)
    min_tolerant: int = Field(default=5, ge=2, le=20)
    word_similarity: float = Field(default=0.8, ge=0.5, le=1.0)


class Wording(Strict):
    """Context for one forbidden phrase: uses that are not the forbidden one, and the
    standard wording the agent is told to use instead."""

    phrase: str = Field(min_length=1)
    unless: tuple[str, ...] = ()
    instead: str = ""


class Phrases(Strict):
    greeting_morning: tuple[str, ...] = ()
    greeting_afternoon: tuple[str, ...] = ()
    greeting_evening: tuple[str, ...] = ()
    greeting_generic: tuple[str, ...] = ()
    self_intro: tuple[str, ...] = ()
    permission: tuple[str, ...] = ()
    lookup: tuple[str, ...] = ()
    progress: tuple[str, ...] = ()
    callback: tuple[str, ...] = ()
    recap: tuple[str, ...] = ()
    agreement: tuple[str, ...] = ()
    thanks: tuple[str, ...] = ()
    closing: tuple[str, ...] = ()
    farewell: tuple[str, ...] = ()
    backchannel: tuple[str, ...] = ()
    caller_wait: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    denial: tuple[str, ...] = ()
    next_step: tuple[str, ...] = ()
    restate: tuple[str, ...] = ()
    understanding: tuple[str, ...] = ()
    dismissive: tuple[str, ...] = ()
    jargon: tuple[str, ...] = ()
    escalation: tuple[str, ...] = ()
    request: tuple[str, ...] = ()
    complaint: tuple[str, ...] = ()
    dissatisfied: tuple[str, ...] = ()

    @field_validator("*")
    @classmethod
    def _clean(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for phrase in value:
            if not phrase.strip():
                raise ValueError("phrases must not be empty")
        return tuple(p.strip() for p in value)

    def items(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(kind, getattr(self, kind)) for kind in PHRASE_KINDS]


class Rules(Strict):
    answer_within_rings: AnswerWithinRingsRule = AnswerWithinRingsRule()
    greeting: GreetingRule
    self_intro: SelfIntroRule
    hold_permission: HoldPermissionRule
    hold_update: HoldUpdateRule
    hold_callback: HoldCallbackRule
    closing_recap: ClosingRecapRule
    closing_thanks: ClosingThanksRule
    caller_hangs_up_first: CallerHangsUpFirstRule
    pace_drift: PaceDriftRule
    volume: VolumeRule
    overtalk: OvertalkRule
    forbidden_phrase: ForbiddenPhraseRule
    backchannel: BackchannelRule
    outbound_rings: OutboundRingsRule = OutboundRingsRule()
    polite_address: PoliteAddressRule = PoliteAddressRule()
    positive_wording: PositiveWordingRule = PositiveWordingRule()
    no_denial: NoDenialRule = NoDenialRule()
    restate_need: RestateNeedRule = RestateNeedRule()
    show_understanding: ShowUnderstandingRule = ShowUnderstandingRule()
    calm_tone: CalmToneRule = CalmToneRule()
    jargon: JargonRule = JargonRule()
    escalation: EscalationRule = EscalationRule()


class Pack(Strict):
    pack: PackInfo
    acoustics: Acoustics = Acoustics()
    recording: Recording = Recording()
    phrases: Phrases
    recognition: Recognition = Recognition()
    matching: Matching = Matching()
    wording: tuple[Wording, ...] = ()
    rules: Rules

    @model_validator(mode="after")
    def _wording_phrases(self) -> Pack:
        for entry in self.wording:
            if entry.phrase not in self.phrases.forbidden + self.phrases.negative:
                raise ValueError(f"wording for “{entry.phrase}”: the phrase is not in "
                                 f"phrases.forbidden or phrases.negative")
        return self

    def wording_for(self, phrase: str) -> Wording | None:
        return next((w for w in self.wording if w.phrase == phrase), None)

    def rule(self, rule_id: str) -> RuleSettings:
        return getattr(self.rules, rule_id)

    @property
    def language(self) -> str:
        return self.pack.language


PackProblem = Problem


class PackError(DataFileError):
    """A pack could not be loaded; ``problems`` says where and why, one line each."""

    what = "pack"


def rule_placeholders(rule_id: str) -> dict[str, dict[str, str]]:
    """What each wording field of rule ``rule_id`` may name: field → {placeholder: kind}.

    For an editor's pick list: ``{"text": {"waited": "number"}}`` for ``hold_update``; a
    number is best inserted as ``{waited:.0f}`` (see ``placeholders.insert_text``).
    """
    return {field: dict(names) for field, names in RULE_MODELS[rule_id].wording.items()}


def default_pack_path(language: str) -> Path:
    return resources_dir() / "packs" / f"default-{language}.toml"


def load_pack(path: Path | str) -> Pack:
    """Load and validate a pack; raise :class:`PackError` naming file, line and field."""
    path = Path(path)
    return parse_pack(read_text(path, PackError), path)


def parse_pack(text: str, path: Path = Path("<pack>")) -> Pack:
    pack, lines = validate(text, path, Pack, PackError)
    if problems := _unknown_clauses(pack, path, lines):
        raise PackError(problems)
    return pack


def _unknown_clauses(pack: Pack, path: Path, lines: dict[tuple[str, ...], int]
                     ) -> list[PackProblem]:
    from assistant.conduct.clauses import ClauseCatalogue

    catalogue = ClauseCatalogue.load()
    problems = []
    for rule_id in RULE_IDS:
        clause = pack.rule(rule_id).clause
        if clause not in catalogue:
            loc = ("rules", rule_id, "clause")
            problems.append(PackProblem(path, nearest_line(lines, loc), ".".join(loc),
                                        f"'{clause}' is not in the code of conduct's catalogue",
                                        "unknown_clause", (("clause", clause),)))
    return problems
