"""The clause catalogue: the code of conduct as data, in Chinese with an English rendering.

Ids are ``kf-<article>`` or ``kf-<article>.<item>`` (第十一条(3) → ``kf-11.3``). Every
rule in a prompt pack names one; the overlay, the CLI and reports show its label and text.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.ground.resources import resources_dir


@dataclass(frozen=True)
class Clause:
    id: str
    label_zh: str
    label_en: str
    zh: str
    en: str

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class ClauseCatalogue:
    def __init__(self, title_zh: str, title_en: str, clauses: dict[str, Clause]):
        self.title_zh, self.title_en = title_zh, title_en
        self._clauses = clauses

    @classmethod
    def load(cls, path: Path | None = None) -> ClauseCatalogue:
        return _load(path or resources_dir() / "conduct" / "clauses.toml")

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self._clauses

    def __getitem__(self, clause_id: str) -> Clause:
        return self._clauses[clause_id]

    def __iter__(self) -> Iterator[Clause]:
        return iter(self._clauses.values())

    def label(self, clause_id: str, lang: str = "zh") -> str:
        """``第十一条(3)`` / ``Article 11(3)``; an unknown id is shown as it is."""
        clause = self._clauses.get(clause_id)
        return clause.label(lang) if clause else clause_id

    def text(self, clause_id: str, lang: str = "zh") -> str:
        clause = self._clauses.get(clause_id)
        return clause.text(lang) if clause else ""


@cache
def _load(path: Path) -> ClauseCatalogue:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    code = data.get("code", {})
    clauses = {
        cid: Clause(cid, c["label_zh"], c["label_en"], c["zh"], c["en"])
        for cid, c in data["clauses"].items()
    }
    return ClauseCatalogue(code.get("title_zh", ""), code.get("title_en", ""), clauses)
