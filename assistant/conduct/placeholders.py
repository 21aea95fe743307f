"""Placeholders in a pack's wording: one grammar, checked at load and rendered safely.

A rule's wording may name the rule's fields in braces — ``客户已等待 {waited:.0f} 秒`` — with
an optional format (``.0f``, ``>4``). Each rule declares its fields and their kinds
(:data:`NUMBER`, :data:`INTEGER`, :data:`TEXT`, :data:`FLAG`), so a typo (``{wated}``), a
format that does not suit the value (``{waited:d}`` on a number with decimals), attribute
or index access (``{waited.x}``, ``{waited[0]}``) and huge widths are refused when the pack
is validated, signed or loaded. :func:`render` never raises and never builds a long string,
whatever the template: what it cannot fill it leaves as written.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.ground.reader import reader_language, say

NUMBER, INTEGER, TEXT, FLAG = "number", "integer", "text", "flag"
KINDS = (NUMBER, INTEGER, TEXT, FLAG)
MAX_WIDTH = 40
MAX_PRECISION = 6
MAX_RENDERED = 4000
"""A rendered prompt longer than this is cut (a card shows one or two lines)."""

_SAMPLES: dict[str, tuple[object, ...]] = {
    NUMBER: (0.0, 15.4, -3.5, 123456.789, math.inf, math.nan),
    INTEGER: (0, 3, 12345),
    TEXT: ("", "下午好", "too fast"),
    FLAG: (True, False),
}
_SPEC = re.compile(r"^(?:(?P<fill>[^{}])?(?P<align>[<>=^]))?[+\- ]?z?#?0?(?P<width>\d+)?"
                   r"[,_]?(?:\.(?P<precision>\d+))?[bcdeEfFgGnosxX%]?$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

MESSAGES = {
    "syntax": {"en": "unbalanced braces ({detail}); write {{{{ and }}}} for a literal brace",
               "zh": "花括号不成对（{detail}）；要显示花括号本身请写 {{{{ 和 }}}}"},
    "positional": {"en": "an empty or numbered placeholder {{{name}}}: name a field ({fields})",
                   "zh": "占位符 {{{name}}} 没有字段名：请写字段名（{fields}）"},
    "access": {"en": "{{{name}}}: attribute or index access is not allowed; use {{{base}}}",
               "zh": "{{{name}}}：不能访问属性或下标；请写 {{{base}}}"},
    "unknown": {"en": "{{{name}}} is not a field of this rule (misspelt?); fields: {fields}",
                "zh": "{{{name}}} 不是本规则的字段（拼写错误？）；可用字段：{fields}"},
    "no_fields": {"en": "{{{name}}}: this wording has no fields; remove the braces",
                  "zh": "{{{name}}}：此处措辞没有可用字段；请去掉花括号"},
    "conversion": {"en": "{{{name}}}: '!' conversions are not allowed; write {{{base}}}",
                   "zh": "{{{name}}}：不能使用 '!' 转换；请写 {{{base}}}"},
    "format": {"en": "{{{name}}}: format '{spec}' does not suit a {kind} field{hint}",
               "zh": "{{{name}}}：格式 '{spec}' 不适用于{kind}字段{hint}"},
    "too_wide": {"en": "{{{name}}}: width or precision too large (at most {width} and {precision})",
                 "zh": "{{{name}}}：宽度或精度过大（最多 {width} 和 {precision}）"},
}
_KIND_WORDS = {"en": {NUMBER: "number", INTEGER: "whole-number", TEXT: "text", FLAG: "yes/no"},
               "zh": {NUMBER: "数值", INTEGER: "整数", TEXT: "文本", FLAG: "是/否"}}
_HINTS = {NUMBER: {"en": "; for a whole number write {{{name}:.0f}}",
                   "zh": "；显示整数请写 {{{name}:.0f}}"}}


@dataclass(frozen=True)
class Placeholder:
    """One ``{name:spec}`` of a template, as written."""

    name: str
    spec: str
    text: str


def _pieces(template: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return list(string.Formatter().parse(template))


def problems(template: str, fields: Mapping[str, str], lang: str | None = None) -> list[str]:
    """Every reason ``template`` cannot be filled with ``fields`` (name → kind), worded."""
    try:
        pieces = _pieces(template)
    except ValueError as exc:
        return [say(MESSAGES, "syntax", lang, detail=str(exc))]
    names = ", ".join(f"{{{n}}}" for n in fields) or "—"
    out = []
    for _literal, field, spec, conversion in pieces:
        if field is None:
            continue
        written = field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
        base = re.split(r"[.\[]", field, maxsplit=1)[0]
        if not field or field.isdigit():
            out.append(say(MESSAGES, "positional", lang, name=written, fields=names))
        elif base != field:
            out.append(say(MESSAGES, "access", lang, name=written, base=base))
        elif field not in fields:
            key = "unknown" if fields else "no_fields"
            out.append(say(MESSAGES, key, lang, name=written, fields=names))
        elif conversion:
            out.append(say(MESSAGES, "conversion", lang, name=written, base=field))
        elif reason := _spec_problem(field, spec or "", fields[field], lang):
            out.append(reason)
    return out


def _spec_problem(name: str, spec: str, kind: str, lang: str | None) -> str | None:
    match = _SPEC.match(spec)
    if match and _too_wide(match):
        return say(MESSAGES, "too_wide", lang, name=f"{name}:{spec}", width=MAX_WIDTH,
                   precision=MAX_PRECISION)
    if match and all(_formats(sample, spec) for sample in _SAMPLES[kind]):
        return None
    language = lang or reader_language()
    language = language if language in _KIND_WORDS else "en"
    hint = _HINTS.get(kind, {}).get(language, "").format(name=name)
    return say(MESSAGES, "format", lang, name=f"{name}:{spec}", spec=spec,
               kind=_KIND_WORDS[language][kind], hint=hint)


def _too_wide(match: re.Match[str]) -> bool:
    width, precision = match.group("width"), match.group("precision")
    return (width is not None and int(width) > MAX_WIDTH) or \
        (precision is not None and int(precision) > MAX_PRECISION)


def _formats(value: object, spec: str) -> bool:
    try:
        format(value, spec)
    except (ValueError, TypeError, OverflowError):
        return False
    return True


def placeholders_in(template: str) -> list[Placeholder]:
    """The well-formed ``{name…}`` of a template, in order (nothing for a broken one)."""
    try:
        pieces = _pieces(template)
    except ValueError:
        return []
    return [Placeholder(field, spec or "", "{" + field + (f":{spec}" if spec else "") + "}")
            for _lit, field, spec, _conv in pieces if field is not None]


def render(template: str, **fields: object) -> str:
    """Fill ``template``; never raises, never longer than :data:`MAX_RENDERED` characters.

    A placeholder that is unknown, malformed or does not suit its value is left as written,
    so a prompt still shows (a loaded pack has been checked; this is the last line).
    """
    try:
        pieces = _pieces(template)
    except ValueError:
        return template[:MAX_RENDERED]
    out: list[str] = []
    for literal, field, spec, conversion in pieces:
        out.append(literal)
        if field is not None:
            out.append(_fill(field, spec or "", conversion, fields))
    return "".join(out)[:MAX_RENDERED]


def _fill(field: str, spec: str, conversion: str | None, fields: Mapping[str, object]) -> str:
    written = "{" + field + (f"!{conversion}" if conversion else "") + \
        (f":{spec}" if spec else "") + "}"
    match = _SPEC.match(spec)
    if conversion or field not in fields or not _NAME.match(field) or not match \
            or _too_wide(match):
        return written
    try:
        return format(fields[field], spec)
    except Exception:  # noqa: BLE001 - a prompt must show whatever the value's type does
        return written


def insert_text(name: str, kind: str) -> str:
    """What an editor inserts for a picked placeholder: numbers without decimals."""
    return f"{{{name}:.0f}}" if kind == NUMBER else f"{{{name}}}"
