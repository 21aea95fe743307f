"""The supervisor's edit model: a pack being edited, validated live, saved as TOML. Qt-free.

The editor window is a thin view over this. Its form is built from :func:`pack_sections`,
which walks the pydantic models, so every field a pack has is editable and a field added
to :mod:`assistant.conduct.pack` appears in the editor without touching the UI. Values
are kept as the widgets give them (a number may still be text being typed) and validated
by the same pydantic models and clause check the loader uses; errors are keyed by dotted
field path (``rules.hold_update.interval_s``), or by the table for rules that relate two
fields (``rules.pace_drift``: "min_spm must be below max_spm").
"""

from __future__ import annotations

import copy
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import annotated_types as at
from pydantic import BaseModel, ValidationError

from assistant.conduct import relations
from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.pack import (
    PHRASE_KINDS,
    RULE_IDS,
    RULE_MODELS,
    Acoustics,
    Pack,
    PackError,
    PackInfo,
    Recording,
    parse_pack,
)
from assistant.conduct.writer import leading_comments, pack_to_toml
from assistant.ground.datafile import read_text
from assistant.ground.safefile import SHARED, write_atomically

Kind = Literal["bool", "int", "float", "text", "choice", "clause", "phrases"]
FieldPath = tuple[str, ...]


@dataclass(frozen=True)
class FieldSpec:
    path: FieldPath
    kind: Kind
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def key(self) -> str:
        return ".".join(self.path)

    def bounds(self) -> str:
        """``≥ 5, ≤ 300`` for a hint beside the field."""
        parts = []
        if self.low is not None:
            parts.append(f"{'>' if self.low_open else '≥'} {self.low:g}")
        if self.high is not None:
            parts.append(f"{'<' if self.high_open else '≤'} {self.high:g}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Section:
    path: FieldPath
    fields: tuple[FieldSpec, ...]

    @property
    def key(self) -> str:
        return ".".join(self.path)

    @property
    def rule_id(self) -> str | None:
        return self.path[1] if self.path[0] == "rules" else None


def model_fields(model: type[BaseModel], prefix: FieldPath) -> tuple[FieldSpec, ...]:
    return tuple(_spec(prefix + (name,), info) for name, info in model.model_fields.items())


def _spec(path: FieldPath, info) -> FieldSpec:
    annotation = info.annotation
    if typing.get_origin(annotation) is Literal:
        return FieldSpec(path, "choice", tuple(typing.get_args(annotation)))
    if typing.get_origin(annotation) is tuple:
        return FieldSpec(path, "phrases")
    if path[-1] == "clause":
        return FieldSpec(path, "clause", tuple(c.id for c in ClauseCatalogue.load()))
    kind: Kind = {bool: "bool", int: "int", float: "float"}.get(annotation, "text")
    low = high = None
    low_open = high_open = False
    for item in info.metadata:
        if isinstance(item, at.Ge):
            low = float(item.ge)
        elif isinstance(item, at.Gt):
            low, low_open = float(item.gt), True
        elif isinstance(item, at.Le):
            high = float(item.le)
        elif isinstance(item, at.Lt):
            high, high_open = float(item.lt), True
    return FieldSpec(path, kind, (), low, high, low_open, high_open)


def pack_sections() -> list[Section]:
    """Every editable field of a pack, grouped as the file is."""
    sections = [
        Section(("pack",), model_fields(PackInfo, ("pack",))),
        Section(("recording",), model_fields(Recording, ("recording",))),
        Section(("acoustics",), model_fields(Acoustics, ("acoustics",))),
        Section(("phrases",), tuple(FieldSpec(("phrases", k), "phrases") for k in PHRASE_KINDS)),
    ]
    sections += [Section(("rules", r), model_fields(RULE_MODELS[r], ("rules", r)))
                 for r in RULE_IDS]
    return sections


class PackDraft:
    """A pack under edit. ``set`` takes raw widget values; ``errors`` and ``pack`` say what
    they amount to. Listeners (plain callables) hear of every change."""

    def __init__(self, pack: Pack, *, header: str = "", path: Path | None = None):
        self._data: dict[str, Any] = _plain(pack.model_dump())
        self.header = header
        self.path = path
        self.dirty = False
        self._listeners: list[Callable[[FieldPath], None]] = []
        self.pack: Pack | None = pack
        self.errors: dict[str, str] = {}
        self.error_kinds: dict[str, ErrorKind] = {}

    @classmethod
    def open(cls, path: Path) -> PackDraft:
        """Read a pack file (signed or not: the signature line is dropped; Export re-signs)."""
        from assistant.rollout.signing import unsigned_body

        text = unsigned_body(read_text(path, PackError))
        return cls(parse_pack(text, path), header=leading_comments(text), path=path)

    def subscribe(self, listener: Callable[[FieldPath], None]) -> None:
        self._listeners.append(listener)

    def get(self, path: FieldPath) -> Any:
        node: Any = self._data
        for part in path:
            node = node[part]
        return node

    def set(self, path: FieldPath, value: Any) -> None:
        node = self._data
        for part in path[:-1]:
            node = node[part]
        if node.get(path[-1]) == value and type(node.get(path[-1])) is type(value):
            return
        node[path[-1]] = list(value) if isinstance(value, tuple) else value
        self.dirty = True
        self.validate()
        for listener in list(self._listeners):
            listener(path)

    @property
    def valid(self) -> bool:
        return self.pack is not None

    def validate(self) -> dict[str, str]:
        """Check the draft as the loader would; keep the pack when it is valid."""
        try:
            pack = Pack.model_validate(self._data)
        except ValidationError as exc:
            self.pack = None
            self.errors, self.error_kinds = {}, {}
            for err in exc.errors():
                key = ".".join(str(p) for p in err["loc"] if not isinstance(p, int))
                self.errors.setdefault(key, _message(err))
                self.error_kinds.setdefault(key, ErrorKind(
                    err["type"], {k: str(v) for k, v in (err.get("ctx") or {}).items()
                                  if k != "error"}))
            self._relation_errors()
            return self.errors
        self.errors = _clause_errors(pack)
        self.error_kinds = {key: ErrorKind("unknown_clause", {"clause": pack.rule(
            key.split(".")[1]).clause}) for key in self.errors}
        self.pack = None if self.errors else pack
        return self.errors

    def _relation_errors(self) -> None:
        """Settings that only make sense together, judged on what is typed so far: shown
        with the other fields' errors, not only once those are fixed. A relation with a
        wrong field of its own waits for that field (its error says what is wrong)."""
        for rule_id in RULE_IDS:
            key = f"rules.{rule_id}"
            values = {name: value for name, value in self._data["rules"][rule_id].items()
                      if f"{key}.{name}" not in self.errors}  # a wrong field says so itself
            for kind in relations.broken(rule_id, values):
                self.errors[key] = relations.message(kind, "en")
                self.error_kinds[key] = ErrorKind(kind)
                break

    def error(self, path: FieldPath) -> str:
        return self.errors.get(".".join(path), "")

    def error_kind(self, path: FieldPath | str) -> ErrorKind | None:
        """What is wrong with a field as a value (pydantic's error type and its limits),
        for a window to word in the reader's language; ``error()`` has the English."""
        key = path if isinstance(path, str) else ".".join(path)
        return self.error_kinds.get(key)

    def to_toml(self) -> str:
        if self.pack is None:
            raise ValueError("the pack has errors: " + "; ".join(
                f"{k}: {v}" for k, v in self.errors.items()))
        return pack_to_toml(self.pack, self.header)

    def save(self, path: Path | None = None) -> Path:
        """Write the (valid) pack as TOML; the file then reads back to the same values."""
        path = path or self.path
        if path is None:
            raise ValueError("no file to save to")
        write_atomically(path, self.to_toml(), mode=SHARED, make_parents=True)
        self.path, self.dirty = path, False
        return path


@dataclass(frozen=True)
class ErrorKind:
    type: str
    """pydantic's error type (``float_parsing``, ``greater_than_equal``…) or
    ``unknown_clause``."""
    fields: dict[str, str] = field(default_factory=dict)
    """Its limits (``ge``, ``le``, ``min_length``…), as text."""


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return copy.copy(value)


def _message(err: dict[str, Any]) -> str:
    if err["type"] == "missing":
        return "required"
    return err["msg"].removeprefix("Value error, ")


def _clause_errors(pack: Pack) -> dict[str, str]:
    catalogue = ClauseCatalogue.load()
    return {f"rules.{r}.clause": f"'{pack.rule(r).clause}' is not in the code of conduct's "
                                 f"catalogue" for r in RULE_IDS
            if pack.rule(r).clause not in catalogue}
