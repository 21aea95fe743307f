"""Settings of the rules that prompt while the call runs: answering within the rings
(第十一条(1)), the greeting and self-introduction (第十一条(2), 第四条), asking before a hold
and updating the caller during it (第十一条(3)), the closing recap, thanks and who hangs up
(第十一条(4), 第十二条(4)), pace and volume (第五条), overtalk and backchannels (第十二条) and
forbidden phrases (第九条). Each is a ``[rules.<id>]`` table of a pack."""

from __future__ import annotations

from pydantic import Field, model_validator

from assistant.conduct import placeholders as ph
from assistant.conduct import relations
from assistant.conduct.settings import RuleSettings


class AnswerWithinRingsRule(RuleSettings):
    """Optional in a pack file: the softphone must report ringing for it to apply."""
    wording = {"text": {"rings": ph.INTEGER, "waited_s": ph.INTEGER}}

    clause: str = "kf-11.1"
    text: str = "电话已响铃 {rings} 声，请立即接听"
    rings: int = Field(default=3, ge=1, le=10)
    ring_s: float = Field(default=4.0, gt=0, le=10)
    """One ring cycle (ring + pause); about 4 s on Chinese and most European lines."""
    priority: int = Field(default=90, ge=0, le=100)

    @property
    def limit_s(self) -> float:
        return self.rings * self.ring_s


class GreetingRule(RuleSettings):
    wording = {"text": {"greeting": ph.TEXT}}
    accept_generic: bool = False
    window_s: float = Field(default=12.0, gt=0, le=120)
    morning_from: int = Field(default=5, ge=0, le=23)
    afternoon_from: int = Field(default=12, ge=0, le=23)
    evening_from: int = Field(default=18, ge=0, le=23)

    @model_validator(mode="after")
    def _ordered(self) -> GreetingRule:
        relations.check("greeting", self.__dict__)
        return self


class SelfIntroRule(RuleSettings):
    wording = {"text": {"intro": ph.TEXT}, "intro": {"name": ph.TEXT, "agent_id": ph.TEXT}}
    window_s: float = Field(default=15.0, gt=0, le=120)
    intro: str = "{name} {agent_id}"


class HoldPermissionRule(RuleSettings):
    lookback_s: float = Field(default=20.0, gt=0, le=300)
    grace_s: float = Field(default=8.0, ge=0, le=120)


class HoldUpdateRule(RuleSettings):
    wording = {"text": {"waited": ph.NUMBER}}
    silence_s: float = Field(default=4.0, gt=0, le=60)
    interval_s: float = Field(default=15.0, ge=5, le=300)
    auto_resolve_s: float = Field(default=10.0, gt=0, le=120)


class HoldCallbackRule(RuleSettings):
    wording = {"text": {"waited": ph.NUMBER}}
    after_s: float = Field(default=30.0, ge=5, le=3600)


class ClosingRecapRule(RuleSettings):
    lookback_s: float = Field(default=90.0, gt=0, le=1800)


class ClosingThanksRule(RuleSettings):
    pass


class CallerHangsUpFirstRule(RuleSettings):
    pass


_PACE_FIELDS = {"direction": ph.TEXT, "agent": ph.NUMBER, "caller": ph.NUMBER,
                "low": ph.NUMBER, "high": ph.NUMBER}


class PaceDriftRule(RuleSettings):
    wording = {"text": _PACE_FIELDS, "text_absolute": _PACE_FIELDS, "text_no_caller": _PACE_FIELDS}
    ratio_band: float = Field(default=0.25, ge=0.10, le=2.0)
    resolve_band: float = Field(default=0.15, ge=0.0, le=2.0)
    min_spm: float = Field(default=120.0, ge=0)
    max_spm: float = Field(default=280.0, gt=0)
    sustain_s: float = Field(default=6.0, ge=0, le=120)
    min_speaking_s: float = Field(default=10.0, ge=1, le=600)
    reading_margin: float = Field(default=0.06, ge=0.0, le=0.5)
    """How far a pace reading strays from the true pace: the reading must be past the band
    by more than this share of it before the agent is told, so a true pace just inside
    the band is never called outside it. The default is the 90th percentile of the size of
    the rolling reading's error on the tuning natural calls on five floors (6.3 %; the
    95th is 8.3 %; ``bench/pace_rolling.py``)."""
    fast_word: str = "too fast"
    slow_word: str = "too slow"
    text_absolute: str = ("Pace {direction}: you {agent:.0f} syllables/min, outside the "
                          "{low:.0f}–{high:.0f} any listener follows")
    """Wording when the agent is outside ``min_spm``–``max_spm``, whatever the caller's pace."""
    text_no_caller: str = ("Pace {direction}: you {agent:.0f} syllables/min (no caller "
                           "channel: judged on {low:.0f}–{high:.0f} alone)")
    """Wording when there is no caller channel to compare with."""

    @model_validator(mode="after")
    def _bands(self) -> PaceDriftRule:
        relations.check("pace_drift", self.__dict__)
        return self


class VolumeRule(RuleSettings):
    wording = {"text": {"direction": ph.TEXT, "level": ph.NUMBER, "clipping": ph.FLAG}}
    loud_dbfs: float = Field(default=-10.0, le=0)
    quiet_dbfs: float = Field(default=-42.0, le=0)
    hysteresis_db: float = Field(default=3.0, ge=0, le=20)
    window_s: float = Field(default=4.0, gt=0, le=60)
    clip_blocks: int = Field(default=3, ge=1, le=100)
    loud_word: str = "too loud"
    quiet_word: str = "too quiet"

    @model_validator(mode="after")
    def _band(self) -> VolumeRule:
        relations.check("volume", self.__dict__)
        return self


class OvertalkRule(RuleSettings):
    wording = {"text": {"overlap": ph.NUMBER, "cut_in": ph.NUMBER}}
    min_overlap_s: float = Field(default=1.0, gt=0, le=10)
    caller_turn_min_s: float = Field(default=0.5, ge=0, le=10)


class ForbiddenPhraseRule(RuleSettings):
    wording = {"text": {"phrase": ph.TEXT}}
    show_s: float = Field(default=6.0, gt=0, le=60)
    instead_text: str = "“{instead}”"
    """Added to the prompt when the pack's ``[[wording]]`` gives the standard wording."""


class BackchannelRule(RuleSettings):
    wording = {"text": {"talked": ph.NUMBER}}
    after_s: float = Field(default=20.0, ge=5, le=300)
