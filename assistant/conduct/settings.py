"""What every pack setting shares: a rule's switch, clause, wording and cool-down, with its
wording's placeholders checked at load (fields are strict: ``assistant.ground.strict``)."""

from __future__ import annotations

import re
from typing import ClassVar

from pydantic import Field, ValidationInfo, field_validator

from assistant.conduct import placeholders as ph
from assistant.ground.strict import Strict

_CLAUSE_ID = re.compile(r"^kf-\d{1,2}(\.\d{1,2})?$")


class RuleSettings(Strict):
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
