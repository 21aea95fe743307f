"""Settings of one rule that only make sense together (``min_spm`` below ``max_spm``…).

One table, used twice: the pack's models refuse a pack that breaks a relation (the loader
names the rule's table), and the supervisor's editor checks the relations on the values being
typed even while another field is still wrong, so every problem shows at once. Each relation
has a kind; the loader's message is in the reader's language, the editor words the kind in
its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pydantic_core import PydanticCustomError

from assistant.ground.reader import say

MESSAGES = {
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


@dataclass(frozen=True)
class Relation:
    kind: str
    """The message's key, and the type of the validation error it raises."""
    fields: tuple[str, ...]
    holds: Callable[..., bool]
    """Called with the fields' values, in order."""


RELATIONS: dict[str, tuple[Relation, ...]] = {
    "greeting": (Relation("hours", ("morning_from", "afternoon_from", "evening_from"),
                          lambda morning, afternoon, evening: morning < afternoon < evening),),
    "pace_drift": (Relation("hysteresis", ("resolve_band", "ratio_band"),
                            lambda resolve, ratio: resolve <= ratio),
                   Relation("pace_band", ("min_spm", "max_spm"), lambda low, high: low < high)),
    "volume": (Relation("volume_band", ("quiet_dbfs", "loud_dbfs"),
                        lambda quiet, loud: quiet < loud),),
}


def broken(rule_id: str, values: Mapping[str, object]) -> list[str]:
    """The kinds of relation ``values`` (a rule's table, maybe half typed) break. A relation
    whose fields are not all numbers yet is not judged: the field's own error says so."""
    out = []
    for relation in RELATIONS.get(rule_id, ()):
        numbers = [_number(values.get(name)) for name in relation.fields]
        if None not in numbers and not relation.holds(*numbers):
            out.append(relation.kind)
    return out


def check(rule_id: str, values: Mapping[str, object]) -> None:
    """For a model validator: raise the first broken relation, typed by its kind."""
    for kind in broken(rule_id, values):
        raise PydanticCustomError(kind, say(MESSAGES, kind))


def message(kind: str, lang: str | None = None) -> str:
    return say(MESSAGES, kind, lang)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
