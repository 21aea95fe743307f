"""The one base of every file schema people edit (packs, scenarios, the administrator's
policy): unknown keys are errors, loaded values are frozen, and nothing is silently coerced.

``enabled = "yes"`` or ``rings = true`` is a mistake in the file, not a value to guess at:
pydantic would read ``"yes"`` as a flag and ``true`` as 1, so a switch set by accident or a
number typed as a flag would load without a word.
"""

from __future__ import annotations

import types
import typing

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from assistant.ground.reader import say

MESSAGES = {
    "not_flag": {"en": "must be true or false (without quotes)",
                 "zh": "必须是 true 或 false（不加引号）"},
    "not_number": {"en": "must be a number, not true/false", "zh": "必须是数字，不能是 true/false"},
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_silent_coercion(cls, value: object, info: ValidationInfo) -> object:
        kinds = _kinds(cls.model_fields[info.field_name or ""].annotation)
        if value is None:
            return value
        if kinds == {bool} and not isinstance(value, bool):
            raise ValueError(say(MESSAGES, "not_flag"))
        if kinds & {int, float} and bool not in kinds and isinstance(value, bool):
            raise ValueError(say(MESSAGES, "not_number"))
        return value


def _kinds(annotation: object) -> set[object]:
    """The types a field takes, ``None`` aside (``float | None`` → ``{float}``)."""
    args = typing.get_args(annotation) if isinstance(annotation, types.UnionType) \
        or typing.get_origin(annotation) is typing.Union else (annotation,)
    return {arg for arg in args if arg is not type(None)}
