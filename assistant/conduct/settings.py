"""What every pack setting shares: strict fields (no silent coercion) and a rule's switch,
clause, wording and cool-down, with its wording's placeholders checked at load."""

from __future__ import annotations

import re
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from assistant.conduct import placeholders as ph
from assistant.ground.reader import say

_CLAUSE_ID = re.compile(r"^kf-\d{1,2}(\.\d{1,2})?$")


MESSAGES = {
    "not_flag": {"en": "must be true or false (without quotes)",
                 "zh": "必须是 true 或 false（不加引号）"},
    "not_number": {"en": "must be a number, not true/false", "zh": "必须是数字，不能是 true/false"},
    "hours": {"en": "morning_from < afternoon_from < evening_from must hold",
              "zh": "必须 上午开始 < 下午开始 < 晚上开始（morning_from < afternoon_from < "
                    "evening_from）"},
    "hysteresis": {"en": "resolve_band must not be wider than ratio_band (it is the hysteresis)",
                   "zh": "解除范围（resolve_band）不能比触发范围（ratio_band）宽"},
    "pace_band": {"en": "min_spm must be below max_spm",
                  "zh": "语速下限（min_spm）必须低于上限（max_spm）"},
    "volume_band": {"en": "quiet_dbfs must be below loud_dbfs",
                    "zh": "过小阈值（quiet_dbfs）必须低于过大阈值（loud_dbfs）"},
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_silent_coercion(cls, value: object, info: ValidationInfo) -> object:
        """``enabled = "yes"`` or ``rings = true`` is a mistake, not a value to guess at."""
        annotation = cls.model_fields[info.field_name or ""].annotation
        if annotation is bool and not isinstance(value, bool):
            raise ValueError(say(MESSAGES, "not_flag"))
        if annotation in (int, float) and isinstance(value, bool):
            raise ValueError(say(MESSAGES, "not_number"))
        return value


class RuleSettings(_Strict):
    """What every rule has: a switch, its clause, its wording and how often it may speak."""

    enabled: bool = True
    clause: str
    text: str = Field(min_length=1)
    cooldown_s: float = Field(default=30.0, ge=0, le=3600)
    priority: int = Field(default=50, ge=0, le=100)

    wording: ClassVar[dict[str, dict[str, str]]] = {"text": {}}
    """Each wording field and the placeholders it may use (name → kind, see ``placeholders``)."""

    @field_validator("*")
    @classmethod
    def _placeholders(cls, value: object, info: ValidationInfo) -> object:
        fields = cls.wording.get(info.field_name or "")
        if fields is not None and isinstance(value, str):
            if found := ph.problems(value, fields):
                raise ValueError("; ".join(found))
        return value

    @field_validator("clause")
    @classmethod
    def _clause_id(cls, value: str) -> str:
        if not _CLAUSE_ID.match(value):
            raise ValueError(f"'{value}' is not a clause id like 'kf-11.3' or 'kf-5'")
        return value
